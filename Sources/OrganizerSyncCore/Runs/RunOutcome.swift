/// How an `apply` or `reconcile` run ended: in the apply report, the run session, the state store's run
/// history, the JSON summary and the metrics.
///
/// The raw values are what the state store, the summary and the metrics have always written; they never change.
public enum RunOutcome: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Every change of the plan was made (now or by an earlier run of the same plan).
    case succeeded
    /// The run finished, but some changes failed or were skipped.
    case partial
    /// A threshold or guard tripped and was not overridden: nothing was changed.
    case blocked
    /// The run stopped on an error.
    case failed
    /// A signal stopped the run between changes; the changes not started were skipped.
    case interrupted
    /// Not a sync run: `audit accept-break` recorded a broken chain and moved the recorded head.
    case acceptedBreak = "accepted-break"
    /// Not a sync run: `state rebuild --from-audit` rebuilt the state store from the audit log.
    case rebuilt

    public var description: String { rawValue }
}
