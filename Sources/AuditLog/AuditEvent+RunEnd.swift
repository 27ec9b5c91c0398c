extension AuditEvent {
    /// How a run ended.
    public struct RunEnd: Sendable, Hashable {
        /// How many changes ended how (`succeeded`, `failed`, `skipped`, …).
        public var counts: [String: Int]
        /// `succeeded`, `partial`, `failed` or `interrupted`.
        public var result: AuditResult

        /// Makes a run-end event.
        public init(counts: [String: Int], result: AuditResult) {
            self.counts = counts
            self.result = result
        }

        func fill(_ record: inout AuditRecord) {
            record.counts = counts
            record.result = result
        }
    }
}
