import Dispatch
import OrganizerSyncCore
import Synchronization

extension Planner {
    /// The digests of the two snapshots a plan records (``TargetPlan/directoryDigest`` and
    /// ``TargetPlan/providerDigest``).
    struct SnapshotDigests: Sendable {
        var directory: String
        var provider: String

        /// SHA-256 over the canonical JSON of each snapshot, elements in canonical order.
        init(desired: [DesiredAccount], accounts: [ProviderAccount]) {
            directory = CanonicalWriter.sortedArrayDigest(count: desired.count) { $0.write(desired[$1]) }
            provider = CanonicalWriter.sortedArrayDigest(count: accounts.count) { $0.write(accounts[$1]) }
        }
    }

    /// Runs `body` while the snapshot digests are computed on a second thread, and returns both.
    ///
    /// The digests write and sort every desired and listed account (about a third of a plan's time for
    /// 100,000 of each) and need nothing the matching makes, so on a machine with a free core they cost no
    /// wall time. Both halves only read their inputs; each result is handed over through a `Mutex`, and
    /// `concurrentPerform` returns only when both have run.
    static func alongsideSnapshotDigests<Result: Sendable>(
        desired: [DesiredAccount],
        accounts: [ProviderAccount],
        _ body: @Sendable () -> Result
    ) -> (Result, SnapshotDigests) {
        let result = Mutex<Result?>(nil)
        let digests = Mutex<SnapshotDigests?>(nil)
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            if index == 0 {
                let value = body()
                result.withLock { $0 = value }
            } else {
                let value = SnapshotDigests(desired: desired, accounts: accounts)
                digests.withLock { $0 = value }
            }
        }
        // concurrentPerform returns after both iterations ran, so both are set.
        guard let value = result.withLock({ $0.take() }), let digest = digests.withLock({ $0.take() }) else {
            preconditionFailure("concurrentPerform returned before both halves ran")
        }
        return (value, digest)
    }
}
