public import Foundation

/// Which records `audit show` and `audit export` print.
///
/// Every filter that is set must match (AND); a filter with
/// several values matches any of them (OR). An empty query matches every record.
public struct AuditQuery: Sendable, Hashable {
    /// Records written at or after this instant.
    public var since: Date?
    /// Records written before this instant (exclusive, so `--since 2025-03-01 --until 2025-03-02` is one day).
    public var until: Date?
    /// Records of these runs.
    public var runs: Set<String> = []
    /// Records about these targets.
    public var targets: Set<String> = []
    /// Records about an account known by any of these: an email (compared without regard to case), a provider
    /// id or a directory anchor.
    public var accounts: [String] = []
    /// Records of these actions.
    public var actions: Set<AuditAction> = []
    /// Records of these types.
    public var types: Set<AuditRecord.Kind> = []

    /// Makes a query; every filter defaults to "any".
    public init(
        since: Date? = nil,
        until: Date? = nil,
        runs: Set<String> = [],
        targets: Set<String> = [],
        accounts: [String] = [],
        actions: Set<AuditAction> = [],
        types: Set<AuditRecord.Kind> = []
    ) {
        self.since = since
        self.until = until
        self.runs = runs
        self.targets = targets
        self.accounts = accounts
        self.actions = actions
        self.types = types
    }

    /// Whether `record` passes every filter.
    ///
    /// A record whose time cannot be read fails a time filter.
    /// - Parameter record: the record.
    /// - Returns: true when it matches.
    public func matches(_ record: AuditRecord) -> Bool {
        if !runs.isEmpty && !runs.contains(record.run) { return false }
        if !types.isEmpty && !types.contains(record.type) { return false }
        if !targets.isEmpty && !(record.target.map(targets.contains) ?? false) { return false }
        if !actions.isEmpty && !(record.action.map(actions.contains) ?? false) { return false }
        if !accounts.isEmpty && !accounts.contains(where: { Self.names(record, $0) }) { return false }
        if since != nil || until != nil {
            guard let time = AuditTimestamp.parse(record.time) else { return false }
            if let since, time < since { return false }
            if let until, time >= until { return false }
        }
        return true
    }

    /// Whether `record` is about the account `account` names.
    private static func names(_ record: AuditRecord, _ account: String) -> Bool {
        if let email = record.email, email.caseInsensitiveCompare(account) == .orderedSame { return true }
        return record.providerId == account || record.anchor == account
    }
}
