import Foundation
import Synchronization

/// The simulator's state behind a `Mutex`, shared by the HTTP handlers and the inspection API.
final class SimulatorStore: Sendable {
    let state: Mutex<SimulatorState>
    private let stopping = Atomic<Bool>(false)

    init(seed: SimulatorSeed, knobs: SimulatorKnobs) {
        self.state = Mutex(SimulatorState(seed: seed, knobs: knobs))
    }

    /// Whether ``ProviderSimulator/shutdown()`` began; hanging requests give up then.
    var isStopping: Bool { stopping.load(ordering: .relaxed) }

    func beginStopping() { stopping.store(true, ordering: .relaxed) }
}
