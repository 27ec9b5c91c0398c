import ArgumentParser
import AsyncHTTPClient
import Foundation
import Logging
import OrganizerSyncCore
import ProviderClients
import ProviderSimulator

/// `organizer-sync-bench`: measures the provider clients against the provider simulator over real HTTP.
@main
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "organizer-sync-bench",
        abstract: "Benchmark the GoTo, Zoom and Webex clients against the provider simulator, and planning in process.",
        discussion:
            "Each subcommand prints one JSON object per provider on standard output; logs go to standard error.",
        subcommands: [ListBench.self, ChangesBench.self, PlanBench.self, ListClient.self, AuditChecksBench.self]
    )
}

/// A provider, as a command-line argument.
enum BenchProvider: String, ExpressibleByArgument, CaseIterable {
    case goto, zoom, webex

    var kind: ProviderKind {
        switch self {
        case .goto: .goto
        case .zoom: .zoom
        case .webex: .webex
        }
    }
}

/// Options shared by the subcommands.
struct BenchOptions: ParsableArguments {
    @Option(help: "Log level on standard error.")
    var logLevel: String = "warning"

    func makeLogger(_ label: String) -> Logger {
        let level = Logger.Level(rawValue: logLevel) ?? .warning
        var logger = Logger(label: label) { name in
            var handler = StreamLogHandler.standardError(label: name)
            handler.logLevel = level
            return handler
        }
        logger.logLevel = level
        return logger
    }

    static let quiet = Logger(label: "organizer-sync-bench.simulator") { _ in SwiftLogNoOpLogHandler() }
}

/// Seconds of a duration, as a double.
func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// Prints one JSON object on a line of standard output.
func emit(_ object: [String: Any]) throws {
    let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    FileHandle.standardOutput.write(data + Data("\n".utf8))
}

/// (a) Listing: one simulator in this process with N generated accounts per provider; each provider is listed
/// by a child process, so that its peak RSS is the client's alone.
struct ListBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List N accounts per provider from an in-process simulator (one child process per provider)."
    )

    @OptionGroup var options: BenchOptions

    @Option(help: "Accounts per provider.")
    var accounts = 100_000

    @Option(parsing: .upToNextOption, help: "Providers to list.")
    var providers: [BenchProvider] = BenchProvider.allCases

    @Option(help: "Page size (default: the client's default per provider).")
    var pageSize: Int?

    @Option(
        name: .customLong("client-bin"),
        help: ArgumentHelp(
            "An organizer-sync-bench executable that lists (its list-client); repeat to compare builds against one simulator.",
            discussion:
                "Default: this executable. With several, each round lists every provider with each of them in turn."
        )
    )
    var clientBinaries: [String] = []

    @Option(help: "How many times each provider is listed with each client executable.")
    var rounds = 1

    func run() async throws {
        let logger = options.makeLogger("organizer-sync-bench")
        let generatedAt = ContinuousClock.now
        let seed = SimulatorSeed.generated(accountsPerProvider: accounts)
        let simulator = try await ProviderSimulator.start(seed: seed, logger: BenchOptions.quiet)
        logger.notice(
            "simulator ready",
            metadata: ["seconds": "\(seconds(ContinuousClock.now - generatedAt))", "url": "\(simulator.baseURL)"]
        )
        do {
            let clients = clientBinaries.isEmpty ? [ChildProcess.ownExecutable()] : clientBinaries
            for round in 1...max(1, rounds) {
                for provider in providers {
                    // Builds alternate within a round, so a machine that slows down over time hurts neither.
                    for index in clients.indices {
                        let order = round % 2 == 0 ? clients.count - 1 - index : index
                        let binary = clients[order]
                        var arguments = [
                            "list-client", "--provider", provider.rawValue, "--simulator",
                            simulator.baseURL, "--log-level", options.logLevel,
                        ]
                        if let pageSize { arguments += ["--page-size", String(pageSize)] }
                        // Says which build the next result line (written by the child) belongs to.
                        try emit([
                            "bench": "list-client", "client": binary, "round": round, "provider": provider.rawValue,
                        ])
                        let cpuBefore = ChildProcess.childrenCPUSeconds()
                        let status = try await ChildProcess.run(arguments, executable: binary)
                        if status != 0 {
                            throw ChildProcess.Failure(
                                description: "list-client \(provider) (\(binary)) exited \(status)"
                            )
                        }
                        // Measured here, so builds whose list-client does not report it are compared too.
                        try emit([
                            "bench": "list-client-cpu", "client": binary, "round": round, "provider": provider.rawValue,
                            "cpuSeconds": ChildProcess.childrenCPUSeconds() - cpuBefore,
                        ])
                    }
                }
            }
        } catch {
            try? await simulator.shutdown()
            throw error
        }
        try await simulator.shutdown()
    }
}

