/// Lets at most `limit` holders at a time through, in a test process; the others wait without blocking a thread.
///
/// Guards a resource the suite's parallel tests share and that slows to a crawl when crowded: headless
/// Chromium (one at a time) and the test Samba AD DC (``SambaDC/gate``).
public actor ConcurrencyGate {
    /// One ``HeadlessChromium`` at a time.
    static let browser = ConcurrencyGate(limit: 1)

    private let limit: Int
    private var holders = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// A gate that lets `limit` (at least 1) holders through at once.
    public init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Returns once the caller holds a place; pair it with one ``release()``.
    public func acquire() async {
        guard holders >= limit else {
            holders += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the caller's place to the next waiter, or frees it.
    public func release() {
        if waiting.isEmpty {
            holders -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }

    /// Runs `body` holding a place, and frees it however `body` ends.
    public nonisolated func withPlace<T>(_ body: () async throws -> T) async rethrows -> T {
        await acquire()
        do {
            let value = try await body()
            await release()
            return value
        } catch {
            await release()
            throw error
        }
    }
}
