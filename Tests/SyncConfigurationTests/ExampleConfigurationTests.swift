import Foundation
import OrganizerSyncCore
import OrganizerSyncTestSupport
import SyncConfiguration
import Testing

@Suite("The example configurations in Examples/config")
struct ExampleConfigurationTests {
    @Test("Each example loads as shipped, on the built-in presets", arguments: ["openldap", "active-directory"])
    func exampleLoads(_ name: String) throws {
        let file = SlapdServer.repositoryRoot().appendingPathComponent("Examples/config/\(name).yaml").path
        let configuration = try ConfigurationLoader(environment: [:], executablePath: "/nonexistent/organizer-sync")
            .load(file: file)
        #expect(configuration.directoryPreset == name)
        #expect(configuration.targets.map(\.name) == ["zoom", "webex", "goto"])
        #expect(configuration.directory.connection.verifyCertificate)
        for target in configuration.targets {
            #expect(target.policy.protectsAdministrators, "\(target.name): the example protects provider admins")
            #expect(target.policy.deprovisioning == .suspendThenDelete(afterDays: 30))
            #expect(target.policy.maxDeletes == .init(count: 10, share: 0.01))
        }
    }
}
