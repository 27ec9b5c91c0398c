/// Why `runProcess` could not produce a result.
public struct ProcessRunnerError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
