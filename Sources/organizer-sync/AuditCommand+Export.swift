import ArgumentParser
import AuditLog
import Foundation
import SyncRuns

extension AuditCommand {
    /// `organizer-sync audit export`: the matching records as CSV or a JSON array, for auditors.
    struct Export: OrganizerSyncCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export audit records as CSV or JSON for auditors.",
            discussion: """
                csv: a header row and one row per record in fixed columns (RFC 4180 quoting, CRLF line ends); \
                reasons, before, after and counts are compact JSON in their cells; sha256 is the hash of the \
                record's line. json: an array of the records, each exactly as its line in the log. The file \
                --out writes is created with mode 0600 (it holds personal data). Takes the same filters as show. \
                A log whose chain does not verify is still exported, with a warning on standard error. \
                Exit codes: 0 exported, 1 error.
                """
        )

        /// The export formats.
        enum Format: String, ExpressibleByArgument, CaseIterable {
            case csv, json
        }

        @OptionGroup var global: GlobalOptions
        @OptionGroup var log: LogOptions
        @OptionGroup var filters: FilterOptions

        @Option(help: "csv or json.")
        var format: Format

        @Option(name: [.short, .customLong("out")], help: "Write to this file (mode 0600) instead of standard output.")
        var out: String?

        @Flag(help: "csv: keep cells starting with = + - @, tab or CR as recorded (by default they get a leading ').")
        var raw = false

        func execute() async throws -> ExitReason {
            let contents = try AuditCommand.readForDisplay(path: try log.path(global), query: filters.query)
            let text =
                switch format {
                case .csv: AuditExport.csv(contents.entries, raw: raw)
                case .json: AuditExport.json(contents.entries)
                }
            if let out {
                try Self.writePrivately(Data(text.utf8), to: out)
                print("\(contents.entries.count) records written to \(out)")
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
            return .success
        }

        /// Writes `data` to `path` through a temporary file created with mode 0600 and renamed over `path`, so
        /// the export is never readable by others, not even while it is being written.
        static func writePrivately(_ data: Data, to path: String) throws {
            let temporary = path + ".tmp-\(getpid())"
            let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard fd >= 0 else {
                throw CommandError(.writeFailed, "cannot create \(temporary): \(String(cString: strerror(errno)))")
            }
            let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
            do {
                try handle.write(contentsOf: data)
                try handle.synchronize()
                try handle.close()
                guard rename(temporary, path) == 0 else {
                    throw CommandError(
                        .writeFailed,
                        "cannot rename \(temporary) to \(path): \(String(cString: strerror(errno)))"
                    )
                }
            } catch {
                unlink(temporary)
                throw error
            }
        }
    }
}
