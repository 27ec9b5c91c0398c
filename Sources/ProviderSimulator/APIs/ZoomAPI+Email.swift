import Foundation

extension ZoomAPI {
    /// How many times Zoom lets one user's email change in 24 hours (the spec's description of
    /// `PUT /users/{userId}/email`).
    static let emailChangesPerDay = 3

    /// `PUT /users/{userId}/email` `{"email"}` → 204 without body (operation `userEmailUpdate` in
    /// `zoom-users.json`).
    ///
    /// The account keeps its id and everything else; only the address changes. A pending user (invited with
    /// `action=create`, no id in listings) stays pending and their invitation moves to the new address, so the
    /// user is found under the new email from now on and no longer under the old one.
    ///
    /// Refusals, in the statuses the spec declares for this operation (400, 404, 429):
    /// - 404 code 1001: no such user.
    /// - 400 code 300 "Validation Failed." naming `email`: missing, not an address, or 128 characters or more
    ///   (the spec's schema: `format: email`, "less than 128 characters"); also a body that is not JSON.
    /// - 400 code 1005: the address is taken by another user (the code Zoom uses for a taken email on create;
    ///   the spec declares no 409 for this operation, so the status is 400).
    /// - 400 code 1000 "Admin can not change other admins email.": the account owner or an admin.
    /// - 400 code 300: a fourth change within 24 hours ("A user's email address can be changed up to 3 times
    ///   in any 24 hour period").
    static func changeEmail(
        _ request: SimulatorRequest,
        _ key: String,
        _ state: inout SimulatorState,
        _ now: Date
    ) -> SimulatorResponse {
        guard var account = find(key, in: state) else { return notFound(key) }
        guard let body = request.json, body.isObject else {
            return ProviderErrors.zoom(400, code: 300, "Request Body should be a valid JSON object.")
        }
        guard let email = body["email"]?.stringValue, isEmail(email), email.count < 128 else {
            return ProviderErrors.zoom(400, code: 300, "Validation Failed.", fields: ["email"])
        }
        if SimulatorIdentifiers.isAdmin(account, provider: .zoom) {
            return ProviderErrors.zoom(400, code: 1000, "Admin can not change other admins email.")
        }
        if email.lowercased() == account.email.lowercased() {
            account.email = email
            _ = state.tables[.zoom]?.replace(account)
            return .empty(204)
        }
        if let holder = state.tables[.zoom]?.account(email: email), holder.id != account.id {
            return ProviderErrors.zoom(400, code: 1005, "Email \(email) has already been used.")
        }
        let recent = (state.zoomEmailChanges[account.id] ?? []).filter { now.timeIntervalSince($0) < 86_400 }
        if recent.count >= emailChangesPerDay {
            return ProviderErrors.zoom(
                400,
                code: 300,
                "The email address of this user can be changed up to 3 times in 24 hours."
            )
        }
        account.email = email
        guard state.tables[.zoom]?.replace(account) == true else {
            return ProviderErrors.zoom(400, code: 1005, "Email \(email) has already been used.")
        }
        state.zoomEmailChanges[account.id] = recent + [now]
        return .empty(204)
    }
}
