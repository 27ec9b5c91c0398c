import Foundation
import UnixSignals

/// Waits for one of a set of Unix signals.
enum SignalWaiter {
    /// Suspends until one of `signals` arrives and returns its number; the signals' default actions are disabled
    /// first, so the process is not ended before the sequence (swift-service-lifecycle's `UnixSignalsSequence`)
    /// has them.
    static func wait(for signals: [UnixSignal]) async -> Int32 {
        for number in signals { signal(number.rawValue, SIG_IGN) }
        let sequence = await UnixSignalsSequence(trapping: signals)
        var iterator = sequence.makeAsyncIterator()
        return await iterator.next()?.rawValue ?? SIGTERM
    }
}
