import Foundation
import OrganizerSyncCore
import ProviderClients
import ProviderSimulator
import Testing

/// One hostile answer, the provider it is tried on, and the error it must end in.
struct HostileCase: Sendable, CustomTestStringConvertible {
    var answer: HostileKnobs.Answer
    var kind: ProviderKind
    var code: ProviderError.Code
    /// Words the error's description must hold.
    var says: String

    var testDescription: String { "\(kind) \(answer.rawValue)" }

    static let listings: [HostileCase] = [
        .init(answer: .repeatedPageToken, kind: .zoom, code: .incompleteListing, says: "next_page_token repeated"),
        .init(answer: .linkCycle, kind: .webex, code: .incompleteListing, says: "URL repeated"),
        .init(answer: .nextIsCurrent, kind: .webex, code: .incompleteListing, says: "URL repeated"),
        .init(answer: .nextToOtherOrigin, kind: .webex, code: .refusedURL, says: "next link leaves"),
        .init(answer: .endlessPages, kind: .zoom, code: .incompleteListing, says: "page cap of 40"),
        .init(answer: .endlessPages, kind: .webex, code: .incompleteListing, says: "page cap of 40"),
        .init(answer: .endlessPages, kind: .goto, code: .incompleteListing, says: "page cap of 40"),
        .init(answer: .noProgress, kind: .goto, code: .invalidResponse, says: "toIndex 19 does not follow offset 20"),
        .init(answer: .hugeToIndex, kind: .goto, code: .invalidResponse, says: "toIndex 9223372036854775807"),
        .init(answer: .shortCount, kind: .goto, code: .incompleteListing, says: "short of the reported total 5000"),
        .init(answer: .shortCount, kind: .zoom, code: .incompleteListing, says: "short of the reported total 5000"),
    ]

    static let everyProvider: [HostileCase] = ProviderKind.allCases.flatMap { kind in
        [
            HostileCase(answer: .garbageJSON, kind: kind, code: .invalidResponse, says: "invalidResponse"),
            HostileCase(answer: .truncatedJSON, kind: kind, code: .invalidResponse, says: "invalidResponse"),
            HostileCase(answer: .retryAfterInfinite, kind: kind, code: .rateLimited, says: "HTTP 429"),
            HostileCase(answer: .retryAfterNaN, kind: kind, code: .rateLimited, says: "HTTP 429"),
            HostileCase(answer: .retryAfterHuge, kind: kind, code: .rateLimited, says: "HTTP 429"),
            HostileCase(answer: .retryAfterInt64Max, kind: kind, code: .rateLimited, says: "HTTP 429"),
            HostileCase(answer: .tokenRedirect, kind: kind, code: .refusedURL, says: "redirect refused"),
        ]
    }
}

/// The real clients against the simulator's hostile mode over HTTP: every hostile answer ends in a clear
/// error, well within its deadline, and nothing crashes.
///
/// Requests carry `X-Organizer-Sync-Test: hostile`.
@Suite(.serialized) struct HostileAnswerTests {
    /// Lists against `answer`, with a second simulator standing in for the foreign origin.
    func list(
        _ answer: HostileKnobs.Answer,
        _ kind: ProviderKind,
        listing: ProviderConfiguration.ListingLimits = .init(maxPages: 40, deadline: .seconds(120))
    ) async throws -> (result: Result<[ProviderAccount], any Error>, elapsed: Duration, foreignRequests: Int) {
        try await withSimulator { foreign in
            var knobs = SimulatorKnobs()
            knobs.hostile = HostileKnobs(answer: answer, foreignOrigin: foreign.baseURL)
            return try await withSimulator(knobs: knobs) { simulator in
                let target = try SimulatedTarget(
                    kind,
                    simulator: simulator,
                    seed: .demo,
                    retry: .init(maxRetries: 4, initialBackoff: .milliseconds(20), maxBackoff: .milliseconds(200)),
                    listing: listing,
                    markedHostile: true
                )
                let start = ContinuousClock.now
                let result: Result<[ProviderAccount], any Error>
                do {
                    result = .success(try await target.client.listAccounts())
                } catch {
                    result = .failure(error)
                }
                let elapsed = ContinuousClock.now - start
                #expect(target.leakingLogLines().isEmpty)
                let log = await simulator.requestLog()
                #expect(log.contains { $0.fault?.hasPrefix("hostile-") == true })
                return (result, elapsed, await foreign.requestLog().count)
            }
        }
    }

    @Test(arguments: HostileCase.listings + HostileCase.everyProvider)
    func endsInAClearError(_ hostile: HostileCase) async throws {
        let (result, elapsed, foreignRequests) = try await list(hostile.answer, hostile.kind)
        guard case .failure(let failure) = result else {
            Issue.record("a partial or made-up listing was returned as if complete")
            return
        }
        let error = try #require(failure as? ProviderError, "\(failure)")
        #expect(error.code == hostile.code, "\(error.debugDescription)")
        #expect(error.description.contains(hostile.says), "\(error.description)")
        // Well within the 120-s listing deadline: the answer's own rule ended it. (With a 20-s deadline, a loaded CI
        // machine once served fewer than 40 endless pages in time, and the deadline ended the listing first.)
        #expect(elapsed < .seconds(60))
        // Nothing, above all no token or secret, went to the other origin.
        #expect(foreignRequests == 0)
    }

    @Test func aListingDeadlineEndsEndlessPages() async throws {
        let (result, elapsed, _) = try await list(
            .endlessPages,
            .zoom,
            listing: .init(maxPages: 1_000_000, deadline: .seconds(1))
        )
        guard case .failure(let failure) = result, let error = failure as? ProviderError else {
            Issue.record("endless pages did not end in an error")
            return
        }
        #expect(error.code == .timedOut)
        #expect(error.description.contains("listing deadline of 1 s passed"))
        #expect(elapsed < .seconds(5))
    }

    @Test func aStopRequestEndsAListingBetweenPages() async throws {
        var knobs = SimulatorKnobs()
        knobs.hostile = HostileKnobs(answer: .endlessPages)
        try await withSimulator(knobs: knobs) { simulator in
            let target = try SimulatedTarget(
                .webex,
                simulator: simulator,
                seed: .demo,
                listing: .init(maxPages: 1_000_000, deadline: .seconds(600)),
                markedHostile: true
            )
            let listing = Task { try await target.client.listAccounts() }
            try await Task.sleep(for: .milliseconds(300))
            let cancelled = ContinuousClock.now
            listing.cancel()
            await #expect(throws: CancellationError.self) { _ = try await listing.value }
            #expect(ContinuousClock.now - cancelled < .seconds(2))
        }
    }

    @Test(arguments: ProviderKind.allCases)
    func aThrottledTokenEndpointIsWaitedFor(_ kind: ProviderKind) async throws {
        var knobs = SimulatorKnobs()
        knobs.hostile = HostileKnobs(answer: .tokenThrottled, tokenRetryAfterSeconds: 1, tokenThrottleCount: 1)
        try await withSimulator(knobs: knobs) { simulator in
            let target = try SimulatedTarget(kind, simulator: simulator, seed: .demo, markedHostile: true)
            let start = ContinuousClock.now
            _ = try await target.client.account(email: "nobody@example.com")
            #expect(ContinuousClock.now - start >= .milliseconds(950))
            let tokenCalls = (await simulator.requestLog()).filter { $0.path.hasSuffix("token") }
            #expect(tokenCalls.count == 2)
        }
    }
}
