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

    /// The most users and accounts together whose snapshot digests are computed alongside the matching.
    ///
    /// 400,000 is 200,000 users against as many accounts: their sort keys are then about 15 MB.
    static let alongsideLimit = 400_000

    /// Runs `body` while the snapshot digests are computed on a second thread, and returns both.
    ///
    /// The digests write and sort every desired and listed account (about a third of a plan's time for
    /// 100,000 of each) and need nothing the matching makes, so on a machine with a free core they cost no
    /// wall time. Both halves only read their inputs; each result is handed over through a `Mutex`, and
    /// `concurrentPerform` returns only when both have run.
    ///
    /// Above ``alongsideLimit`` users and accounts together the digests are computed first and `body` runs
    /// after: their sort keys (72 bytes per element) are then released before the matching builds its indexes,
    /// instead of being held with them, which lowers a million users' peak memory by that much at the cost of
    /// the second core's help.
    static func alongsideSnapshotDigests<Result: Sendable>(
        desired: [DesiredAccount],
        accounts: [ProviderAccount],
        _ body: @Sendable () -> Result
    ) -> (Result, SnapshotDigests) {
        if desired.count + accounts.count > alongsideLimit {
            let digests = SnapshotDigests(desired: desired, accounts: accounts)
            return (body(), digests)
        }
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