/// The child of ``ListBench``: lists one provider once and reports its figures and peak RSS.
struct ListClient: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list-client",
        abstract: "List one provider of a running simulator and report requests, time and peak RSS.",
        shouldDisplay: false
    )

    @OptionGroup var options: BenchOptions

    @Option var provider: BenchProvider
    @Option(help: "The simulator's base URL, http://127.0.0.1:PORT.") var simulator: String
    @Option var pageSize: Int?

    func run() async throws {
        let logger = options.makeLogger("organizer-sync-bench")
        let configuration = BenchTarget.configuration(provider.kind, simulatorURL: simulator, pageSize: pageSize)
        let before = PeakMemory.residentKiB() ?? 0
        let result = try await HTTPClient.withHTTPClient(configuration: ProviderHTTPClient.configuration) { client in
            try await ProviderBenchmark.listAll(configuration, httpClient: client, logger: logger)
        }
        logger.notice("\(provider): \(result)")
        try emit([
            "bench": "list",
            "provider": provider.rawValue,
            "accounts": result.accounts,
            "requests": result.requests,
            "retries": result.retries,
            "wallSeconds": seconds(result.wallTime),
            "rssBeforeKiB": before,
            "peakRSSKiB": PeakMemory.peakResidentKiB() ?? 0,
            "requestsPerSecondLimit": configuration.rateLimit.requestsPerSecond,
        ])
    }
}

/// (b) Changes: create/update/suspend/reactivate/delete cycles against a simulator that allows `rps` requests
/// per second and fails a share of them with 5xx.
struct ChangesBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "changes",
        abstract: "Run mixed changes against a rate-limited simulator with injected 5xx."
    )

    @OptionGroup var options: BenchOptions

    @Option var provider: BenchProvider
    @Option(help: "Changes to run (five per bench account).") var changes = 10_000
    @Option(help: "Requests per second the simulator allows (the client is set to the same budget).") var rps = 50.0
    @Option(help: "Share of requests answered 500/502/503.") var errorRate = 0.05
    @Option(help: "Accounts the simulator starts with.") var accounts = 1_000
    @Option(help: "Changes in flight at once.") var concurrency = 8
    @Option(help: "Seed of the simulator's fault generator.") var randomSeed: UInt64 = 1

    func run() async throws {
        let logger = options.makeLogger("organizer-sync-bench")
        var knobs = SimulatorKnobs(seed: randomSeed)
        let simulated = SimulatorProvider(provider.kind)
        knobs[simulated].requestsPerSecond = rps
        knobs[simulated].errorRate = errorRate
        let simulator = try await ProviderSimulator.start(
            seed: .generated(accountsPerProvider: accounts),
            knobs: knobs,
            logger: BenchOptions.quiet
        )
        let configuration = BenchTarget.configuration(
            provider.kind,
            simulatorURL: simulator.baseURL,
            rateLimit: .init(requestsPerSecond: rps, burst: 1)
        )
        let result: ProviderBenchmark.ChangesResult
        do {
            result = try await HTTPClient.withHTTPClient(configuration: ProviderHTTPClient.configuration) { client in
                try await ProviderBenchmark.mixedChanges(
                    configuration,
                    count: changes,
                    concurrency: concurrency,
                    httpClient: client,
                    logger: logger
                )
            }
        } catch {
            try? await simulator.shutdown()
            throw error
        }
        let log = await simulator.requestLog()
        try await simulator.shutdown()
        let wall = seconds(result.wallTime)
        let requestsPerSecond = wall > 0 ? Double(result.requests) / wall : 0
        logger.notice("\(provider): \(result)")
        try emit([
            "bench": "changes",
            "provider": provider.rawValue,
            "attempted": result.attempted,
            "succeeded": result.succeeded,
            "lost": result.lost,
            "duplicates": result.duplicates,
            "requests": result.requests,
            "retries": result.retries,
            "throttled": result.throttled,
            "wallSeconds": wall,
            "changesPerSecond": result.changesPerSecond,
            "requestsPerSecond": requestsPerSecond,
            "allowedRequestsPerSecond": rps,
            "shareOfAllowedRate": requestsPerSecond / rps,
            "injected5xx": log.filter { ($0.status ?? 0) >= 500 }.count,
            "simulatorRequests": log.count,
            "peakRSSKiB": PeakMemory.peakResidentKiB() ?? 0,
        ])
    }
}
