public import OrganizerSyncCore

/// Applies one target's mapping to a directory snapshot.
///
/// It decides who is in scope, their provider fields and their licences. Pure: no I/O, same input, same output.
public struct AccountMapper: Sendable {
    /// The mapping applied.
    public let mapping: TargetMapping

    /// - Parameter mapping: the target's loaded mapping.
    public init(mapping: TargetMapping) {
        self.mapping = mapping
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
        for user in snapshot.users {
            let explanation = explain(MappingSubject(user, index: index), evaluatesOutOfScope: false)
            switch explanation.outcome {
            case .outOfScope: outOfScope += 1
            case .provision, .deprovision:
                if let account = explanation.account { accounts.append(account) }
            case .missingEmail, .invalidEmail:
                problems.append(problem(for: explanation))
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
        let (checks, isSelected) = mapping.scope.evaluate(subject)
        var explanation = UserExplanation(
            anchor: user.anchor,
            dn: user.dn,
            isEnabled: user.isEnabled,
            scopeChecks: checks,
            outcome: .outOfScope,
            fields: []
        )
        guard isSelected || evaluatesOutOfScope else { return explanation }
        explanation.fields = mapping.fields.map { field in
            .init(name: field.name, expression: field.expression.source, value: field.expression.value(for: subject))
        }
        let chosen = mapping.licences.choose(for: subject)
        explanation.licenceRule = chosen?.rule
        explanation.grant = chosen?.grant
        guard isSelected else { return explanation }
        guard let email = explanation.fields.first(where: { $0.name == "email" })?.value else {
            explanation.outcome = .missingEmail
            return explanation
        }
        guard Self.isAddress(email) else {
            explanation.outcome = .invalidEmail
            return explanation
        }
        let isEnabled = user.isEnabled || mapping.scope.includeDisabled
        var reasons = checks.filter { $0.isMatched && $0.rule != "enabled" }.map(\.rule)
        if !user.isEnabled && isEnabled { reasons.append("include_disabled") }
        explanation.outcome = isEnabled ? .provision : .deprovision
        explanation.account = DesiredAccount(
            anchor: user.anchor,
            dn: user.dn,
            fields: accountFields(email: email, explanation: explanation),
            isEnabled: isEnabled,
            scopeReasons: reasons,
            licenceRule: chosen?.rule
        )
        return explanation
    }

    private func accountFields(email: String, explanation: UserExplanation) -> AccountFields {
        var fields = AccountFields(
            email: email,
            licences: explanation.grant?.licences,
            userType: explanation.grant?.userType
        )
        for field in explanation.fields {
            guard let value = field.value else { continue }
            switch field.name {
            case "email": break
            case "first_name": fields.firstName = value
            case "last_name": fields.lastName = value
            case "display_name": fields.displayName = value
            default: fields.fields[field.name] = value
            }
        }
        return fields
    }

    private func problem(for explanation: UserExplanation) -> MappingProblem {
        let expression = mapping.fields.first { $0.name == "email" }?.expression.source ?? ""
        let isMissing = explanation.outcome == .missingEmail
        return MappingProblem(
            code: isMissing ? .missingEmail : .invalidEmail,
            anchor: explanation.anchor,
            dn: explanation.dn,
            message: isMissing
                ? "a user in scope has no email after mapping (fields.email: \(expression)); no account is planned"
                : "a user in scope has an email that is not an address (fields.email: \(expression)); "
                    + "no account is planned"
        )
    }

    /// `local@domain`, one `@`, no white space.
    static func isAddress(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasSuffix(".")
            && !email.contains(where: \.isWhitespace)
    }
}
