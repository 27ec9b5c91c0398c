// The test targets build with swift-testing on the search path; a release build of every target (no tests) has none,
// and the trait is not needed there.
#if canImport(Testing)
public import Testing

/// Runs each test case of a suite (or of one test) holding a place at ``SambaDC/gate``: `@Suite(.sambaDC)`.
///
/// For every test that talks to a test Samba AD DC, whether it reads, changes or runs the built binary against it.
public struct SambaDCPlace: SuiteTrait, TestTrait, TestScoping {
    /// Applies to each test of the suite, so that each test case, not the suite, holds a place.
    public var isRecursive: Bool { true }

    public func provideScope(
        for test: Test,
        testCase: Test.Case?,
        performing function: @Sendable () async throws -> Void
    ) async throws {
        try await SambaDC.gate.withPlace { try await function() }
    }
}

extension Trait where Self == SambaDCPlace {
    /// Each test case holds a place at ``SambaDC/gate`` while it runs.
    public static var sambaDC: Self { Self() }
}
#endif
