import Foundation

/// Webex People and Licenses APIs (`/webex/v1/…`), as `webex-admin.json` and the REST basics guide describe.
enum WebexAPI {
    static let readScopes = ["spark-admin:people_read", "spark-admin:people_write"]
    static let writeScopes = ["spark-admin:people_write"]

    static func handle(
        _ request: SimulatorRequest,
        state: inout SimulatorState,
        now: Date,
        baseURL: String
    ) -> SimulatorResponse {
        let s = request.segments
        let t = request.trackingId
        guard s.count >= 2, s[0] == "v1" else { return notFound(t) }
        switch (request.method, s[1], s.count) {
        case ("POST", "access_token", 2):
            return TokenEndpoints.webexAccessToken(request, state: &state, now: now)
        case ("POST", "applications", 4) where s[3] == "token":
            return TokenEndpoints.webexServiceApp(request, applicationId: s[2], state: &state, now: now)
        case ("GET", "licenses", 2):
            return SimulatorState.guarded(request, .webex, ["spark-admin:licenses_read"], &state, now) { licenses(&$0) }
        case ("PATCH", "licenses", 3) where s[2] == "users":
            return SimulatorState.guarded(request, .webex, writeScopes, &state, now) { assignLicences(request, &$0) }
        case ("GET", "people", 2):
            return SimulatorState.guarded(request, .webex, readScopes, &state, now) {
                list(request, &$0, baseURL: baseURL)
            }
        case ("POST", "people", 2):
            return SimulatorState.guarded(request, .webex, writeScopes, &state, now) { create(request, &$0, now) }
        case ("GET", "people", 3) where s[2] == "me":
            return SimulatorState.guarded(request, .webex, [], &state, now) { st in
                guard let me = st.tables[.webex]?.account(email: st.seed.webex.principal) else { return notFound(t) }
                return .json(200, person(me, st, WebexPersonView(request)))
            }
        case ("GET", "people", 3):
            return SimulatorState.guarded(request, .webex, readScopes, &state, now) { st in
                guard let account = st.tables[.webex]?.account(id: s[2]) else { return notFound(t) }
                return .json(200, person(account, st, WebexPersonView(request)))
            }
        case ("PUT", "people", 3):
            return SimulatorState.guarded(request, .webex, writeScopes, &state, now) {
                replace(request, s[2], &$0, now)
            }
        case ("DELETE", "people", 3):
            return SimulatorState.guarded(request, .webex, writeScopes, &state, now) { st in
                guard st.tables[.webex]?.remove(id: s[2]) != nil else { return notFound(t) }
                return .empty(204)
            }
        case (_, "people", 2...3), (_, "licenses", 2...3):
            // A known resource with a method it does not take: 405, which the spec declares for every operation.
            return ProviderErrors.webex(405, "The request method is not supported for this resource.", trackingId: t)
        default:
            return notFound(t)
        }
    }

    static func notFound(_ trackingId: String) -> SimulatorResponse {
        ProviderErrors.webex(404, "The requested resource could not be found.", trackingId: trackingId)
    }

    static func badRequest(_ message: String, _ trackingId: String) -> SimulatorResponse {
        ProviderErrors.webex(400, message, trackingId: trackingId)
    }

