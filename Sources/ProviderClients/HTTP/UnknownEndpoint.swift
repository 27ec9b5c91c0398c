import Foundation
import OrganizerSyncCore

/// Tells an answer that says "this endpoint does not exist" from one that says "this account does not exist".
///
/// A delete that meets a 404 counts as done and a lookup that meets one finds no account, so an answer about
/// an unknown route (a wrong `api_base_url`, an API version that went away) must never be read as either.
/// Evidence for what each provider answers is in docs/providers.md ("Unknown routes").
enum UnknownEndpoint {
    /// Why the answer means an unknown endpoint, or nil when it may be about a missing account.
    /// - Parameters:
    ///   - status: The HTTP status.
    ///   - providerCode: The provider's error code from the body (``ErrorBody``).
    ///   - provider: The provider that answered.
    ///   - request: The request that was answered.
    /// - Returns: The reason, for the error's detail; `nil` when the answer may be about a missing account.
    static func reason(status: Int, providerCode: String?, provider: ProviderKind, request: APIRequest) -> String? {
        switch status {
        case 405:
            return "the provider does not take this method on this endpoint"
        case 404 where provider == .zoom && providerCode == "2300":
            // Zoom answers an unknown path with 404 code 2300 "This API endpoint is not recognized."
            return "the provider does not know this endpoint (Zoom code 2300)"
        case 404 where !request.namesOneAccount:
            return "the provider does not know this endpoint (HTTP 404 on a collection)"
        case 404 where provider == .goto && !names(providerCode):
            // GoTo names the missing thing in its code (`user.not.found`); any other 404 is not about an account.
            return "the provider does not know this endpoint (HTTP 404 without a resource code)"
        default:
            return nil
        }
    }

    /// Whether a GoTo error code names a missing resource (`user.not.found`, `license.not.found`).
    private static func names(_ code: String?) -> Bool {
        guard let code, code.hasSuffix(".not.found") else { return false }
        return code.count > ".not.found".count
    }

    /// The URL for messages: scheme, host, port and path, no query; a path segment holding an email address
    /// (Zoom addresses pending users by email) is shown as `{email}`, so the text carries no personal data.
    static func redacted(_ url: String) -> String {
        guard let parts = URLComponents(string: url), let scheme = parts.scheme, let host = parts.host else {
            return "(unparsable URL)"
        }
        let origin = scheme + "://" + host + (parts.port.map { ":\($0)" } ?? "")
        let segments = parts.percentEncodedPath.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.contains("@") || segment.lowercased().contains("%40") ? "{email}" : String(segment)
        }
        return origin + segments.joined(separator: "/")
    }
}

extension APIRequest {
    /// Whether the URL names one account, so that a 404 may mean "no such account".
    ///
    /// Listings, lookups by
    /// filter, creates, `me` and token calls name none.
    var namesOneAccount: Bool {
        let verb = operation.split(separator: ".").last.map(String.init) ?? operation
        return !["list", "find", "create", "token", "serviceAppToken", "summary"].contains(verb)
            && operation != "me.get"
    }
}
