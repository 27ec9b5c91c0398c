import Foundation

/// Which parts of a Webex person an answer shows, as `webex-admin.json` says for each operation.
struct WebexPersonView: Sendable {
    /// `callingData=true`: the Webex Calling details (`extension`, `locationId`, `phoneNumbers`). "Admin users can
    /// include Webex Calling (BroadCloud) user details in the response by specifying callingData as true."
    var calling = false
    /// Attendee site roles (`site#attendee` in `siteUrls`); `PUT` shows them only with `showAllTypes=true`
    /// ("Include additional user data like #attendee role").
    var attendeeSites = true
    /// Presence (`status`); left out of `GET /people?id=` answers ("presence information (such as the
    /// lastActivity or status properties) will not be included").
    var presence = true

    /// The view a request's query asks for.
    init(_ request: SimulatorRequest, attendeeSitesUnlessAsked: Bool = true, presence: Bool = true) {
        calling = request.query["callingData"] == "true"
        attendeeSites = attendeeSitesUnlessAsked || request.query["showAllTypes"] == "true"
        self.presence = presence
    }

    /// The location's routing prefix the simulator puts before an extension in `work_extension` numbers.
    static let routingPrefix = "8"

    /// The calling members of a person: `extension`, `locationId` and `phoneNumbers` (the work number and the
    /// extension as `work_extension` with the routing prefix, as answers show them).
    func callingMembers(_ account: SimulatedAccount) -> [(String, JSON?)] {
        guard calling else { return [("phoneNumbers", .array([]))] }
        var numbers: [JSON] = []
        if let phone = account.workPhone {
            numbers.append(.object([("type", .string("work")), ("value", .string(phone)), ("primary", .bool(true))]))
        }
        if let number = account.callingExtension {
            numbers.append(
                .object([
                    ("type", .string("work_extension")), ("value", .string(Self.routingPrefix + number)),
                    ("primary", .bool(account.workPhone == nil)),
                ])
            )
        }
        return [
            ("phoneNumbers", .array(numbers)),
            ("extension", JSON.optional(account.callingExtension)),
            ("locationId", JSON.optional(account.locationId)),
        ]
    }

    /// `siteUrls`, without attendee roles unless the view shows them; nil when there are none.
    func siteUrls(_ account: SimulatedAccount) -> JSON? {
        let sites = attendeeSites ? account.siteUrls : account.siteUrls.filter { !$0.hasSuffix("#attendee") }
        return sites.isEmpty ? nil : JSON.strings(sites)
    }
}
