public import Foundation
public import SyncApply
public import SyncPlanning

/// Keeps each `reconcile` run's plan and summary in `state.runs_dir/<run id>/`, and removes the oldest runs
/// beyond `state.keep_runs`.
public struct RunKeeper: Sendable {
    /// The runs folder.
    public var folder: String
    /// This run's id.
    public var run: String
    /// How many runs to keep.
    public var keep: Int

    /// A keeper of run `run`'s files in `folder`, keeping the newest `keep` runs.
    public init(folder: String, run: String, keep: Int) {
        self.folder = folder
        self.run = run
        self.keep = keep
    }

    private var runFolder: String { (folder as NSString).appendingPathComponent(run) }

    /// Writes the plan file; returns its path.
    public func keep(plan: Plan) throws -> String {
        let file = (runFolder as NSString).appendingPathComponent("plan.json")
        try Self.writeAtomically(try plan.encoded(), to: file)
        return file
    }

    /// Writes the JSON summary.
    public func keep(summary: RunSummary) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(summary)
        data.append(0x0A)
        try Self.writeAtomically(data, to: (runFolder as NSString).appendingPathComponent("summary.json"))
    }

    /// Removes the oldest run folders beyond ``keep`` (run ids sort by time).
    public func prune() {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: folder) else { return }
        let runs = names.filter { $0.first?.isNumber == true }.sorted()
        for name in runs.dropLast(keep) {
            try? manager.removeItem(atPath: (folder as NSString).appendingPathComponent(name))
        }
    }

    /// Writes `data` to a temporary file beside `path` and renames it over `path`, so readers (node_exporter)
    /// never see half a file; new folders are owner-only.
    ///
    /// Files are owner read/write, unless `permissions` says
    /// otherwise (the metrics file is world-readable: node_exporter runs as another user).
    /// - Throws: ``RunError`` `writeFailed` naming the file (or folder) and the system's reason.
    public static func writeAtomically(_ data: Data, to path: String, permissions: Int = 0o600) throws {
        func failure(_ what: String, _ reason: String) -> RunError {
            RunError(
                .writeFailed,
                "cannot write \(what): \(reason); check that the folder exists or can be created, and that the "
                    + "user organizer-sync runs as may write in it"
            )
        }
        // A bare file name (`plan --out plan.json`) has no parent to create: it goes in the working folder.
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty {
            do {
                try FileManager.default.createDirectory(
                    atPath: parent,
                    withIntermediateDirectories: true,
                    attributes: [.posixPermissions: 0o700]
                )
            } catch {
                throw failure("\(path)", "the folder \(parent) cannot be created")
            }
        }
        let temporary = path + ".tmp"
        guard
            FileManager.default.createFile(
                atPath: temporary,
                contents: data,
                attributes: [.posixPermissions: permissions]
            )
        else { throw failure(temporary, "the file cannot be created") }
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw failure(path, reason)
        }
    }
}