    /// `GET /people`: `email` and `id` look up directly, `displayName` filters by prefix; pages follow the
    /// `Link: <…>; rel="next"` header; `max` above the maximum is lowered to it, as the guide says.
    static func list(_ request: SimulatorRequest, _ state: inout SimulatorState, baseURL: String) -> SimulatorResponse {
        let q = request.query
        var limit = 100
        if let raw = q["max"], raw != "null" {
            guard let value = Int(raw), value > 0 else { return badRequest("Invalid max value.", request.trackingId) }
            limit = min(value, state.maxPageSize(.webex))
        }
        guard var table = state.tables[.webex] else { return .empty(500) }
        if let ids = q["id"] {
            let wanted = ids.split(separator: ",").map(String.init)
            guard wanted.count <= 85 else { return badRequest("At most 85 ids are allowed.", request.trackingId) }
            let found = wanted.compactMap { table.account(id: $0) }
            let missing = wanted.filter { table.account(id: $0) == nil }
            return .json(
                200,
                .members([
                    ("items", .array(found.map { person($0, state, WebexPersonView(request, presence: false)) })),
                    ("notFoundIds", missing.isEmpty ? nil : JSON.strings(missing)),
                ])
            )
        }
        if let email = q["email"] {
            let found = table.account(email: email).map { [$0] } ?? []
            return .json(200, .object([("items", .array(found.map { person($0, state, WebexPersonView(request)) }))]))
        }
        var afterSeq = 0
        if let cursor = q["cursor"] {
            guard let value = Int(cursor), value >= 0 else { return badRequest("Invalid cursor.", request.trackingId) }
            afterSeq = value
        }
        let prefix = q["displayName"]?.lowercased()
        let page = table.page(afterSeq: afterSeq, limit: limit) { account in
            prefix.map { (account.displayName ?? "").lowercased().hasPrefix($0) } ?? true
        }
        state.tables[.webex] = table
        var headers: [(String, String)] = []
        if page.hasMore, state.knobs.webex.linkQuirk {
            // The documented defect: `max=null`, other parameters dropped.
            let next = "\(baseURL)/webex/v1/people?max=null&cursor=\(page.lastSeq)"
            headers.append(("Link", "<\(next)>; rel=\"next\""))
        } else if page.hasMore {
            var params = ["max=\(limit)", "cursor=\(page.lastSeq)"]
            if let name = q["displayName"] {
                params.append(
                    "displayName=" + (name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? name)
                )
            }
            headers.append(("Link", "<\(baseURL)/webex/v1/people?\(params.joined(separator: "&"))>; rel=\"next\""))
        }
        let view = WebexPersonView(request)
        return .json(200, .object([("items", .array(page.accounts.map { person($0, state, view) }))]), headers: headers)
    }

    /// `GET /licenses`: every licence with its consumption counted from the accounts.
    static func licenses(_ state: inout SimulatorState) -> SimulatorResponse {
        let accounts = state.tables[.webex]?.all() ?? []
        var used: [String: Int] = [:]
        for account in accounts { for licence in account.licenses { used[licence, default: 0] += 1 } }
        let items: [JSON] = (state.licenses[.webex] ?? []).map { licence in
            .object([
                ("id", .string(licence.id)),
                ("name", .string(licence.name)),
                ("totalUnits", .int(licence.seats)),
                ("consumedUnits", .int(used[licence.id] ?? 0)),
                ("consumedByUsers", .int(used[licence.id] ?? 0)),
                ("consumedByWorkspaces", .int(0)),
                ("subscriptionId", .string("Sub-simulator")),
                ("siteType", .string("Control Hub managed site")),
            ])
        }
        return .json(200, .object([("items", .array(items))]))
    }

    /// A Person: `loginEnabled` and `invitePending` are the strings `"true"`/`"false"`, as the spec says.
    static func person(_ account: SimulatedAccount, _ state: SimulatorState, _ view: WebexPersonView) -> JSON {
        var members: [(String, JSON?)] = [
            ("id", .string(account.id)),
            ("emails", JSON.strings([account.email])),
        ]
        members += view.callingMembers(account)
        members += [
            ("displayName", .string(account.displayName ?? account.email)),
            ("firstName", JSON.optional(account.firstName)),
            ("lastName", JSON.optional(account.lastName)),
            ("orgId", .string(state.seed.webex.accountId)),
            ("roles", JSON.strings(account.roles)),
            ("licenses", JSON.strings(account.licenses)),
            ("department", JSON.optional(account.department)),
            ("title", JSON.optional(account.title)),
            ("timezone", JSON.optional(account.timezone)),
            ("created", .string(account.created)),
            ("lastModified", .string(account.created)),
            ("siteUrls", view.siteUrls(account)),
            ("status", view.presence ? .string(account.status == .pending ? "pending" : "unknown") : nil),
            ("invitePending", .string(account.status == .pending ? "true" : "false")),
            ("loginEnabled", .string(account.status == .inactive ? "false" : "true")),
            ("type", .string("person")),
        ]
        return .members(members)
    }
}
