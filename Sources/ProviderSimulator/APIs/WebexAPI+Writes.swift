import Foundation

extension WebexAPI {
    /// `POST /people` → 200 Person.
    ///
    /// `emails` is required, plus one of `displayName`, `firstName`, `lastName`;
    /// licences and roles must exist; an email already in the org is a 409. New people are invite-pending.
    static func create(_ request: SimulatorRequest, _ state: inout SimulatorState, _ now: Date) -> SimulatorResponse {
        let t = request.trackingId
        guard let body = request.json, body.isObject else {
            return badRequest("Request body must be a JSON object.", t)
        }
        guard let email = body["emails"]?.arrayValue?.first?.stringValue, ZoomAPI.isEmail(email) else {
            return badRequest("emails: a valid email address is required.", t)
        }
        let first = body["firstName"]?.stringValue
        let last = body["lastName"]?.stringValue
        let display = body["displayName"]?.stringValue
        guard first != nil || last != nil || display != nil else {
            return badRequest("One of displayName, firstName or lastName is required.", t)
        }
        if state.tables[.webex]?.account(email: email) != nil {
            return ProviderErrors.webex(409, "User already exists in the organization.", trackingId: t)
        }
        if let problem = checkLicences(body, state, t) { return problem }
        var account = SimulatedAccount(
            id: state.newAccountId(.webex),
            email: email,
            firstName: first,
            lastName: last,
            displayName: display ?? [first, last].compactMap { $0 }.joined(separator: " "),
            status: .pending,
            roles: strings(body["roles"]),
            licenses: strings(body["licenses"]),
            department: body["department"]?.stringValue,
            title: body["title"]?.stringValue,
            created: SimulatorState.timestamp(now)
        )
        if let problem = applyCallingData(body, to: &account, replacing: false, t) { return problem }
        account.siteUrls = strings(body["siteUrls"])
        _ = state.tables[.webex]?.insert(account)
        if request.query["minResponse"] == "true" { return .json(200, .object([("id", .string(account.id))])) }
        return .json(200, person(account, state, WebexPersonView(request)))
    }

    /// `PUT /people/{personId}` is a FULL replacement: every field the body leaves out is cleared (`licenses` and
    /// `roles` become empty, `firstName`, `department` … vanish; an absent `loginEnabled` means true).
    ///
    /// `displayName` is required. `emails`, when sent, sets the primary email (its first entry).
    static func replace(
        _ request: SimulatorRequest,
        _ id: String,
        _ state: inout SimulatorState,
        _ now: Date
    ) -> SimulatorResponse {
        let t = request.trackingId
        guard var account = state.tables[.webex]?.account(id: id) else { return notFound(t) }
        guard let body = request.json, body.isObject else {
            return badRequest("Request body must be a JSON object.", t)
        }
        guard let display = body["displayName"]?.stringValue, !display.isEmpty else {
            return badRequest("displayName is required.", t)
        }
        if let problem = checkLicences(body, state, t) { return problem }
        if let login = body["loginEnabled"], login.boolValue == nil {
            return badRequest("loginEnabled must be a boolean.", t)
        }
        if let emails = body["emails"] {
            guard let email = emails.arrayValue?.first?.stringValue, ZoomAPI.isEmail(email) else {
                return badRequest("emails: a valid email address is required.", t)
            }
            if let other = state.tables[.webex]?.account(email: email), other.id != id {
                return ProviderErrors.webex(409, "Email address is already in use.", trackingId: t)
            }
            account.email = email
        }
        account.displayName = display
        account.firstName = body["firstName"]?.stringValue
        account.lastName = body["lastName"]?.stringValue
        account.department = body["department"]?.stringValue
        account.title = body["title"]?.stringValue
        account.roles = strings(body["roles"])
        account.licenses = strings(body["licenses"])
        if let problem = applyCallingData(body, to: &account, replacing: true, t) { return problem }
        // Attendee roles change only with showAllTypes=true ("To remove the attendee privilege … remove
        // sitename#attendee from siteUrls. The showAllTypes parameter must be set to true.").
        let sent = strings(body["siteUrls"])
        let attendee =
            request.query["showAllTypes"] == "true"
            ? sent.filter { $0.hasSuffix("#attendee") } : account.siteUrls.filter { $0.hasSuffix("#attendee") }
        account.siteUrls = sent.filter { !$0.hasSuffix("#attendee") } + attendee
        let loginEnabled = body["loginEnabled"]?.boolValue ?? true
        if !loginEnabled {
            account.status = .inactive
        } else if account.status == .inactive {
            account.status = .active
        }
        _ = state.tables[.webex]?.replace(account)
        if request.query["minResponse"] == "true" { return .json(200, .object([("id", .string(account.id))])) }
        return .json(200, person(account, state, WebexPersonView(request, attendeeSitesUnlessAsked: false)))
    }

    /// Sets the Webex Calling details from a create or full-replace body: `extension`, `locationId` and the
    /// `work` entry of `phoneNumbers` (the only type the update schema takes).
    ///
    /// A replace that leaves them out
    /// clears them, like every other field; a calling user's `locationId` cannot be changed ("It cannot be
    /// changed if a user is already an existing calling user").
    private static func applyCallingData(
        _ body: JSON,
        to account: inout SimulatedAccount,
        replacing: Bool,
        _ trackingId: String
    ) -> SimulatorResponse? {
        let numbers = body["phoneNumbers"]?.arrayValue ?? []
        if numbers.contains(where: { $0["type"]?.stringValue != "work" || $0["value"]?.stringValue == nil }) {
            return badRequest("phoneNumbers: only numbers of type work can be set.", trackingId)
        }
        let location = body["locationId"]?.stringValue
        if replacing, let current = account.locationId, let location, location != current {
            return badRequest("locationId cannot be changed for an existing calling user.", trackingId)
        }
        account.locationId = location
        account.callingExtension = body["extension"]?.stringValue
        account.workPhone = numbers.first?["value"]?.stringValue
        return nil
    }

    private static func checkLicences(_ body: JSON, _ state: SimulatorState, _ trackingId: String) -> SimulatorResponse?
    {
        let known = Set((state.licenses[.webex] ?? []).map(\.id))
        for licence in strings(body["licenses"]) where !known.contains(licence) {
            return badRequest("Invalid license id \(licence).", trackingId)
        }
        return nil
    }

    private static func strings(_ value: JSON?) -> [String] {
        value?.arrayValue?.compactMap(\.stringValue) ?? []
    }
}
