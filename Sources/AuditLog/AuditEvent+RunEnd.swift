extension AuditEvent {
    /// How a run ended.
    public struct RunEnd: Sendable, Hashable {
        /// How many changes ended how (`succeeded`, `failed`, `skipped`, …).
        public var counts: [String: Int]
        /// `succeeded`, `partial`, `failed`, `blocked` or `interrupted`.
        public var result: AuditResult
        /// Each target's in-scope count as the state store keeps it after the run.
        public var inScope: [String: Int]?
        /// Why the run ended so, when it says (a blocked run: the gates that stood); never personal data.
        public var message: String?

        /// Makes a run-end event.
        public init(counts: [String: Int], result: AuditResult, inScope: [String: Int]? = nil, message: String? = nil) {
            self.counts = counts
            self.result = result
            self.inScope = inScope
            self.message = message
        }

        func fill(_ record: inout AuditRecord) {
            record.counts = counts
            record.result = result
            record.inScope = inScope
            record.message = message
        }
    }
}
