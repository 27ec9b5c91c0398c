import Dispatch
import Synchronization

/// Group commit for one log file: one `fdatasync` covers every line written before it started, so callers
/// waiting at the same time share a flush instead of queueing for one each.
///
/// Synchronous callers flush on their own thread, one at a time (``waitBlocking(for:flush:)``). Asynchronous
/// callers suspend (``wait(for:flush:)``) while a flusher on a private dispatch queue, outside Swift's cooperative
/// pool, flushes in a loop as long as anyone waits; with eight tasks appending on a two-core pool, one flush then
/// covers up to eight records instead of two.
final class GroupCommit: Sendable {
    private struct Waiter {
        var seq: Int
        var continuation: CheckedContinuation<Result<Void, AuditLogError>, Never>
    }

    private struct State {
        /// Every record up to this seq is on disk.
        var flushedSeq: Int
        /// Set after a failed flush: every later wait fails with it.
        var failure: AuditLogError?
        /// Whether the asynchronous flusher is running.
        var isFlushing = false
        var waiters: [Waiter] = []
    }

    private let state: Mutex<State>
    /// Held for the length of every flush, and by ``exclusive(_:)``: the descriptor is never closed mid-flush.
    private let syncing = Mutex(())
    private let queue = DispatchQueue(label: "organizer-sync.audit-log.flush")

    /// Starts with every record up to `flushedSeq` known to be on disk.
    init(flushedSeq: Int) {
        state = Mutex(State(flushedSeq: flushedSeq))
    }

    /// Returns once `seq` is on disk, calling `flush` (which flushes and returns the last seq written before it
    /// started) when no earlier flush covered it.
    func waitBlocking(for seq: Int, flush: () throws(AuditLogError) -> Int) throws(AuditLogError) {
        try syncing.withLock { _ throws(AuditLogError) in
            let (isDone, failure) = state.withLock { ($0.flushedSeq >= seq, $0.failure) }
            if let failure { throw failure }
            if isDone { return }
            try flushOnce(flush)
        }
    }

    /// Suspends until `seq` is on disk, without blocking a thread of the cooperative pool.
    func wait(for seq: Int, flush: @escaping @Sendable () throws(AuditLogError) -> Int) async throws(AuditLogError) {
        let result = await withCheckedContinuation {
            (continuation: CheckedContinuation<Result<Void, AuditLogError>, Never>) in
            enum Next {
                case resume(Result<Void, AuditLogError>)
                case startFlusher, wait
            }
            let next = state.withLock { state -> Next in
                if let failure = state.failure { return .resume(.failure(failure)) }
                if state.flushedSeq >= seq { return .resume(.success(())) }
                state.waiters.append(Waiter(seq: seq, continuation: continuation))
                guard !state.isFlushing else { return .wait }
                state.isFlushing = true
                return .startFlusher
            }
            switch next {
            case .resume(let result): continuation.resume(returning: result)
            case .startFlusher: queue.async { self.flushWhileWaited(flush) }
            case .wait: break
            }
        }
        try result.get()
    }

    /// Runs `body` while no flush runs.
    func exclusive(_ body: () -> Void) {
        syncing.withLock { _ in body() }
    }

    /// The asynchronous flusher: flushes until nobody waits.
    private func flushWhileWaited(_ flush: () throws(AuditLogError) -> Int) {
        while true {
            do throws(AuditLogError) {
                try syncing.withLock { _ throws(AuditLogError) in try flushOnce(flush) }
            } catch {
                state.withLock { $0.isFlushing = false }
                return
            }
            let isDone = state.withLock { state in
                if state.waiters.isEmpty { state.isFlushing = false }
                return !state.isFlushing
            }
            if isDone { return }
        }
    }

    /// One flush (the caller holds `syncing`); resumes the waiters it covered, or on failure every waiter.
    private func flushOnce(_ flush: () throws(AuditLogError) -> Int) throws(AuditLogError) {
        let written: Int
        do throws(AuditLogError) {
            written = try flush()
        } catch {
            let waiters = state.withLock { state in
                state.failure = error
                defer { state.waiters = [] }
                return state.waiters
            }
            for waiter in waiters { waiter.continuation.resume(returning: .failure(error)) }
            throw error
        }
        let covered = state.withLock { state in
            state.flushedSeq = max(state.flushedSeq, written)
            let flushedSeq = state.flushedSeq
            let covered = state.waiters.filter { $0.seq <= flushedSeq }
            state.waiters.removeAll { $0.seq <= flushedSeq }
            return covered
        }
        for waiter in covered { waiter.continuation.resume(returning: .success(())) }
    }
}
