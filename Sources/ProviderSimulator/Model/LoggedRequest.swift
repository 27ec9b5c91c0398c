public import Foundation

/// One request the simulator received.
///
/// Never holds headers or bodies, so no secret reaches the log.
public struct LoggedRequest: Sendable, Codable, Equatable {
    /// HTTP method.
    public var method: String
    /// Path including the provider prefix, without the query.
    public var path: String
    /// The query string, if any (the admin APIs carry no secrets in queries; token grants use form bodies).
    public var query: String?
    /// Status answered, or nil when the answer was dropped or never came.
    public var status: Int?
    /// The provider addressed, or nil for admin and unknown paths.
    public var provider: SimulatorProvider?
    /// When the request arrived.
    public var time: Date
    /// The fault injected, if any: `throttled`, `locked`, `error-before`, `error-after`, `drop-before`,
    /// `drop-after`, `hang-before`, `hang-after`.
    public var fault: String?

    /// Creates a log entry.
    public init(
        method: String,
        path: String,
        query: String? = nil,
        status: Int?,
        provider: SimulatorProvider?,
        time: Date,
        fault: String? = nil
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.status = status
        self.provider = provider
        self.time = time
        self.fault = fault
    }
}
