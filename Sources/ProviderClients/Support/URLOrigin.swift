import Foundation

/// The origin (scheme, host, port) of URLs, to keep credentials on the hosts the configuration names.
enum URLOrigin {
    /// `scheme://host:port`, lowercased, with the scheme's default port filled in; `nil` for a URL that
    /// does not parse or has no host.
    static func origin(of url: String) -> String? {
        guard let parts = URLComponents(string: url), let scheme = parts.scheme?.lowercased(),
            let host = parts.host?.lowercased(), !host.isEmpty
        else { return nil }
        let port = parts.port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : -1)
        return "\(scheme)://\(host):\(port)"
    }

    /// `host:port` of a URL, for messages (never the path or query, which may hold an email).
    static func hostAndPort(of url: String) -> String? {
        guard let origin = origin(of: url), let range = origin.range(of: "://") else { return nil }
        return String(origin[range.upperBound...])
    }

    /// Whether `url` has the origin of `base` and a path under `base`'s path (`…/v1/people` and
    /// `…/v1/people?cursor=…`, not `…/v1/peoplex` or `…/v1/other`).
    static func isWithin(_ url: String, base: String) -> Bool {
        guard let origin = origin(of: url), origin == self.origin(of: base),
            let path = URLComponents(string: url)?.percentEncodedPath,
            let basePath = URLComponents(string: base)?.percentEncodedPath
        else { return false }
        return path == basePath || path.hasPrefix(basePath.hasSuffix("/") ? basePath : basePath + "/")
    }

    /// Whether the URL is plain `http://`.
    static func isInsecure(_ url: String) -> Bool {
        url.prefix(7).lowercased() == "http://"
    }
}
