public import OrganizerSyncCore

/// What a client has sent so far; benchmarks and tests read it.
public struct ProviderStatistics: Sendable, Hashable {
    /// HTTP requests sent to the provider, token calls included.
    public var requests: Int
    /// Of those, how many repeated an earlier one (after a 429, 5xx, timeout or a 401).
    public var retries: Int
    /// How many 429 (or Webex 423) answers arrived.
    public var throttled: Int
    /// Creates whose answer was lost or conflicted and were resolved by a lookup.
    public var uncertainCreates: Int

    /// Creates statistics.
    public init(requests: Int = 0, retries: Int = 0, throttled: Int = 0, uncertainCreates: Int = 0) {
        self.requests = requests
        self.retries = retries
        self.throttled = throttled
        self.uncertainCreates = uncertainCreates
    }
}

/// An ``AccountProvider`` that reports its request statistics.
public protocol MeasuredAccountProvider: AccountProvider {
    /// What the client has sent so far.
    var statistics: ProviderStatistics { get }
}
