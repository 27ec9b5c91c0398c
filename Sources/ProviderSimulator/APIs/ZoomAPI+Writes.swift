import Foundation

extension ZoomAPI {
    static let userTypes: Set<Int> = [1, 2, 4, 99]

    /// `POST /users` `{"action", "user_info": {"email", "type", …}}` → 201; 409 code 1005 if the email exists.
    ///
    /// `action=create` leaves the user pending (Zoom mails a confirmation); the other actions make them active.
    static func create(_ request: SimulatorRequest, _ state: inout SimulatorState, _ now: Date) -> SimulatorResponse {
        guard let body = request.json, body.isObject else {
            return ProviderErrors.zoom(400, code: 300, "Request Body should be a valid JSON object.")
        }
        guard let action = body["action"]?.stringValue,
            ["create", "autoCreate", "custCreate", "ssoCreate"].contains(action)
        else {
            return ProviderErrors.zoom(400, code: 300, "Validation Failed.", fields: ["action"])
        }
        guard let info = body["user_info"], info.isObject else {
            return ProviderErrors.zoom(400, code: 300, "Validation Failed.", fields: ["user_info"])
        }
        guard let email = info["email"]?.stringValue, isEmail(email), email.count < 128 else {
            return ProviderErrors.zoom(400, code: 300, "Validation Failed.", fields: ["user_info.email"])
        }
        guard let type = info["type"]?.intValue, userTypes.contains(type) else {
            return ProviderErrors.zoom(400, code: 300, "Validation Failed.", fields: ["user_info.type"])
        }
        for field in ["first_name", "last_name"] where (info[field]?.stringValue?.count ?? 0) > 64 {
            return ProviderErrors.zoom(400, code: 300, "Validation Failed.", fields: ["user_info.\(field)"])
        }
        if state.tables[.zoom]?.account(email: email) != nil {
            return ProviderErrors.zoom(409, code: 1005, "User already in the account: \(email).")
        }
        let first = info["first_name"]?.stringValue
        let last = info["last_name"]?.stringValue
        let account = SimulatedAccount(
            id: state.newAccountId(.zoom),
            email: email,
            firstName: first,
            lastName: last,
            displayName: info["display_name"]?.stringValue ?? [first, last].compactMap { $0 }.joined(separator: " "),
            status: action == "create" ? .pending : .active,
            userType: type,
            roles: ["2"],
            created: SimulatorState.timestamp(now)
        )
        _ = state.tables[.zoom]?.insert(account)
        return .json(
            201,
            .members([
                ("id", .string(account.id)), ("email", .string(email)), ("first_name", JSON.optional(first)),
                ("last_name", JSON.optional(last)), ("type", .int(type)),
            ])
        )
    }

    /// `PATCH /users/{userId}`: partial update, 204 without body.
    static func update(_ request: SimulatorRequest, _ key: String, _ state: inout SimulatorState) -> SimulatorResponse {
        guard var account = find(key, in: state) else { return notFound(key) }
        guard let body = request.json, body.isObject else {
            return ProviderErrors.zoom(400, code: 300, "Request Body should be a valid JSON object.")
        }
        for field in ["first_name", "last_name"] where (body[field]?.stringValue?.count ?? 0) > 64 {
            return ProviderErrors.zoom(400, code: 300, "Validation Failed.", fields: [field])
        }
        if let type = body["type"] {
            guard let value = type.intValue, userTypes.contains(value) else {
                return ProviderErrors.zoom(400, code: 300, "Validation Failed.", fields: ["type"])
            }
            account.userType = value
        }
        if let v = body["first_name"]?.stringValue { account.firstName = v }
        if let v = body["last_name"]?.stringValue { account.lastName = v }
        if let v = body["dept"]?.stringValue { account.department = v }
        if let v = body["job_title"]?.stringValue { account.title = v }
        if let v = body["timezone"]?.stringValue { account.timezone = v }
        if let v = body["language"]?.stringValue { account.locale = v }
        if let v = body["display_name"]?.stringValue {
            // Zoom: an empty display_name is derived from the first and last name.
            account.displayName =
                v.isEmpty ? [account.firstName, account.lastName].compactMap { $0 }.joined(separator: " ") : v
        } else if body["first_name"] != nil || body["last_name"] != nil {
            account.displayName = [account.firstName, account.lastName].compactMap { $0 }.joined(separator: " ")
        }
        _ = state.tables[.zoom]?.replace(account)
        return .empty(204)
    }

    /// `PUT /users/{userId}/status` `{"action": "activate"|"deactivate"}` → 200 (the spec's code).
    ///
    /// Owners and admins are refused with code 200, as Zoom documents.
    static func setStatus(
        _ request: SimulatorRequest,
        _ key: String,
        _ state: inout SimulatorState
    ) -> SimulatorResponse {
        guard var account = find(key, in: state) else { return notFound(key) }
        guard let action = request.json?["action"]?.stringValue,
            ["activate", "deactivate", "clock_in", "clock_out"].contains(action)
        else {
            return ProviderErrors.zoom(400, code: 300, "Validation Failed.", fields: ["action"])
        }
        if SimulatorIdentifiers.isAdmin(account, provider: .zoom) {
            return ProviderErrors.zoom(
                400,
                code: 200,
                "Zoom Room and Admin users' status cannot be activated or deactivated."
            )
        }
        if account.status == .pending {
            return ProviderErrors.zoom(400, code: 300, "User has not activated the account yet.")
        }
        if action == "activate" { account.status = .active }
        if action == "deactivate" { account.status = .inactive }
        _ = state.tables[.zoom]?.replace(account)
        return .empty(200)
    }

    /// `DELETE /users/{userId}`: `action=disassociate` (the default!) unlinks the user, `action=delete` removes
    /// them for good; both take the user off the account (the request log tells which was used).
    static func delete(_ request: SimulatorRequest, _ key: String, _ state: inout SimulatorState) -> SimulatorResponse {
        guard let account = find(key, in: state) else { return notFound(key) }
        let action = request.query["action"] ?? "disassociate"
        guard action == "disassociate" || action == "delete" else {
            return ProviderErrors.zoom(400, code: 300, "Validation Failed.", fields: ["action"])
        }
        if account.roles.first == "0" {
            return ProviderErrors.zoom(400, code: 200, "The account owner cannot be deleted.")
        }
        if action == "disassociate", account.roles.first == "1" {
            return ProviderErrors.zoom(400, code: 1117, "Cannot disassociate an admin user.")
        }
        state.tables[.zoom]?.remove(id: account.id)
        return .empty(204)
    }

    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(" ")
    }
}
