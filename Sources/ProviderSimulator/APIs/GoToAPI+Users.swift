import Foundation

extension GoToAPI {
    /// `GET /accounts/{ak}/users`: lists the account's users a page at a time, or looks one up by email.
    ///
    /// `offset` (0-based) and `pageSize` (max 1,000 by default) → `{results, fromIndex, toIndex, total}` with
    /// `toIndex` inclusive (next offset = toIndex + 1). `filter=email eq "a@b.com"` (or the old
    /// `(email="a@b.com")`) looks one user up; spaces must be `%20`: a `+` is not a space here, so
    /// `email+eq+…` is refused as GoTo does.
    ///
    /// `attributes=key,email` trims the fields.
    static func list(_ request: SimulatorRequest, _ state: inout SimulatorState) -> SimulatorResponse {
        let q = request.query
        var offset = 0
        var pageSize = 50
        if let raw = q["offset"] {
            guard let value = Int(raw), value >= 0 else { return badRequest("offset.invalid", raw, request) }
            offset = value
        }
        if let raw = q["pageSize"] {
            guard let value = Int(raw), value > 0 else { return badRequest("pageSize.invalid", raw, request) }
            pageSize = min(value, state.maxPageSize(.goto))
        }
        guard var table = state.tables[.goto] else { return .empty(500) }
        var results: [SimulatedAccount]
        var total: Int
        if let filter = q["filter"] {
            guard let email = parseEmailFilter(filter) else { return badRequest("filter.invalid", filter, request) }
            let all = table.account(email: email).map { [$0] } ?? []
            total = all.count
            results = Array(all.dropFirst(offset).prefix(pageSize))
        } else {
            total = table.count
            results = table.slice(offset: offset, limit: pageSize)
            state.tables[.goto] = table
        }
        let attributes = q["attributes"].map {
            Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        }
        let items: [JSON] = results.map { account in
            let full = user(account, state)
            guard let attributes, case .object(let members) = full else { return full }
            return .object(members.filter { attributes.contains($0.0) })
        }
        return .json(
            200,
            .object([
                ("results", .array(items)),
                ("fromIndex", .int(offset)),
                ("toIndex", .int(offset + results.count - 1)),
                ("total", .int(total)),
            ])
        )
    }

    /// Parses `email eq "x"` and the older `(email="x")`; nil for anything else.
    static func parseEmailFilter(_ filter: String) -> String? {
        let text = filter.trimmingCharacters(in: .whitespaces)
        for prefix in ["email eq \"", "(email=\""] where text.hasPrefix(prefix) {
            let suffix = prefix.hasPrefix("(") ? "\")" : "\""
            guard text.hasSuffix(suffix), text.count >= prefix.count + suffix.count else { return nil }
            return String(text.dropFirst(prefix.count).dropLast(suffix.count))
        }
        return nil
    }

