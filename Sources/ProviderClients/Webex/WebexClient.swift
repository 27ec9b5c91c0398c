import Foundation
public import OrganizerSyncCore

/// The Webex People API (`https://webexapis.com/v1/people`) as an ``AccountProvider``.
///
/// Quirks handled: `PUT /people/{id}` is a full replacement ("first GET, make changes, then PUT both the
/// changed and unchanged values"), so every update reads the person first, with `callingData=true` so that
/// Webex Calling details are part of what is read, and sends back every field the update schema takes;
/// suspend is `loginEnabled: false`; pages follow the `Link: rel="next"` header,
/// whose URL may carry `max=null` and drop `max`; a create answered with 400 may still have made the
/// person, so it is looked up before failing; 423 Locked is throttling like 429.
public struct WebexClient: CoreBackedClient {
    let core: ClientCore

    public var kind: ProviderKind { .webex }

    /// `{apiBaseURL}/v1/people`.
    var peopleURL: String { core.apiBaseURL + "/v1/people" }

    /// The fields of a person that `PUT /people/{personId}` takes: the properties of its request schema in
    /// `webex-admin.json`.
    ///
    /// Everything else a GET shows (`id`, `created`, `timezone`, `status`, `sipAddresses`,
    /// `invitePending`, `type` …) is read-only and is not sent back.
    static let writableFields: Set<String> = [
        "emails", "phoneNumbers", "extension", "locationId", "displayName", "firstName", "lastName", "nickName",
        "avatar", "orgId", "roles", "licenses", "department", "manager", "managerId", "title", "addresses",
        "siteUrls", "loginEnabled",
    ]

    /// The next page's URL from a `Link` header, repaired: `max=null` replaced and `max` re-added if dropped.
    static func nextPageURL(_ linkHeader: String?, apiBaseURL: String, pageSize: Int) -> String? {
        guard let linkHeader else { return nil }
        for part in linkHeader.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let target = pieces.first, target.hasPrefix("<"), target.hasSuffix(">"),
                pieces.dropFirst().contains(where: { $0.replacingOccurrences(of: "\"", with: "") == "rel=next" })
            else { continue }
            var url = String(target.dropFirst().dropLast())
            if url.hasPrefix("/") { url = origin(of: apiBaseURL) + url }
            url = url.replacingOccurrences(of: "max=null", with: "max=\(pageSize)")
            if !url.contains("max=") { url = URLQuery.url(url, [("max", "\(pageSize)")]) }
            return url
        }
        return nil
    }

    /// `scheme://host[:port]` of a URL.
    static func origin(of url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        let hostEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        return String(url[..<hostEnd])
    }
}
