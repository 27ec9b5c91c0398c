public import OrganizerSyncCore

/// Builds LDAP search filters (RFC 4515) from configuration values.
public enum LDAPFilter {
    /// Escapes a value for use inside a filter, so it can only ever be compared, never change the
    /// filter's structure: `*`, `(`, `)`, `\` and NUL become `\2a`, `\28`, `\29`, `\5c` and `\00`.
    public static func escape(_ value: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "*": escaped += "\\2a"
            case "(": escaped += "\\28"
            case ")": escaped += "\\29"
            case "\\": escaped += "\\5c"
            case "\0": escaped += "\\00"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// The filter for a query: the admin's filter, ANDed with each escaped equality condition.
    public static func filter(for query: SearchQuery) -> String {
        let base = parenthesized(query.filter)
        guard !query.conditions.isEmpty else { return base }
        let conditions = query.conditions.map { "(\($0.attribute)=\(escape($0.value)))" }.joined()
        return "(&\(base)\(conditions))"
    }

    /// Wraps a filter in parentheses when the admin wrote it without (`objectClass=person`).
    static func parenthesized(_ filter: String) -> String {
        let trimmed = filter.trimmingWhitespace()
        return trimmed.hasPrefix("(") ? trimmed : "(\(trimmed))"
    }
}
