import Foundation
import Synchronization

/// The simulator's state behind a `Mutex`, shared by the HTTP handlers and the inspection API.
final class SimulatorStore: Sendable {
    let state: Mutex<SimulatorState>
    /// Where every exchange is written for the spec check, when `ORGANIZER_SYNC_SIMULATOR_RECORD_DIR` is set.
    let recorder: ExchangeRecorder?
    private let stopping = Atomic<Bool>(false)

    init(seed: SimulatorSeed, knobs: SimulatorKnobs, recorder: ExchangeRecorder? = nil) {
        self.state = Mutex(SimulatorState(seed: seed, knobs: knobs))
        self.recorder = recorder
    }

    /// Whether ``ProviderSimulator/shutdown()`` began; hanging requests give up then.
    var isStopping: Bool { stopping.load(ordering: .relaxed) }

    func beginStopping() { stopping.store(true, ordering: .relaxed) }
}
