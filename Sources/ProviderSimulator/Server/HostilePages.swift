/// The made-up listing pages of ``HostileAnswers``, in each provider's page shape.
enum HostilePages {
    /// A total that a listing cannot reach: 5,000 against one page of accounts.
    static let claimedTotal = 5_000

    /// The hostile page for a listing request (a body that is not JSON, or cut in half, for any provider); `nil`
    /// when the answer does not apply to the provider.
    static func answer(
        _ answer: HostileKnobs.Answer,
        _ request: SimulatorRequest,
        _ provider: SimulatorProvider,
        _ knobs: HostileKnobs,
        _ baseURL: String
    ) -> SimulatorResponse? {
        let size = knobs.pageSize
        switch (provider, answer) {
        case (_, .garbageJSON):
            return SimulatorResponse(
                status: 200,
                headers: [("Content-Type", "application/json")],
                body: Array("<html><body>502 Bad Gateway</body></html>".utf8)
            )
        case (_, .truncatedJSON):
            let whole = page(provider, first: 0, count: size, total: nil, next: nil).body
            return SimulatorResponse(
                status: 200,
                headers: [("Content-Type", "application/json")],
                body: Array(whole.prefix(whole.count / 2))
            )
        case (.zoom, .repeatedPageToken):
            let index = (request.query["next_page_token"] ?? "").isEmpty ? 0 : 1
            return page(.zoom, first: index * size, count: size, total: claimedTotal, next: "hostile-repeat")
        case (.zoom, .endlessPages):
            let index = Int((request.query["next_page_token"] ?? "p0").dropFirst()) ?? 0
            return page(.zoom, first: index * size, count: size, total: nil, next: "p\(index + 1)")
        case (.zoom, .shortCount):
            return page(.zoom, first: 0, count: size, total: claimedTotal, next: nil)
        case (.webex, .linkCycle):
            let cursor = Int(request.query["cursor"] ?? "0") ?? 0
            let next = webexURL(baseURL, cursor: cursor == 1 ? 2 : 1)
            return page(.webex, first: cursor * size, count: size, total: nil, next: next)
        case (.webex, .nextIsCurrent):
            let current = baseURL + request.path + (request.queryString.map { "?" + $0 } ?? "")
            return page(.webex, first: 0, count: size, total: nil, next: current)
        case (.webex, .nextToOtherOrigin):
            return page(.webex, first: 0, count: size, total: nil, next: webexURL(knobs.foreignOrigin, cursor: 1))
        case (.webex, .endlessPages):
            let cursor = Int(request.query["cursor"] ?? "0") ?? 0
            return page(
                .webex,
                first: cursor * size,
                count: size,
                total: nil,
                next: webexURL(baseURL, cursor: cursor + 1)
            )
        case (.goto, .endlessPages):
            let offset = max(0, Int(request.query["offset"] ?? "0") ?? 0)
            return page(.goto, first: offset, count: size, total: 1_000_000_000_000, next: nil)
        case (.goto, .noProgress):
            return page(.goto, first: 0, count: size, total: claimedTotal, next: nil)
        case (.goto, .hugeToIndex):
            let offset = max(0, Int(request.query["offset"] ?? "0") ?? 0)
            return page(.goto, first: offset, count: size, total: claimedTotal, next: nil, toIndex: Int.max)
        case (.goto, .shortCount):
            let offset = max(0, Int(request.query["offset"] ?? "0") ?? 0)
            return page(.goto, first: offset, count: offset == 0 ? size : 0, total: claimedTotal, next: nil)
        default:
            return nil
        }
    }

    /// One page of made-up accounts `first ..< first + count` in the provider's shape; `next` is Zoom's
    /// `next_page_token` or Webex's `Link` URL; GoTo's `toIndex` is inclusive unless given.
    static func page(
        _ provider: SimulatorProvider,
        first: Int,
        count: Int,
        total: Int?,
        next: String?,
        toIndex: Int? = nil
    ) -> SimulatorResponse {
        let numbers = Array(first..<(first + count))
        switch provider {
        case .zoom:
            let users: [JSON] = numbers.map { n in
                .object([
                    ("id", .string("hostile\(n)")), ("email", .string("hostile\(n)@example.com")), ("type", .int(1)),
                    ("status", .string("active")),
                ])
            }
            return .json(
                200,
                .members([
                    ("next_page_token", .string(next ?? "")), ("page_size", .int(count)),
                    ("total_records", total.map { .int($0) }), ("users", .array(users)),
                ])
            )
        case .webex:
            let items: [JSON] = numbers.map { n in
                .object([
                    ("id", .string("hostile\(n)")), ("emails", .array([.string("hostile\(n)@example.com")])),
                    ("displayName", .string("Hostile \(n)")),
                ])
            }
            let headers = next.map { [("Link", "<\($0)>; rel=\"next\"")] } ?? []
            return .json(200, .object([("items", .array(items))]), headers: headers)
        case .goto:
            let results: [JSON] = numbers.map { n in
                .object([("key", .string("\(900_000 + n)")), ("email", .string("hostile\(n)@example.com"))])
            }
            return .json(
                200,
                .members([
                    ("results", .array(results)), ("fromIndex", .int(first)),
                    ("toIndex", .int(toIndex ?? (first + count - 1))), ("total", total.map { .int($0) }),
                ])
            )
        }
    }

    private static func webexURL(_ origin: String, cursor: Int) -> String {
        "\(origin)/webex/v1/people?max=20&cursor=\(cursor)"
    }
}
