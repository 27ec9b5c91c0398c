public import OrganizerSyncCore

/// Applies one target's mapping to a directory snapshot.
///
/// It decides who is in scope, their provider fields and their licences. Pure: no I/O, same input, same output.
public struct AccountMapper: Sendable {
    /// The mapping applied.
    public let mapping: TargetMapping
    /// Where each field's value goes in an ``AccountFields``, worked out once (by field name).
    private let roles: [FieldRole]
    /// The position of the first field named `email`, if any.
    private let emailField: Int?

    /// Where a mapped field's value goes.
    private enum FieldRole {
        case email, firstName, lastName, displayName
        case provider(String)
    }

    /// - Parameter mapping: the target's loaded mapping.
    public init(mapping: TargetMapping) {
        self.mapping = mapping
        roles = mapping.fields.map { field in
            switch field.name {
            case "email": .email
            case "first_name": .firstName
            case "last_name": .lastName
            case "display_name": .displayName
            default: .provider(field.name)
            }
        }
        emailField = mapping.fields.firstIndex { $0.name == "email" }
    }

    /// The desired accounts for a snapshot, with the users that could not be mapped.
    /// - Parameter snapshot: a complete directory read.
    /// - Returns: desired accounts (in snapshot order), problems and the out-of-scope count.
    public func map(_ snapshot: DirectorySnapshot) -> MappingResult {
        let index = DirectoryIndex(groups: snapshot.groups)
        var accounts: [DesiredAccount] = []
        var problems: [MappingProblem] = []
        var outOfScope = 0
        for group in mapping.referencedGroups where !index.contains(group) {
            problems.append(
                MappingProblem(
                    code: .unknownGroup,
                    message: "the mapping names \(group), which the directory does not have"
                )
            )
        }
        // The same decisions as `explain`, without building an explanation per user.
        let resolvesGroups = !mapping.referencedGroups.isEmpty
        accounts.reserveCapacity(snapshot.users.count)
        for user in snapshot.users {
            let subject = MappingSubject(user, index: index, resolvesGroups: resolvesGroups)
            let decision = decide(subject, evaluatesOutOfScope: false)
            guard decision.isSelected else {
                outOfScope += 1
                continue
            }
            switch account(for: user, decision) {
            case .mapped(_, var account):
                problems += holdToContract(&account.fields, anchor: user.anchor, dn: user.dn)
                accounts.append(account)
            case .unmapped(let outcome): problems.append(problem(outcome, anchor: user.anchor, dn: user.dn))
            }
        }
        return MappingResult(accounts: accounts, problems: problems, outOfScopeCount: outOfScope)
    }

    /// Every decision for one user: scope checks, mapped values (even when out of scope), licence rule.
    /// - Parameters:
    ///   - user: the directory user.
    ///   - snapshot: the snapshot the user comes from (for group names).
    /// - Returns: the explanation; its `account` is what ``map(_:)`` would produce for the user.
    public func explain(_ user: DirectoryUser, in snapshot: DirectorySnapshot) -> UserExplanation {
        explain(MappingSubject(user, index: DirectoryIndex(groups: snapshot.groups)), evaluatesOutOfScope: true)
    }

    func explain(_ subject: MappingSubject, evaluatesOutOfScope: Bool) -> UserExplanation {
        let user = subject.user
        let decision = decide(subject, evaluatesOutOfScope: evaluatesOutOfScope)
        var explanation = UserExplanation(
            anchor: user.anchor,
            dn: user.dn,
            isEnabled: user.isEnabled,
            scopeChecks: decision.checks,
            outcome: .outOfScope,
            fields: []
        )
        guard decision.isSelected || evaluatesOutOfScope else { return explanation }
        explanation.fields = zip(mapping.fields, decision.values).map { field, value in
            .init(name: field.name, expression: field.expression.source, value: value)
        }
        explanation.licenceRule = decision.chosen?.rule
        explanation.grant = decision.chosen?.grant
        guard decision.isSelected else { return explanation }
        switch account(for: user, decision) {
        case .mapped(let outcome, var account):
            _ = holdToContract(&account.fields, anchor: user.anchor, dn: user.dn)
            explanation.outcome = outcome
            explanation.account = account
        case .unmapped(let outcome):
            explanation.outcome = outcome
        }
        return explanation
    }

    /// What the mapping decides for one user, before it becomes an explanation or a desired account.
    private struct Decision {
        var checks: [ScopeRule.Check]
        var isSelected: Bool
        /// Each field's value, in the mapping's field order; empty when out of scope and not evaluated.
        var values: [String?] = []
        var chosen: (rule: String, grant: LicencePolicy.Grant)?
    }

    /// The scope checks, and for a selected user (or any user when `evaluatesOutOfScope`) the field values and
    /// the licence rule.
    private func decide(_ subject: MappingSubject, evaluatesOutOfScope: Bool) -> Decision {
        let (checks, isSelected) = mapping.scope.evaluate(subject)
        var decision = Decision(checks: checks, isSelected: isSelected)
        guard isSelected || evaluatesOutOfScope else { return decision }
        decision.values = mapping.fields.map { $0.expression.value(for: subject) }
        decision.chosen = mapping.licences.choose(for: subject)
        return decision
    }

    /// A selected user's desired account, or why there is none.
    private enum Mapped {
        case mapped(UserExplanation.Outcome, DesiredAccount)
        case unmapped(UserExplanation.Outcome)
    }

    private func account(for user: DirectoryUser, _ decision: Decision) -> Mapped {
        guard let emailField, let email = decision.values[emailField] else { return .unmapped(.missingEmail) }
        guard Self.isAddress(email), emailFitsContract(email) else { return .unmapped(.invalidEmail) }
        let isEnabled = user.isEnabled || mapping.scope.includeDisabled
        var reasons = decision.checks.filter { $0.isMatched && $0.rule != "enabled" }.map(\.rule)
        if !user.isEnabled && isEnabled { reasons.append("include_disabled") }
        let account = DesiredAccount(
            anchor: user.anchor,
            dn: user.dn,
            fields: accountFields(email: email, values: decision.values, grant: decision.chosen?.grant),
            isEnabled: isEnabled,
            scopeReasons: reasons,
            licenceRule: decision.chosen?.rule
        )
        return .mapped(isEnabled ? .provision : .deprovision, account)
    }

    private func accountFields(email: String, values: [String?], grant: LicencePolicy.Grant?) -> AccountFields {
        var fields = AccountFields(email: email, licences: grant?.licences, userType: grant?.userType)
        for (role, value) in zip(roles, values) {
            guard let value else { continue }
            switch role {
            case .email: break
            case .firstName: fields.firstName = value
            case .lastName: fields.lastName = value
            case .displayName: fields.displayName = value
            case .provider(let name): fields.fields[name] = value
            }
        }
        return fields
    }

    private func problem(_ outcome: UserExplanation.Outcome, anchor: String, dn: String) -> MappingProblem {
        let expression = mapping.fields.first { $0.name == "email" }?.expression.source ?? ""
        let isMissing = outcome == .missingEmail
        return MappingProblem(
            code: isMissing ? .missingEmail : .invalidEmail,
            anchor: anchor,
            dn: dn,
            message: isMissing
                ? "a user in scope has no email after mapping (fields.email: \(expression)); no account is planned"
                : "a user in scope has an email that is not an address (fields.email: \(expression)); "
                    + "no account is planned"
        )
    }

    /// A strict subset of RFC 5321 (see ``EmailAddressRule``).
    static func isAddress(_ email: String) -> Bool { EmailAddressRule.isValid(email) }
}
