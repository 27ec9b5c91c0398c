extension AuditEvent {
    /// How a run ended.
    public struct RunEnd: Sendable, Hashable {
        /// How many changes ended how (`succeeded`, `failed`, `skipped`, …).
        public var counts: [String: Int]
        /// `succeeded`, `partial`, `failed` or `interrupted`.
        public var result: AuditResult
        /// Each target's in-scope count as the state store keeps it after the run.
        public var inScope: [String: Int]?

        /// Makes a run-end event.
        public init(counts: [String: Int], result: AuditResult, inScope: [String: Int]? = nil) {
            self.counts = counts
            self.result = result
            self.inScope = inScope
        }

        func fill(_ record: inout AuditRecord) {
            record.counts = counts
            record.result = result
            record.inScope = inScope
        }
    }
}
