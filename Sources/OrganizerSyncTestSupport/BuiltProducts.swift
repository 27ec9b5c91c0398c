import Foundation

/// The executables `swift build` made next to the test bundle.
public enum BuiltProducts {
    /// The path of a product built beside the running test binary (`organizer-sync`,
    /// `organizer-sync-simulator`).
    ///
    /// Throws, naming the path, when it is missing: `swift build`
    /// (or `Scripts/test.sh`) builds every product before the tests run.
    public static func path(of product: String) throws -> String {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var candidates = [testBinary.deletingLastPathComponent().appendingPathComponent(product).path]
        // An .xctest bundle on macOS nests the binary two levels deeper.
        candidates.append(
            testBinary.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent(product).path
        )
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) { return found }
        throw SlapdServerError(
            "the product \(product) was not built (looked at \(candidates.joined(separator: ", "))); run swift build first"
        )
    }
}
