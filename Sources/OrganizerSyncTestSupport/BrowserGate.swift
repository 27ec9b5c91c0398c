/// Lets one ``HeadlessChromium`` run at a time in a test process; the others wait without blocking a thread.
actor BrowserGate {
    static let shared = BrowserGate()

    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Returns once the caller holds the gate.
    func acquire() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the gate to the next waiter, or opens it.
    func release() {
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}
