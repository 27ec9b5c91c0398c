import Foundation
public import OrganizerSyncCore

/// The Webex People API (`https://webexapis.com/v1/people`) as an ``AccountProvider``.
///
/// Quirks handled: `PUT /people/{id}` is a full replacement ("first GET, make changes, then PUT both the
/// changed and unchanged values"), so every update reads the person first and sends every field back,
/// unknown ones included; suspend is `loginEnabled: false`; pages follow the `Link: rel="next"` header,
/// whose URL may carry `max=null` and drop `max`; a create answered with 400 may still have made the
/// person, so it is looked up before failing; 423 Locked is throttling like 429.
public struct WebexClient: MeasuredAccountProvider {
    let core: ClientCore

    init(core: ClientCore) { self.core = core }

    public var kind: ProviderKind { .webex }
    public var targetName: String { core.configuration.targetName }
    public var statistics: ProviderStatistics { core.statistics }

    /// `{apiBaseURL}/v1/people`.
    var peopleURL: String { core.apiBaseURL + "/v1/people" }

    /// Fields of a person answer that the PUT body does not take (read-only or presence).
    static let readOnlyFields: Set<String> = [
        "id", "created", "lastModified", "lastActivity", "status", "invitePending", "type", "sipAddresses",
        "xmppFederationJid",
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
