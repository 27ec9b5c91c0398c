import ArgumentParser
import Dispatch
import Foundation
import Logging
import ProviderSimulator
import UnixSignals

/// `organizer-sync-simulator`: runs the provider simulator on loopback until SIGTERM or SIGINT.
@main
struct SimulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "organizer-sync-simulator",
        abstract: "A local HTTP server speaking the GoTo Admin, Zoom Users and Webex People APIs.",
        discussion: """
            Prefixes: /goto (admin/rest/v1, oauth/token), /zoom (v2/users, oauth/token), /webex (v1/people, \
            v1/licenses, v1/access_token), /_admin (accounts, requests, knobs, reset). Knob flags apply to all \
            three providers; --knob PROVIDER.NAME=VALUE sets one provider's knob (names as in ProviderKnobs, \
            e.g. --knob zoom.requestsPerSecond=10 --knob webex.lockedRate=0.1).
            """
    )

    @Option(help: "Loopback address to listen on (127.0.0.1, ::1 or localhost).")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on; 0 picks a free one (see --port-file).")
    var port = 0

    @Option(help: "Seed file (JSON, format in Examples/simulator/README.md); the built-in demo seed otherwise.")
    var seed: String?

    @Option(help: "Generate N accounts per provider (demo credentials) instead of reading a seed.")
    var generate: Int?

    @Option(help: "Write the chosen port to this file once listening.")
    var portFile: String?

    @Option(help: "Requests per second per provider before 429 (unlimited if absent).")
    var rps: Double?

    @Option(help: "Probability of a 500/502/503 answer.")
    var errorRate: Double?

    @Option(help: "Latency added to every request, in milliseconds.")
    var latencyMs: Int?

    @Option(help: "Probability of closing the connection without answering.")
    var dropRate: Double?

    @Option(help: "Probability of never answering.")
    var hangRate: Double?

    @Option(help: "Share of injected faults that strike after the request took effect (default 0.5).")
    var faultAfter: Double?

    @Option(help: "Access-token lifetime in seconds.")
    var tokenLifetime: Int?

    @Option(help: "Zoom next_page_token lifetime in seconds (default 900).")
    var pageTokenLifetime: Int?

    @Option(help: "Seed of the fault generator, for reproducible runs.")
    var randomSeed: UInt64 = 1

    @Option(help: "One provider's knob, PROVIDER.NAME=VALUE (repeatable).")
    var knob: [String] = []

    @Option(help: "Log level (trace, debug, info, notice, warning, error, critical).")
    var logLevel = "info"

    @Flag(help: "Print the built-in demo seed as JSON and exit.")
    var printDemoSeed = false

    func validate() throws {
        guard ["127.0.0.1", "::1", "localhost"].contains(host) else {
            throw ValidationError("--host must be a loopback address.")
        }
        if seed != nil && generate != nil { throw ValidationError("Use --seed or --generate, not both.") }
        for entry in knob { _ = try KnobOption.parse(entry) }
    }

    func run() async throws {
        if printDemoSeed {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(SimulatorSeed.demo), as: UTF8.self))
            return
        }
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "organizer-sync.simulator")
        let startSeed: SimulatorSeed =
            if let path = seed { try SimulatorSeed.load(path: path) } else if let count = generate {
                SimulatorSeed.generated(accountsPerProvider: count)
            } else { SimulatorSeed.demo }
        let simulator = try await ProviderSimulator.start(
            host: host,
            port: port,
            seed: startSeed,
            knobs: try knobs(),
            logger: logger
        )
        if let portFile { try String(simulator.port).write(toFile: portFile, atomically: true, encoding: .utf8) }
        logger.info("Ready", metadata: ["simulator.url": "\(simulator.baseURL)"])
        let signal = await SignalWaiter.wait(for: [.sigint, .sigterm])
        logger.info("Stopping", metadata: ["signal": "\(signal)"])
        try await simulator.shutdown()
    }

    /// The knobs from the flags: shared flags first, then each `--knob`.
    func knobs() throws -> SimulatorKnobs {
        var knobs = SimulatorKnobs(seed: randomSeed)
        for provider in SimulatorProvider.allCases {
            var k = knobs[provider]
            if let rps { k.requestsPerSecond = rps }
            if let errorRate { k.errorRate = errorRate }
            if let latencyMs { k.latencyMilliseconds = latencyMs }
            if let dropRate { k.dropRate = dropRate }
            if let hangRate { k.hangRate = hangRate }
            if let faultAfter { k.faultAfterFraction = faultAfter }
            if let tokenLifetime { k.tokenLifetimeSeconds = tokenLifetime }
            if let pageTokenLifetime { k.pageTokenLifetimeSeconds = pageTokenLifetime }
            knobs[provider] = k
        }
        for entry in knob {
            let option = try KnobOption.parse(entry)
            try option.apply(to: &knobs[option.provider])
        }
        return knobs
    }
}
