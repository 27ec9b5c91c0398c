import Foundation
import OrganizerSyncTestSupport
import Testing

/// The systemd units in `Examples/scheduling` (the Debian package installs them as they are): they start on a host
/// without node_exporter and allow no core dumps.
@Suite("Examples/scheduling systemd units")
struct SystemdExampleTests {
    /// The `*.service` files of `Examples/scheduling`, by name, with their text.
    static func serviceUnits() throws -> [(name: String, text: String)] {
        let folder = SlapdServer.repositoryRoot().appendingPathComponent("Examples/scheduling")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".service") }.sorted()
        return try names.map { name in
            (name, try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
        }
    }

    /// The values of `key=` in the `[Service]` section of `text`, in order (a unit may set a list key twice).
    static func values(of key: String, in text: String) -> [String] {
        var section = ""
        var found: [String] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                section = line
            } else if section == "[Service]", line.hasPrefix(key + "=") {
                found.append(String(line.dropFirst(key.count + 1)))
            }
        }
        return found
    }

    @Test("Every ReadWritePaths= entry outside the unit's StateDirectory= has the '-' prefix (may be missing)")
    func readWritePathsMayBeMissing() throws {
        let units = try Self.serviceUnits()
        try #require(!units.isEmpty, "no *.service in Examples/scheduling")
        var entries: [String] = []
        for unit in units {
            // systemd creates /var/lib/NAME for StateDirectory=NAME before the unit starts: it always exists.
            let created = Self.values(of: "StateDirectory", in: unit.text)
                .flatMap { $0.split(separator: " ") }.map { "/var/lib/\($0)" }
            for entry in Self.values(of: "ReadWritePaths", in: unit.text).flatMap({ $0.split(separator: " ") }) {
                entries.append(String(entry))
                let path = entry.drop { $0 == "-" || $0 == "+" }
                let isCreated = created.contains { path == $0 || path.hasPrefix($0 + "/") }
                #expect(
                    isCreated || entry.prefix(2).contains("-"),
                    "\(unit.name): ReadWritePaths=\(entry) fails the unit where \(path) does not exist; write -\(path)"
                )
            }
        }
        #expect(
            entries.contains { $0.hasSuffix("/node_exporter/textfile_collector") },
            "the units name the node_exporter textfile folder (state.metrics_file): \(entries)"
        )
    }

    @Test("Every service unit sets LimitCORE=0 (a core would hold the secrets)")
    func noCoreDumps() throws {
        let units = try Self.serviceUnits()
        try #require(!units.isEmpty, "no *.service in Examples/scheduling")
        for unit in units {
            #expect(Self.values(of: "LimitCORE", in: unit.text).last == "0", "\(unit.name)")
        }
    }
}
