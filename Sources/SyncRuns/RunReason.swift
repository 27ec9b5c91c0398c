import Foundation
public import SyncApply
public import SyncConfiguration
public import SyncPlanning

/// What the operator said about a run on the command line (`--reason TEXT`, `--ticket ID`), checked, and the
/// attribution a run's `run-start` record gets from it.
public struct RunReason: Sendable, Hashable {
    /// The longest reason accepted, in characters.
    public static let maximumReasonLength = 500
    /// The longest ticket id accepted, in characters.
    public static let maximumTicketLength = 100

    /// Why the run is started; `nil` when not given.
    public var reason: String?
    /// The change ticket; `nil` when not given.
    public var ticket: String?

    /// No reason and no ticket.
    public init() {}

    /// Checks the texts: a reason is one line of at most ``maximumReasonLength`` characters without control
    /// characters; a ticket is at most ``maximumTicketLength`` letters, digits and `-_./:#`.
    /// - Throws: ``RunError`` `badAttribution` naming the option (never echoing its text).
    public init(reason: String?, ticket: String?) throws(RunError) {
        if let reason {
            let trimmed = reason.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else {
                throw RunError(.badAttribution, "--reason is empty; say why this run is made")
            }
            guard trimmed.count <= Self.maximumReasonLength else {
                throw RunError(.badAttribution, "--reason is longer than \(Self.maximumReasonLength) characters")
            }
            guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw RunError(.badAttribution, "--reason must be one line without control characters")
            }
            self.reason = trimmed
        }
        if let ticket {
            let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_./:#"))
            guard !ticket.isEmpty, ticket.count <= Self.maximumTicketLength,
                ticket.unicodeScalars.allSatisfy({ allowed.contains($0) && $0.isASCII })
            else {
                throw RunError(
                    .badAttribution,
                    "--ticket must be 1 to \(Self.maximumTicketLength) ASCII letters, digits and - _ . / : #"
                )
            }
            self.ticket = ticket
        }
    }

    /// This reason and ticket, each taken from the plan (`plan --reason`, `--ticket`, sealed) when not given.
    /// - Parameter plan: the plan being applied.
    /// - Returns: the reason and ticket to record.
    /// - Throws: `ApplyError` `planTampered` when the plan's texts are not what `plan` accepts.
    public func orElse(_ plan: Plan) throws -> RunReason {
        let planned: RunReason
        do {
            planned = try RunReason(reason: plan.reason, ticket: plan.ticket)
        } catch {
            throw ApplyError(.planTampered, "the plan's reason or ticket is not what plan accepts (\(error))")
        }
        var merged = self
        merged.reason = reason ?? planned.reason
        merged.ticket = ticket ?? planned.ticket
        return merged
    }

    /// Refuses an interactive run without a reason when the configuration's `apply.require_reason` is set.
    /// - Parameters:
    ///   - configuration: the loaded configuration.
    ///   - command: the command's name, for the message (`apply`, `reconcile`).
    ///   - interactive: whether a person started the run (`apply` always; `reconcile` from a terminal).
    /// - Throws: ``RunError`` `reasonRequired` (exit 64) before anything is read or changed.
    public func require(_ configuration: Configuration, command: String, interactive: Bool) throws(RunError) {
        guard configuration.requireReason, interactive, reason == nil else { return }
        throw RunError(
            .reasonRequired,
            "\(configuration.file) sets apply.require_reason: give --reason TEXT (and --ticket ID if there is one) "
                + "to \(command); nothing was changed"
        )
    }

    /// The attribution of a run with this reason.
    /// - Parameters:
    ///   - overrides: the gates overridden by name.
    ///   - planMaker: who made the plan, as the sealed plan says.
    ///   - scheduler: the scheduler the run runs under.
    /// - Returns: what the run-start record gets.
    public func attribution(
        overrides: Set<String> = [],
        planMaker: String? = nil,
        scheduler: [String: String]? = nil
    ) -> RunAttribution {
        RunAttribution(
            reason: reason,
            ticket: ticket,
            overrides: overrides.sorted(),
            planMaker: planMaker.map { RunScheduler.oneLine($0, limit: 200) },
            scheduler: scheduler
        )
    }
}
