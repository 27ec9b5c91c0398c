import Foundation
import ProviderSimulator

extension ApplyFixture {
    /// Adds the test's subtree: `ou=people` with `people`, `ou=groups` with each group named by someone.
    static func addSubtree(base: String, people: [TestPerson], server: SlapdServer) async throws {
        let name = base.split(separator: ",")[0].dropFirst(3)
        var entries = [
            "dn: \(base)\nobjectClass: organizationalUnit\nou: \(name)",
            "dn: ou=people,\(base)\nobjectClass: organizationalUnit\nou: people",
            "dn: ou=groups,\(base)\nobjectClass: organizationalUnit\nou: groups",
        ]
        for person in people {
            entries.append(
                """
                dn: uid=\(person.uid),ou=people,\(base)
                objectClass: inetOrgPerson
                uid: \(person.uid)
                cn: \(person.displayName)
                sn: \(person.sn)
                givenName: \(person.givenName)
                displayName: \(person.displayName)
                mail: \(person.email)
                title: \(person.title)
                departmentNumber: \(person.department)
                employeeType: \(person.isDisabled ? "disabled" : "staff")
                """
            )
        }
        var groups: [String: [String]] = [:]
        for person in people {
            for group in person.groups { groups[group, default: []].append("uid=\(person.uid),ou=people,\(base)") }
        }
        for (group, members) in groups.sorted(by: { $0.key < $1.key }) {
            entries.append(
                "dn: cn=\(group),ou=groups,\(base)\nobjectClass: groupOfNames\ncn: \(group)\n"
                    + members.map { "member: \($0)" }.joined(separator: "\n")
            )
        }
        try await ldap("ldapadd", entries.joined(separator: "\n\n") + "\n", server: server)
    }

    /// Runs `ldapadd`/`ldapmodify` as the directory's admin over StartTLS.
    ///
    /// A StartTLS that fails to connect (`ldap_start_tls: Connect error`, seen now and then when many tests start
    /// their worlds at once) is tried again, twice at most: it fails before any entry is sent, so nothing is added
    /// twice.
    static func ldap(_ tool: String, _ ldif: String, server: SlapdServer) async throws {
        var attempt = 1
        while true {
            let result = try await runProcess(
                tool,
                ["-H", server.url, "-x", "-ZZ", "-D", server.adminDN, "-y", server.adminPasswordFile],
                environment: ["LDAPTLS_CACERT": server.caFile],
                stdin: Data(ldif.utf8),
                timeout: 30
            )
            if result.status == 0 { return }
            guard attempt < 3, result.stderr.contains("ldap_start_tls: Connect error") else {
                throw ProcessRunnerError("\(tool) exited with \(result.status): \(result.stderr)\(result.stdout)")
            }
            attempt += 1
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    /// Writes the configuration, its mappings and its secret files; returns the file and the secret values.
    static func writeConfiguration(
        server: SlapdServer,
        simulator: ProviderSimulator,
        seed: SimulatorSeed,
        base: String,
        targets: [TestTarget],
        concurrency: Int,
        in folder: URL
    ) throws -> (file: String, secrets: [String]) {
        var secrets = [server.readerPassword]
        func write(_ name: String, _ text: String) throws -> String {
            let url = folder.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            return url.path
        }
        func secretFile(_ name: String, _ value: String) throws -> String {
            secrets.append(value)
            let path = folder.appendingPathComponent(name).path
            try SecretFiles.save(value + "\n", to: path)
            return path
        }
        var yaml = """
            \(server.directoryYAML(base: base))
            state:
              database: \(folder.appendingPathComponent("state/organizer-sync.sqlite").path)
              audit_log: \(folder.appendingPathComponent("state/audit.jsonl").path)
              runs_dir: \(folder.appendingPathComponent("state/runs").path)
              metrics_file: \(folder.appendingPathComponent("state/organizer-sync.prom").path)
            apply:
              concurrency: \(concurrency)
            targets:

            """
        for target in targets {
            let credentials = seed[target.provider]
            let mapping = try write("\(target.name)-mapping.yaml", target.mapping)
            yaml += """
                \(simulator.targetYAML(target.name, provider: target.provider.rawValue))
                    mapping: \(mapping)
                    policy: \(target.policy)
                    credentials:
                      client_id: \(credentials.clientId)
                      client_secret_file: \(try secretFile("\(target.name).secret", credentials.clientSecret))

                """
            switch target.provider {
            case .zoom:
                yaml += "      account_id: \(credentials.accountId)\n"
            case .goto, .webex:
                let token = try secretFile("\(target.name).refresh", credentials.refreshTokens[0])
                yaml += "      refresh_token_file: \(token)\n"
            }
        }
        return (try write("organizer-sync.yaml", yaml), Array(Set(secrets)).sorted())
    }
}
