import Foundation
import OrganizerSyncCore
import OrganizerSyncTestSupport
import SyncConfiguration
import Testing

@Suite("The starter files of organizer-sync init")
struct StarterFilesTests {
    @Test("Each example in Examples/config is built in, byte for byte (run Scripts/generate-presets.sh after editing)")
    func builtInCopiesEqualTheExamples() throws {
        let root = SlapdServer.repositoryRoot().appendingPathComponent("Examples/config")
        let names = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".yaml") }
        #expect(names.count == 5)
        for name in names {
            let file = try String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)
            #expect(
                StarterFiles.text("config/\(name)") == file,
                "Examples/config/\(name) differs from its built-in copy"
            )
        }
    }

    @Test(
        "Every directory and target combination loads, keeps only its targets and names secrets by file",
        arguments: StarterFiles.Directory.allCases
    )
    func everyCombinationLoads(directory: StarterFiles.Directory) throws {
        for providers in [[ProviderKind.zoom], [.webex], [.goto], [.goto, .zoom], [.zoom, .webex, .goto]] {
            let folder = try TemporaryDirectory(prefix: "starter")
            defer { folder.remove() }
            let (files, secrets) = StarterFiles.make(directory: directory, providers: providers, command: "init")
            for file in files {
                try file.text.write(to: folder.url.appendingPathComponent(file.name), atomically: true, encoding: .utf8)
            }
            let configuration = try ConfigurationLoader(environment: [:], executablePath: "/nonexistent/organizer-sync")
                .load(file: folder.url.appendingPathComponent(StarterFiles.configurationName).path)
            #expect(
                configuration.targets.map(\.provider)
                    == [ProviderKind.zoom, .webex, .goto].filter { providers.contains($0) }
            )
            #expect(configuration.directoryPreset == directory.rawValue)
            for target in configuration.targets {
                #expect(target.policy.maxDeletes == .init(count: 10, share: 0.01))
                #expect(target.policy.deprovisioning == .suspendThenDelete(afterDays: 30))
                for reference in target.credentials.secrets {
                    guard case .file = reference else {
                        Issue.record("\(target.name): a secret not named by a file: \(reference)")
                        continue
                    }
                }
            }
            #expect(secrets.first == "secrets/ldap-bind")
            #expect(!files[0].text.contains("/etc/organizer-sync"))
        }
    }
}
