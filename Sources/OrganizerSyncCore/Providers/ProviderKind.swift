/// The meeting provider behind a sync target.
public enum ProviderKind: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// GoTo Meeting, through the GoTo Admin API (`/admin/rest/v1`).
    case goto
    /// Zoom, through the Users API v2.
    case zoom
    /// Webex, through the People API (`/v1/people`).
    case webex

    public var description: String { rawValue }
}
