/// Why the headless browser could not start, load a page, or found the page at fault (a console error, a
/// network request).
public struct HeadlessChromiumError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
