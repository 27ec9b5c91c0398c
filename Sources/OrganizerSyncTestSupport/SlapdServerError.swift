/// Why a throw-away slapd could not be started.
public struct SlapdServerError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