    /// `POST /accounts/{ak}/users`: creates users, answering existing ones too.
    ///
    /// `{"users": [{email, firstName, lastName, …}], "licenseKeys", "adminRoles", "suppressEmail"}` → 201
    /// `[{key, email}]`. Users that already exist are answered too ("Existing (conflicting) users are returned in
    /// the response payload as well"), so creating is idempotent by email.
    static func create(_ request: SimulatorRequest, _ state: inout SimulatorState, _ now: Date) -> SimulatorResponse {
        guard let body = request.json, let users = body["users"]?.arrayValue, !users.isEmpty else {
            return badRequest("users.required", "users", request)
        }
        let licenceKeys = body["licenseKeys"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let known = Set((state.licenses[.goto] ?? []).map(\.id))
        for key in licenceKeys where !known.contains(key) { return badRequest("license.not.found", key, request) }
        for entry in users {
            guard let email = entry["email"]?.stringValue, ZoomAPI.isEmail(email) else {
                return badRequest("email.invalid", entry["email"]?.stringValue ?? "", request)
            }
            if entry["key"] != nil { return badRequest("key.not.allowed", email, request) }
        }
        var answer: [JSON] = []
        for entry in users {
            let email = entry["email"]?.stringValue ?? ""
            if let existing = state.tables[.goto]?.account(email: email) {
                answer.append(.object([("key", .string(existing.id)), ("email", .string(existing.email))]))
                continue
            }
            let account = SimulatedAccount(
                id: state.newAccountId(.goto),
                email: email,
                firstName: entry["firstName"]?.stringValue,
                lastName: entry["lastName"]?.stringValue,
                displayName: [entry["firstName"]?.stringValue, entry["lastName"]?.stringValue].compactMap { $0 }.joined(
                    separator: " "
                ),
                status: licenceKeys.isEmpty ? .inactive : .active,
                roles: body["adminRoles"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                licenses: licenceKeys,
                timezone: entry["timeZone"]?.stringValue,
                locale: entry["locale"]?.stringValue,
                created: SimulatorState.timestamp(now)
            )
            _ = state.tables[.goto]?.insert(account)
            answer.append(.object([("key", .string(account.id)), ("email", .string(email))]))
        }
        return .json(201, .array(answer))
    }

    /// `PUT /accounts/{ak}/users/{userKey}`: partial update → 204; `key` must not be in the body.
    ///
    /// Sending
    /// `licenseKeys: []` removes every licence, which is how a GoTo user is suspended.
    static func update(_ request: SimulatorRequest, _ key: String, _ state: inout SimulatorState) -> SimulatorResponse {
        guard var account = state.tables[.goto]?.account(id: key) else { return userNotFound(key, request) }
        guard let body = request.json, body.isObject else { return badRequest("body.invalid", "", request) }
        if body["key"] != nil { return badRequest("key.not.allowed", key, request) }
        if let email = body["email"]?.stringValue {
            guard ZoomAPI.isEmail(email) else { return badRequest("email.invalid", email, request) }
            if let other = state.tables[.goto]?.account(email: email), other.id != key {
                return ProviderErrors.goto(
                    409,
                    code: "user.name.conflict",
                    value: email,
                    incidentId: request.trackingId
                )
            }
            account.email = email
        }
        if let v = body["firstName"]?.stringValue { account.firstName = v }
        if let v = body["lastName"]?.stringValue { account.lastName = v }
        if let v = body["locale"]?.stringValue { account.locale = v }
        if let v = body["timeZone"]?.stringValue { account.timezone = v }
        if let roles = body["adminRoles"]?.arrayValue { account.roles = roles.compactMap(\.stringValue) }
        if let keys = body["licenseKeys"]?.arrayValue {
            let wanted = keys.compactMap(\.stringValue)
            let known = Set((state.licenses[.goto] ?? []).map(\.id))
            for licence in wanted where !known.contains(licence) {
                return badRequest("license.not.found", licence, request)
            }
            account.licenses = wanted
        }
        account.status = account.licenses.isEmpty ? .inactive : .active
        _ = state.tables[.goto]?.replace(account)
        return .empty(204)
    }

    /// `POST /licenses/{lk}/users {"userKeys": […]}` (assumed; no documented path) and
    /// `DELETE /licenses/{lk}/users/{userKey}` (removal = suspension when it was the last licence) → 204.
    static func changeLicence(
        _ licence: String,
        users: [String],
        add: Bool,
        _ request: SimulatorRequest,
        _ state: inout SimulatorState
    ) -> SimulatorResponse {
        guard (state.licenses[.goto] ?? []).contains(where: { $0.id == licence }) else {
            return ProviderErrors.goto(404, code: "license.not.found", value: licence, incidentId: request.trackingId)
        }
        guard !users.isEmpty else { return badRequest("userKeys.required", "userKeys", request) }
        for key in users {
            guard var account = state.tables[.goto]?.account(id: key) else { return userNotFound(key, request) }
            if add {
                if !account.licenses.contains(licence) { account.licenses.append(licence) }
            } else {
                account.licenses.removeAll { $0 == licence }
            }
            account.status = account.licenses.isEmpty ? .inactive : .active
            _ = state.tables[.goto]?.replace(account)
        }
        return .empty(204)
    }
}
