/// Zoom's rate limits per "Rate Limit Label" (request type): each label has its own per-second and daily
/// budget, counted separately (PROVIDER-APIS.md 2.4 [S-Z2][S-Z8]).
public enum ZoomRateLimits {
    /// The labels, as `X-RateLimit-Category` spells them.
    public static let light = "Light"
    /// `GET /users`, `GET /users/summary`.
    public static let medium = "Medium"
    /// Reports and most dashboards (no user operation carries it).
    public static let heavy = "Heavy"
    /// A few dashboard endpoints (no user operation carries it).
    public static let resourceIntensive = "Resource-intensive"

    /// The limits of one label.
    public struct Limit: Sendable, Codable, Equatable {
        /// Sustained requests per second (Resource-intensive: 10 a minute is 0.1667).
        public var requestsPerSecond: Double?
        /// Requests per UTC day.
        public var dailyLimit: Int?

        /// Creates a limit; nil means unlimited.
        public init(requestsPerSecond: Double? = nil, dailyLimit: Int? = nil) {
            self.requestsPerSecond = requestsPerSecond
            self.dailyLimit = dailyLimit
        }
    }

    /// The Free plan's table: Light 4/s and 6,000 a day, Medium 2/s and 2,000, Heavy 1/s and 1,000,
    /// Resource-intensive 10 a minute and 30,000 a day.
    public static let free: [String: Limit] = [
        light: Limit(requestsPerSecond: 4, dailyLimit: 6_000),
        medium: Limit(requestsPerSecond: 2, dailyLimit: 2_000),
        heavy: Limit(requestsPerSecond: 1, dailyLimit: 1_000),
        resourceIntensive: Limit(requestsPerSecond: 10.0 / 60, dailyLimit: 30_000),
    ]
}
