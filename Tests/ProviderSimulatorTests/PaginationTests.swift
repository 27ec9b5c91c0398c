import Foundation
import ProviderSimulator
import Testing

/// Listing everything across many pages, each provider its own way.
@Suite("Pagination")
struct PaginationTests {
    static let count = 2_500

    @Test("Zoom: next_page_token across pages, statuses listed separately, pending users without id")
    func zoomPages() async throws {
        let simulator = try await ProviderSimulator.start(seed: .generated(accountsPerProvider: Self.count))
        let http = SimulatorHTTP(simulator)
        let token = try await http.zoomToken()
        var seen: [String: Int] = [:]
        for status in ["active", "inactive", "pending"] {
            var next = ""
            var pages = 0
            repeat {
                let page = try await http.send(
                    "GET",
                    "/zoom/v2/users?status=\(status)&page_size=300&next_page_token=\(next)",
                    token: token
                )
                #expect(page.status == 200)
                let users = page.object["users"] as! [[String: Any]]
                for user in users {
                    #expect(user["status"] as? String == status)
                    #expect((user["id"] == nil) == (status == "pending"))
                    seen[user["email"] as! String, default: 0] += 1
                }
                next = page.object["next_page_token"] as! String
                pages += 1
            } while !next.isEmpty
            #expect(pages >= 1)
        }
        #expect(seen.count == Self.count)
        #expect(seen.values.allSatisfy { $0 == 1 })
        try await simulator.shutdown()
    }

    @Test("Zoom: page_size is capped at 2000 and a token must keep the other parameters")
    func zoomPageSizeCap() async throws {
        let simulator = try await ProviderSimulator.start(seed: .generated(accountsPerProvider: Self.count))
        let http = SimulatorHTTP(simulator)
        let token = try await http.zoomToken()
        let first = try await http.send("GET", "/zoom/v2/users?page_size=5000", token: token)
        #expect(first.object["page_size"] as? Int == 2000)
        #expect((first.object["users"] as! [Any]).count == 2000)
        let next = first.object["next_page_token"] as! String
        let other = try await http.send(
            "GET",
            "/zoom/v2/users?status=inactive&page_size=2000&next_page_token=\(next)",
            token: token
        )
        #expect(other.status == 400)
        #expect(other.object["code"] as? Int == 300)
        try await simulator.shutdown()
    }

    @Test("Zoom: next_page_token expires")
    func zoomTokenExpiry() async throws {
        var knobs = SimulatorKnobs()
        knobs.zoom.pageTokenLifetimeSeconds = 1
        let simulator = try await ProviderSimulator.start(seed: .generated(accountsPerProvider: 100), knobs: knobs)
        let http = SimulatorHTTP(simulator)
        let token = try await http.zoomToken()
        let first = try await http.send("GET", "/zoom/v2/users?page_size=10", token: token)
        let next = first.object["next_page_token"] as! String
        #expect(!next.isEmpty)
        try await Task.sleep(for: .milliseconds(1_300))
        let expired = try await http.send("GET", "/zoom/v2/users?page_size=10&next_page_token=\(next)", token: token)
        #expect(expired.status == 400)
        #expect(expired.object["code"] as? Int == 300)
        #expect(expired.object["message"] as? String == "The next page token is invalid or expired.")
        try await simulator.shutdown()
    }

    @Test("GoTo: offset/pageSize with {results, fromIndex, toIndex, total}")
    func gotoPages() async throws {
        let simulator = try await ProviderSimulator.start(seed: .generated(accountsPerProvider: Self.count))
        let http = SimulatorHTTP(simulator)
        let token = try await http.gotoToken()
        let base = "/goto/admin/rest/v1/accounts/\(SimulatorSeed.demo.goto.accountId)/users"
        var offset = 0
        var keys = Set<String>()
        var pages = 0
        while true {
            let page = try await http.send("GET", "\(base)?offset=\(offset)&pageSize=1000", token: token)
            #expect(page.status == 200)
            let total = page.object["total"] as! Int
            let toIndex = page.object["toIndex"] as! Int
            for user in page.object["results"] as! [[String: Any]] { keys.insert(user["key"] as! String) }
            pages += 1
            offset = toIndex + 1
            if offset >= total { break }
        }
        #expect(pages == 3)
        #expect(keys.count == Self.count)
        #expect(keys.allSatisfy { $0.count == 26 && UInt64($0) == nil })
        try await simulator.shutdown()
    }

    @Test("Webex: Link rel=next pages, max capped")
    func webexPages() async throws {
        let simulator = try await ProviderSimulator.start(seed: .generated(accountsPerProvider: Self.count))
        let http = SimulatorHTTP(simulator)
        let token = try await http.webexToken()
        var url: String? = simulator.baseURL + "/webex/v1/people?max=5000"
        var ids = Set<String>()
        var pages = 0
        while let current = url {
            let page = try await http.send("GET", url: current, token: token)
            let items = page.object["items"] as! [[String: Any]]
            #expect(items.count <= 1000)
            for item in items { ids.insert(item["id"] as! String) }
            url = page.header("Link").flatMap(SpecContractTests.nextLink)
            pages += 1
        }
        #expect(pages == 3)
        #expect(ids.count == Self.count)
        try await simulator.shutdown()
    }

    @Test("Webex: with the Link defect (max=null, parameters dropped) the next URLs still walk everything")
    func webexLinkQuirk() async throws {
        var knobs = SimulatorKnobs()
        knobs.webex.linkQuirk = true
        let simulator = try await ProviderSimulator.start(seed: .generated(accountsPerProvider: 450), knobs: knobs)
        let http = SimulatorHTTP(simulator)
        let token = try await http.webexToken()
        var url: String? = simulator.baseURL + "/webex/v1/people?max=200"
        var ids = Set<String>()
        var links: [String] = []
        while let current = url {
            let page = try await http.send("GET", url: current, token: token)
            for item in page.object["items"] as! [[String: Any]] { ids.insert(item["id"] as! String) }
            url = page.header("Link").flatMap(SpecContractTests.nextLink)
            if let url { links.append(url) }
        }
        #expect(ids.count == 450)
        #expect(links.allSatisfy { $0.contains("max=null") })
        #expect(links.count == 3, "200, then default pages of 100: 200 + 100 + 100 + 50")
        try await simulator.shutdown()
    }

    /// How fast is `Scripts/bench-providers.sh`'s question (README and docs/benchmarks.md), not a test's.
    @Test("100,000 accounts per provider list completely in pages of 2,000")
    func largeSeed() async throws {
        let simulator = try await ProviderSimulator.start(seed: .generated(accountsPerProvider: 100_000))
        let http = SimulatorHTTP(simulator, timeout: 60)
        let token = try await http.zoomToken()
        var next = ""
        var listed = 0
        var pages = 0
        repeat {
            let page = try await http.send("GET", "/zoom/v2/users?page_size=2000&next_page_token=\(next)", token: token)
            listed += (page.object["users"] as! [Any]).count
            next = page.object["next_page_token"] as! String
            pages += 1
        } while !next.isEmpty
        #expect(listed > 95_000)
        #expect(pages == (listed + 1_999) / 2_000)
        try await simulator.shutdown()
    }
}
