import Foundation

/// Zoom Users API v2 (`/zoom/v2/users…`), as `zoom-users.json` and Zoom's guides describe it.
enum ZoomAPI {
    static func handle(_ request: SimulatorRequest, state: inout SimulatorState, now: Date) -> SimulatorResponse {
        let s = request.segments
        guard s.count >= 2, s[0] == "v2", s[1] == "users" else {
            return ProviderErrors.zoom(404, code: 2300, "This API endpoint is not recognized.")
        }
        switch (request.method, s.count) {
        case ("GET", 2):
            return SimulatorState.guarded(
                request,
                .zoom,
                ["user:read:admin", "user:read:list_users:admin"],
                &state,
                now
            ) {
                list(request, &$0, now)
            }
        case ("POST", 2):
            return SimulatorState.guarded(request, .zoom, ["user:write:admin", "user:write:user:admin"], &state, now) {
                create(request, &$0, now)
            }
        case ("GET", 3) where s[2] == "email":
            return SimulatorState.guarded(request, .zoom, ["user:read:admin", "user:read:email:admin"], &state, now) {
                st in
                let exists = request.query["email"].flatMap { st.tables[.zoom]?.account(email: $0) } != nil
                return .json(200, .object([("existed_email", .bool(exists))]))
            }
        case ("GET", 3) where s[2] == "summary":
            return SimulatorState.guarded(request, .zoom, ["user:read:admin", "user:read:summary:admin"], &state, now) {
                summary(&$0)
            }
        case ("GET", 3):
            return SimulatorState.guarded(request, .zoom, ["user:read:admin", "user:read:user:admin"], &state, now) {
                get(s[2], &$0)
            }
        case ("PATCH", 3):
            return SimulatorState.guarded(request, .zoom, ["user:write:admin", "user:update:user:admin"], &state, now) {
                update(request, s[2], &$0)
            }
        case ("DELETE", 3):
            return SimulatorState.guarded(request, .zoom, ["user:write:admin", "user:delete:user:admin"], &state, now) {
                delete(request, s[2], &$0)
            }
        case ("PUT", 4) where s[3] == "status":
            return SimulatorState.guarded(
                request,
                .zoom,
                ["user:write:admin", "user:update:status:admin"],
                &state,
                now
            ) {
                setStatus(request, s[2], &$0)
            }
        case ("PUT", 4) where s[3] == "email":
            return SimulatorState.guarded(request, .zoom, ["user:write:admin", "user:update:email:admin"], &state, now)
            {
                changeEmail(request, s[2], &$0, now)
            }
        default:
            return ProviderErrors.zoom(404, code: 2300, "This API endpoint is not recognized.")
        }
    }

    /// The rate-limit label of the operation a request calls, as the spec's descriptions give it ("Rate Limit
    /// Label"): `GET /users` and `GET /users/summary` are Medium, every other user operation Light.
    ///
    /// No user
    /// operation is Heavy or Resource-intensive. nil for the token endpoint, which is outside the API's limits
    /// (it lives on `zoom.us`, not `api.zoom.us`).
    static func rateLimitCategory(_ request: SimulatorRequest) -> String? {
        let s = request.segments
        if s.first == "oauth" { return nil }
        let medium = request.method == "GET" && (s == ["v2", "users"] || s == ["v2", "users", "summary"])
        return medium ? ZoomRateLimits.medium : ZoomRateLimits.light
    }

    /// `{userId}` is the user id or the email address.
    static func find(_ key: String, in state: SimulatorState) -> SimulatedAccount? {
        guard let table = state.tables[.zoom] else { return nil }
        return table.account(id: key) ?? (key.contains("@") ? table.account(email: key) : nil)
    }

    static func notFound(_ key: String) -> SimulatorResponse {
        ProviderErrors.zoom(404, code: 1001, "User does not exist: \(key).")
    }

    /// `GET /users`: `status` lists active, inactive and pending users separately; `next_page_token` is a cursor
    /// that expires (15 minutes by default) and must come with the same `status` and `page_size`.
    static func list(_ request: SimulatorRequest, _ state: inout SimulatorState, _ now: Date) -> SimulatorResponse {
        guard let status = SimulatedAccount.Status(rawValue: request.query["status"] ?? "active") else {
            return ProviderErrors.zoom(400, code: 300, "Invalid field.", fields: ["status"])
        }
        var pageSize = 30
        if let raw = request.query["page_size"] {
            guard let size = Int(raw), size > 0 else {
                return ProviderErrors.zoom(400, code: 300, "Invalid field.", fields: ["page_size"])
            }
            pageSize = min(size, state.maxPageSize(.zoom))
        }
        var afterSeq = 0
        var pageNumber = 1
        if let tokenText = request.query["next_page_token"], !tokenText.isEmpty {
            guard let cursor = state.zoomPageTokens[tokenText], cursor.expires > now, cursor.status == status,
                cursor.pageSize == pageSize
            else {
                return ProviderErrors.zoom(400, code: 300, "The next page token is invalid or expired.")
            }
            afterSeq = cursor.lastSeq
            pageNumber = cursor.pageNumber
        }
        guard var table = state.tables[.zoom] else { return .empty(500) }
        let page = table.page(afterSeq: afterSeq, limit: pageSize) { $0.status == status }
        state.tables[.zoom] = table
        var next = ""
        if page.hasMore {
            next = state.random.token(length: 35)
            let lifetime = Double(state.knobs.zoom.pageTokenLifetimeSeconds)
            if state.zoomPageTokens.count > 10_000 {
                state.zoomPageTokens = state.zoomPageTokens.filter { $0.value.expires > now }
            }
            state.zoomPageTokens[next] = SimulatorState.ZoomPageCursor(
                status: status,
                pageSize: pageSize,
                lastSeq: page.lastSeq,
                pageNumber: pageNumber + 1,
                expires: now.addingTimeInterval(lifetime)
            )
        }
        let total = table.countByStatus[status] ?? 0
        return .json(
            200,
            .object([
                ("next_page_token", .string(next)),
                ("page_count", .int(max(1, (total + pageSize - 1) / pageSize))),
                ("page_number", .int(pageNumber)),
                ("page_size", .int(pageSize)),
                ("total_records", .int(total)),
                ("users", .array(page.accounts.map { ZoomRendering.listItem($0) })),
            ])
        )
    }

    private static func summary(_ state: inout SimulatorState) -> SimulatorResponse {
        var licensed = 0
        var basic = 0
        var pending = 0
        for account in state.tables[.zoom]?.all() ?? [] {
            if account.status == .pending { pending += 1 }
            if account.userType == 2 { licensed += 1 } else { basic += 1 }
        }
        return .json(
            200,
            .object([
                ("licensed_users_count", .int(licensed)), ("basic_users_count", .int(basic)),
                ("on_prem_users_count", .int(0)), ("room_users_count", .int(0)),
                ("pending_users_count", .int(pending)), ("join_only_users_count", .int(0)),
                ("total_users_count", .int(licensed + basic)),
            ])
        )
    }

    private static func get(_ key: String, _ state: inout SimulatorState) -> SimulatorResponse {
        guard let account = find(key, in: state) else { return notFound(key) }
        return .json(200, ZoomRendering.user(account, accountId: state.seed.zoom.accountId))
    }
}
