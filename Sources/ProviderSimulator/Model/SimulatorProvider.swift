/// One of the three admin APIs the simulator speaks.
public enum SimulatorProvider: String, Sendable, Codable, CaseIterable, Hashable {
    /// GoTo Admin API (`/goto/admin/rest/v1`) and its token host (`/goto/oauth/token`).
    case goto
    /// Zoom Users API v2 (`/zoom/v2`) and its token host (`/zoom/oauth/token`).
    case zoom
    /// Webex People and Licenses APIs (`/webex/v1`).
    case webex
}
