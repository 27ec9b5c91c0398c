/// What the state store says the audit log must look like before a run appends to it.
///
/// The log must reach ``head`` (a record with its seq whose line has its hash). Records may follow it only when
/// a run the store knows of as started and unfinished wrote them (``openRuns``): a run killed before it recorded
/// its final head. Anything else after the head was added behind the store's back.
public struct AuditHeadExpectation: Sendable, Hashable {
    /// The head the store recorded.
    public var head: AuditHead
    /// The ids of runs whose records may follow ``head``; `nil`: records after the head are not judged (a head
    /// given by hand, which the log may have grown past).
    public var openRuns: Set<String>?

    /// Makes an expectation.
    public init(head: AuditHead, openRuns: Set<String>? = nil) {
        self.head = head
        self.openRuns = openRuns
    }
}
