import Foundation

/// A slapd loaded with the 12-person demo directory (`Examples/demo/directory.ldif`), shared by the test process:
/// the CLI tests read it as it is; each ``ApplyFixture`` adds a subtree of its own to it.
public let demoDirectoryServer = Task {
    try await SlapdServer.start(
        ldif: [SlapdServer.repositoryRoot().appendingPathComponent("Examples/demo/directory.ldif").path]
    )
}
