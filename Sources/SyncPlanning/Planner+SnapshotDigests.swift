import Dispatch
public import OrganizerSyncCore
import Synchronization

extension Planner {
    /// The digests of the two snapshots a plan records (``TargetPlan/directoryDigest`` and
    /// ``TargetPlan/providerDigest``).
    struct SnapshotDigests: Sendable {
        var directory: String
        var provider: String

        /// SHA-256 over the canonical JSON of each snapshot, elements in canonical order; `directory` is the
        /// desired snapshot's when the caller computed it already.
        init(desired: [DesiredAccount], accounts: [ProviderAccount], directory: String?) {
            assert(directory == nil || directory == Planner.directoryDigest(of: desired), "a wrong directory digest")
            self.directory = directory ?? Planner.directoryDigest(of: desired)
            provider = CanonicalWriter.sortedArrayDigest(count: accounts.count) { $0.write(accounts[$1]) }
        }
    }

    /// The digest of the desired snapshot that a plan records as ``TargetPlan/directoryDigest``: SHA-256 over
    /// the canonical JSON array of `desired`, in canonical order.
    ///
    /// Pure and independent of the accounts, so a run can compute it while it lists them (at a million users
    /// about 2.5 s of CPU that then costs no wall time) and hand it to
    /// ``plan(target:provider:desired:accounts:state:now:directoryAnchors:directoryDigest:)``.
    public static func directoryDigest(of desired: [DesiredAccount]) -> String {
        CanonicalWriter.sortedArrayDigest(count: desired.count) { $0.write(desired[$1]) }
    }

    /// Runs `body` while the snapshot digests are computed on a second thread, and returns both.
    ///
    /// The digests write and sort every desired and listed account (about a third of a plan's time for
    /// 100,000 of each) and need nothing the matching makes, so on a machine with a free core they cost no
    /// wall time. Both halves only read their inputs; each result is handed over through a `Mutex`, and
    /// `concurrentPerform` returns only when both have run.
    ///
    /// The digests' sort keys (72 bytes per element, one snapshot at a time) are held with the matching's
    /// indexes: about 72 MB more at the peak of a million users' plan, which stays well under 1.5 GB
    /// (`docs/benchmarks.md`). Computing them first, as this did above 400,000 users and accounts, made planning
    /// grow 20x from 100,000 to 1,000,000.
    static func alongsideSnapshotDigests<Result: Sendable>(
        desired: [DesiredAccount],
        accounts: [ProviderAccount],
        directory: String?,
        _ body: @Sendable () -> Result
    ) -> (Result, SnapshotDigests) {
        let result = Mutex<Result?>(nil)
        let digests = Mutex<SnapshotDigests?>(nil)
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            if index == 0 {
                let value = body()
                result.withLock { $0 = value }
            } else {
                let value = SnapshotDigests(desired: desired, accounts: accounts, directory: directory)
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
