import Foundation

/// GoTo Admin API (`/goto/admin/rest/v1/…`) and its token host (`/goto/oauth/token`), as PROVIDER-APIS.md §1 says.
enum GoToAPI {
    static let scopes = ["identity:"]

    static func handle(_ request: SimulatorRequest, state: inout SimulatorState, now: Date) -> SimulatorResponse {
        let s = request.segments
        if s == ["oauth", "token"] { return TokenEndpoints.goto(request, state: &state, now: now) }
        guard s.count >= 4, s[0] == "admin", s[1] == "rest", s[2] == "v1" else { return notFound("path", request) }
        if let refusal = state.authorize(request, provider: .goto, anyOf: scopes, now: now) { return refusal }
        let rest = Array(s.dropFirst(3))
        if rest == ["me"], request.method == "GET" { return me(&state) }
        guard rest.count >= 3, rest[0] == "accounts" else { return notFound("path", request) }
        guard rest[1] == state.seed.goto.accountId else {
            return ProviderErrors.goto(404, code: "account.not.found", value: rest[1], incidentId: request.trackingId)
        }
        switch (request.method, rest[2], rest.count) {
        case ("GET", "users", 3): return list(request, &state)
        case ("POST", "users", 3): return create(request, &state, now)
        case ("GET", "users", 4):
            guard let found = state.tables[.goto]?.account(id: rest[3]) else { return userNotFound(rest[3], request) }
            return .json(200, user(found, state))
        case ("PUT", "users", 4): return update(request, rest[3], &state)
        case ("DELETE", "users", 4):
            guard state.tables[.goto]?.remove(id: rest[3]) != nil else { return userNotFound(rest[3], request) }
            return .empty(204)
        case ("GET", "licenses", 3): return licenses(&state)
        case ("POST", "licenses", 5) where rest[4] == "users":
            let keys = request.json?["userKeys"]?.arrayValue?.compactMap(\.stringValue) ?? []
            return changeLicence(rest[3], users: keys, add: true, request, &state)
        case ("DELETE", "licenses", 6) where rest[4] == "users":
            return changeLicence(rest[3], users: [rest[5]], add: false, request, &state)
        default:
            return notFound("path", request)
        }
    }

    static func notFound(_ what: String, _ request: SimulatorRequest) -> SimulatorResponse {
        ProviderErrors.goto(404, code: "not.found", value: request.path, incidentId: request.trackingId)
    }

    static func userNotFound(_ key: String, _ request: SimulatorRequest) -> SimulatorResponse {
        ProviderErrors.goto(404, code: "user.not.found", value: key, incidentId: request.trackingId)
    }

    static func badRequest(_ code: String, _ value: String, _ request: SimulatorRequest) -> SimulatorResponse {
        ProviderErrors.goto(400, code: code, value: value, incidentId: request.trackingId)
    }

    /// `GET /me`: the admin the token acts for, with `accountKey`.
    static func me(_ state: inout SimulatorState) -> SimulatorResponse {
        let seed = state.seed.goto
        let admin = state.tables[.goto]?.account(email: seed.principal)
        return .json(
            200,
            .members([
                ("key", .string(admin?.id ?? seed.accountId)),
                ("accountKey", .string(seed.accountId)),
                ("email", .string(seed.principal)),
                ("firstName", JSON.optional(admin?.firstName)),
                ("lastName", JSON.optional(admin?.lastName)),
                ("locale", JSON.optional(admin?.locale)),
                ("timeZone", JSON.optional(admin?.timezone)),
                ("adminRoles", JSON.strings(admin?.roles ?? ["SUPER_USER"])),
            ])
        )
    }

    /// A user; keys are strings (they exceed 64 bits).
    ///
    /// `products` derive from the licences held.
    static func user(_ account: SimulatedAccount, _ state: SimulatorState) -> JSON {
        let licences = state.licenses[.goto] ?? []
        var products: [String] = []
        for key in account.licenses {
            for product in licences.first(where: { $0.id == key })?.products ?? [] where !products.contains(product) {
                products.append(product)
            }
        }
        return .members([
            ("key", .string(account.id)),
            ("accountKey", .string(state.seed.goto.accountId)),
            ("email", .string(account.email)),
            ("firstName", JSON.optional(account.firstName)),
            ("lastName", JSON.optional(account.lastName)),
            ("locale", JSON.optional(account.locale)),
            ("timeZone", JSON.optional(account.timezone)),
            ("licenseKeys", JSON.strings(account.licenses)),
            ("products", JSON.strings(products)),
            ("adminRoles", JSON.strings(account.roles)),
            ("admin", .bool(!account.roles.isEmpty)),
        ])
    }

    /// `GET /licenses`: `{results, fromIndex, toIndex, total}`; `userKeys` only while at most 1,000 hold a licence.
    static func licenses(_ state: inout SimulatorState) -> SimulatorResponse {
        var holders: [String: [String]] = [:]
        for account in state.tables[.goto]?.all() ?? [] {
            for licence in account.licenses { holders[licence, default: []].append(account.id) }
        }
        let items: [JSON] = (state.licenses[.goto] ?? []).map { licence in
            let keys = holders[licence.id] ?? []
            return .members([
                ("key", .string(licence.id)),
                ("description", .string(licence.name)),
                ("products", JSON.strings(licence.products)),
                ("seats", .int(licence.seats)),
                ("userCount", .int(keys.count)),
                ("userKeys", keys.count <= 1000 ? JSON.strings(keys) : nil),
                ("enabled", .bool(true)),
                ("type", .string("STANDARD")),
            ])
        }
        return .json(
            200,
            .object([
                ("results", .array(items)), ("fromIndex", .int(0)), ("toIndex", .int(items.count - 1)),
                ("total", .int(items.count)),
            ])
        )
    }
}
