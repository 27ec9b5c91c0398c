import Foundation
import OrganizerSyncTestSupport
import ProviderSimulator
import Testing

/// What an admin does after `organizer-sync init --directory openldap --target zoom`, pointed at the test slapd
/// and the simulator: every value marked CHANGE replaced, and the two secrets put in owner-only files.
enum StarterFill {
    /// The secrets the starter configuration names, with their values for the test servers.
    /// - Parameter server: the slapd the configuration binds to.
    /// - Returns: the bind password and the Zoom client secret.
    static func secrets(_ server: SlapdServer) -> [String] {
        [server.readerPassword, SimulatorSeed.demo[.zoom].clientSecret]
    }

    /// Fills in the files `init` wrote into `folder`.
    /// - Parameters:
    ///   - folder: where `init` wrote organizer-sync.yaml and zoom-mapping.yaml.
    ///   - server: the slapd loaded with the demo directory.
    ///   - simulator: the provider simulator seeded with the demo accounts.
    ///   - state: the folder for the state store, audit log, runs and metrics.
    ///   - zoomGroup: the group the Zoom mapping scopes on, replacing the starter's `zoom-hosts`; `nil` leaves
    ///     the mapping as written.
    /// - Throws: when a file cannot be read or written.
    static func fill(
        folder: String,
        server: SlapdServer,
        simulator: ProviderSimulator,
        state: String,
        zoomGroup: String? = nil
    ) throws {
        let config = folder + "/organizer-sync.yaml"
        var text = try String(contentsOfFile: config, encoding: .utf8)
        let zoom = SimulatorSeed.demo[.zoom]
        for (placeholder, value) in [
            ("ldap://ldap.example.com ", server.url + " "),
            ("ca_file: ldap-ca.pem", "ca_file: \(server.caFile)"),
            ("cn=organizer-sync,ou=services,dc=example,dc=com", server.readerDN),
            ("ou=people,dc=example,dc=com", "ou=people,\(server.base)"),
            ("ou=groups,dc=example,dc=com", "ou=groups,\(server.base)"),
            ("account_id: CHANGE-ME", "account_id: \(zoom.accountId)"),
            ("client_id: CHANGE-ME", "client_id: \(zoom.clientId)"),
            (
                "    provider: zoom\n",
                "    provider: zoom\n    api_base_url: \(simulator.baseURL)/zoom\n"
                    + "    auth_base_url: \(simulator.baseURL)/zoom\n    allow_insecure_http: true\n"
            ),
            ("/var/lib/organizer-sync", state),
            ("/var/lib/node_exporter/textfile_collector", state),
        ] {
            #expect(text.contains(placeholder), "the starter configuration has no \(placeholder)")
            text = text.replacingOccurrences(of: placeholder, with: value)
        }
        try text.write(toFile: config, atomically: true, encoding: .utf8)
        if let zoomGroup {
            let mapping = folder + "/zoom-mapping.yaml"
            let starter = try String(contentsOfFile: mapping, encoding: .utf8)
            #expect(starter.contains("groups: [zoom-hosts]"), "the starter Zoom mapping no longer scopes on zoom-hosts")
            let filled = starter.replacingOccurrences(of: "groups: [zoom-hosts]", with: "groups: [\(zoomGroup)]")
            try filled.write(toFile: mapping, atomically: true, encoding: .utf8)
        }
        try FileManager.default.createDirectory(atPath: folder + "/secrets", withIntermediateDirectories: true)
        for (name, secret) in zip(["ldap-bind", "zoom-client-secret"], secrets(server)) {
            let path = folder + "/secrets/\(name)"
            try Data((secret + "\n").utf8).write(to: URL(fileURLWithPath: path))
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        }
    }
}
