import Foundation

extension WebexAPI {
    /// `PATCH /licenses/users` `{"email"|"personId", "licenses": [{"id", "operation": "add"|"remove"}]}` → 200
    /// `{orgId, personId, email, licenses}`: licence changes without a full `PUT /people`.
    static func assignLicences(_ request: SimulatorRequest, _ state: inout SimulatorState) -> SimulatorResponse {
        let t = request.trackingId
        guard let body = request.json, body.isObject else {
            return badRequest("Request body must be a JSON object.", t)
        }
        let table = state.tables[.webex]
        let found =
            body["personId"]?.stringValue.flatMap { table?.account(id: $0) }
            ?? body["email"]?.stringValue.flatMap { table?.account(email: $0) }
        guard var account = found else {
            if body["personId"] == nil && body["email"] == nil {
                return badRequest("email or personId is required.", t)
            }
            return notFound(t)
        }
        let known = Set((state.licenses[.webex] ?? []).map(\.id))
        let changes = body["licenses"]?.arrayValue ?? []
        for change in changes {
            guard let id = change["id"]?.stringValue, known.contains(id) else {
                return badRequest("License assignment failed: unknown license.", t)
            }
            switch change["operation"]?.stringValue ?? "add" {
            case "add": if !account.licenses.contains(id) { account.licenses.append(id) }
            case "remove": account.licenses.removeAll { $0 == id }
            default: return badRequest("operation must be add or remove.", t)
            }
        }
        _ = state.tables[.webex]?.replace(account)
        return .json(
            200,
            .object([
                ("orgId", .string(state.seed.webex.accountId)),
                ("personId", .string(account.id)),
                ("email", .string(account.email)),
                ("licenses", JSON.strings(account.licenses)),
            ])
        )
    }
}
