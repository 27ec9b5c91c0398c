import Foundation
import Logging
import OrganizerSyncTestSupport
import ProviderSimulator
import Testing

/// README.md's commands, run as written (issue 12: "every command in it works as written").
///
/// The commands are the lines of README.md's `sh` code blocks, a trailing `# comment` dropped. Each is either
/// run here, through `/bin/sh -c` with the built binaries first on `PATH`, or listed in ``skipped`` with the
/// reason; a README command that is neither fails ``everyCommandIsKnown()``, so a new one cannot go untested
/// unnoticed.
@Suite("README commands, as written")
struct ReadmeCommandsTests {
    /// Commands that cannot run inside the test suite, with the reason and what covers them instead.
    static let skipped: [String: String] = [
        "Scripts/test.sh": "it runs this suite (recursion); .ci/run runs it",
        "Scripts/setup.sh": "it installs Debian packages as root; Scripts/test.sh runs it in CI before this suite",
        "swift build -c release": "a release build takes minutes of both cores; Scripts/package.sh makes one in CI",
        "install -m 0755 .build/release/organizer-sync /usr/local/bin/":
            "it writes /usr/local/bin as root after a release build; CI installs the package with dpkg -i instead "
            + "(Scripts/check-package.sh) and runs the demo with the installed binaries",
    ]

    /// The demo, run by ``demo()``.
    static let demo = "Scripts/demo.sh"

    /// The quick start in the README's order, each with the exit status it must end with, run by
    /// ``quickStart()`` in an empty folder.
    static let quickStart: [(command: String, status: Int32)] = [
        ("organizer-sync init --directory openldap --target zoom", 0),
        ("organizer-sync validate", 0),
        ("organizer-sync plan --out plan.json", 2),
        ("organizer-sync apply plan.json", 0),
        ("organizer-sync audit verify", 0),
        ("organizer-sync reconcile", 0),
    ]

    /// The commands the README names in its text after the quick start (`show-plan FILE`, `audit report`), run
    /// after it.
    static let named: [(command: String, status: Int32)] = [
        ("organizer-sync show-plan plan.json", 0),
        ("organizer-sync plan --format markdown", 0),
        ("organizer-sync audit report --format markdown", 0),
    ]

    /// The lines of README.md's `sh` code blocks, without comments and blank lines.
    /// - Returns: the commands, in the README's order.
    /// - Throws: when README.md cannot be read.
    static func commands() throws -> [String] {
        let readme = SlapdServer.repositoryRoot().appendingPathComponent("README.md").path
        var commands: [String] = []
        var inShellBlock = false
        for line in try String(contentsOfFile: readme, encoding: .utf8).split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") {
                inShellBlock = !inShellBlock && ["```sh", "```bash", "```shell", "```console"].contains(trimmed)
                continue
            }
            guard inShellBlock, !trimmed.hasPrefix("#") else { continue }
            // A comment starts at a `#` after blank space (none of the commands quotes one).
            let command = trimmed.components(separatedBy: " #")[0].trimmingCharacters(in: .whitespaces)
            if !command.isEmpty { commands.append(command) }
        }
        return commands
    }

    @Test("every command of the README's sh blocks is run by this suite or skipped with its reason")
    func everyCommandIsKnown() throws {
        let commands = try Self.commands()
        let run = [Self.demo] + Self.quickStart.map(\.command)
        let known = Set(run).union(Self.skipped.keys)
        let unknown = commands.filter { !known.contains($0) }
        #expect(
            unknown.isEmpty,
            "README.md has commands this test neither runs nor skips: \(unknown); add each to ReadmeCommandsTests"
        )
        let gone = known.subtracting(commands)
        #expect(gone.isEmpty, "ReadmeCommandsTests lists commands README.md no longer has: \(gone.sorted())")
        #expect(commands.filter(Set(Self.quickStart.map(\.command)).contains) == Self.quickStart.map(\.command))
    }

    @Test("the quick start works as written in an empty folder: init, validate, plan, apply, audit verify, reconcile")
    func quickStart() async throws {
        let server = try await demoDirectoryServer.value
        let folder = try TemporaryDirectory(prefix: "readme")
        defer { folder.remove() }
        let work = folder.path + "/admin"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let simulator = try await ProviderSimulator.start(
            seed: .demo,
            logger: Logger(label: "sim") { _ in SwiftLogNoOpLogHandler() }
        )
        do {
            var steps = Self.quickStart
            let initialize = steps.removeFirst()
            let made = try await Self.shell(initialize.command, in: work)
            #expect(made.status == initialize.status, "\(initialize.command): \(made)")
            // Straight after init, validate says what is still missing (README: "says what is still missing").
            let missing = try await Self.shell("organizer-sync validate", in: work)
            #expect(missing.status == 1, "\(missing)")
            #expect(missing.stdout.contains("MISSING"), "\(missing)")
            try StarterFill.fill(
                folder: work,
                server: server,
                simulator: simulator,
                state: folder.path + "/state",
                zoomGroup: "zoom-users"
            )
            for step in steps + Self.named {
                let result = try await Self.shell(step.command, in: work)
                #expect(result.status == step.status, "\(step.command): \(result)")
                for secret in StarterFill.secrets(server) {
                    #expect(!(result.stdout + result.stderr).contains(secret), "\(step.command) shows a secret")
                }
            }
            try await simulator.shutdown()
        } catch {
            try? await simulator.shutdown()
            throw error
        }
    }

    @Test("Scripts/demo.sh runs as written with the built binaries, to its end")
    func demo() async throws {
        let result = try await Self.shell(
            Self.demo,
            in: SlapdServer.repositoryRoot().path,
            environment: ["ORGANIZER_SYNC_BIN": try Self.binaries()],
            timeout: 300
        )
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("verdict: VALID"), "\(result.stdout)")
        #expect(result.stdout.contains("$ organizer-sync reconcile --override threshold.deletes.share"))
    }

    /// The folder of the built `organizer-sync` and `organizer-sync-simulator`.
    static func binaries() throws -> String {
        (try BuiltProducts.path(of: "organizer-sync") as NSString).deletingLastPathComponent
    }

    /// Runs `command` with `/bin/sh` in `folder`, the built binaries first on `PATH`, and no
    /// `ORGANIZER_SYNC_CONFIG` or `ORGANIZER_SYNC_MAPPINGS` (the defaults and the presets built into the binary).
    static func shell(
        _ command: String,
        in folder: String,
        environment: [String: String] = [:],
        timeout: Double = 120
    ) async throws -> (status: Int32, stdout: String, stderr: String) {
        var environment = environment
        environment["PATH"] = try binaries() + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let script = "cd '\(folder)' && unset ORGANIZER_SYNC_CONFIG ORGANIZER_SYNC_MAPPINGS && \(command)"
        return try await runProcess("/bin/sh", ["-c", script], environment: environment, timeout: timeout)
    }
}
