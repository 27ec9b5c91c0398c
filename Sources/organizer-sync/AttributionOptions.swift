import ArgumentParser
import SyncRuns

/// `--reason TEXT` and `--ticket ID`, shared by `plan`, `apply` and `reconcile`: why a run is made, for the audit
/// log's run-start record (and, on `plan`, the sealed plan).
struct AttributionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Why this run is made (one line), for the audit log.", valueName: "text"))
    var reason: String?

    @Option(help: ArgumentHelp("The change ticket this run belongs to, for the audit log.", valueName: "id"))
    var ticket: String?

    /// The checked reason and ticket.
    /// - Throws: `RunError` `badAttribution` (exit 64) for an empty, overlong or multi-line text.
    func checked() throws -> RunReason {
        try RunReason(reason: reason, ticket: ticket)
    }
}
