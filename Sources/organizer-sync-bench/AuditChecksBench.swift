import ArgumentParser
import AuditLog
import Foundation
import OrganizerSyncCore
import StateStore
import SyncApply

/// (e) Per-run audit checks on a long log: the time a run spends on the trust checks when the audit log holds N
/// records (the state store's identity against the log's last run-start, the head check at open, the run-start,
/// run-end and checkpoint records and the head export), measured through ``RunSession`` as apply uses it.
struct AuditChecksBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit-checks",
        abstract: "Generate an audit log of N chained records and time a run's audit checks against it."
    )

    @Option(help: "Records in the generated log.")
    var records = 1_000_000

    @Option(help: "Records per generated run (run-start, intents and outcomes, run-end).")
    var runSize = 10_000

    @Option(help: "Timed runs.")
    var repeats = 3

    @Option(help: "Working folder (removed afterwards unless --keep).")
    var folder = NSTemporaryDirectory() + "organizer-sync-audit-bench"

    @Flag(help: "Keep the generated files.")
    var keep = false

    func run() async throws {
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { if !keep { try? FileManager.default.removeItem(atPath: folder) } }
        let database = folder + "/state.sqlite"
        let log = folder + "/audit.jsonl"
        let store = try StateDatabase(path: database)
        let identity = try store.identity()
        let clock = ContinuousClock()
        var started = clock.now
        let (head, runs) = try generate(log, identity: identity)
        let generated = seconds(clock.now - started)
        try store.beginRun(RunRecord(id: "gen", command: "g", startedAt: Date(), user: "u", host: "h"))
        try store.adoptIdentity(StoreIdentity(id: identity.id, generation: runs))
        try store.finishRun(
            id: "gen",
            finished: Date(),
            result: .succeeded,
            counts: [:],
            auditHead: (head.seq, head.hash)
        )
        let size = (try FileManager.default.attributesOfItem(atPath: log)[.size] as? Int) ?? 0
        let key = AuditKey(bytes: Array("organizer-sync-bench-audit-key-0".utf8))
        var timings: [Double] = []
        for index in 0..<repeats {
            started = clock.now
            let session = try RunSession(
                database: database,
                auditLog: log,
                command: "bench \(index)",
                runsFolder: folder + "/runs",
                auditKey: key,
                headExport: HeadExport(toSyslog: false)
            )
            try session.begin(toolVersion: "bench", configDigest: "c", planDigest: nil)
            try await session.finish(result: .succeeded, counts: [:])
            timings.append(seconds(clock.now - started))
        }
        try emit([
            "records": head.seq, "log_bytes": size, "generate_seconds": generated,
            "run_checks_seconds": timings, "run_checks_max_seconds": timings.max() ?? 0,
        ])
    }

    /// Writes `records` chained records in runs of `runSize`; returns the head and the number of runs.
    private func generate(_ path: String, identity: StoreIdentity) throws -> (AuditHead, Int) {
        _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var head = AuditHead.empty
        var buffer: [UInt8] = []
        var runs = 0
        for seq in 1...records {
            let position = (seq - 1) % runSize
            let run = "gen-\((seq - 1) / runSize)"
            var record: AuditRecord
            if position == 0 {
                runs += 1
                record = AuditRecord(
                    seq: seq,
                    time: "2026-01-01T00:00:00.000Z",
                    run: run,
                    type: .runStart,
                    prev: head.hash
                )
                record.user = "svc-sync"
                record.host = "sync01"
                record.command = "organizer-sync reconcile"
                record.stateId = identity.id
                record.stateGeneration = runs
            } else if position == runSize - 1 || seq == records {
                record = AuditRecord(
                    seq: seq,
                    time: "2026-01-01T00:00:00.000Z",
                    run: run,
                    type: .runEnd,
                    prev: head.hash
                )
                record.counts = ["succeeded": runSize / 2]
                record.result = .succeeded
            } else {
                let kind: AuditRecord.Kind = position % 2 == 1 ? .intent : .outcome
                record = AuditRecord(seq: seq, time: "2026-01-01T00:00:00.000Z", run: run, type: kind, prev: head.hash)
                record.target = "zoom-prod"
                record.provider = "zoom"
                record.action = .update
                record.email = "user\(seq / 2)@example.com"
                record.anchor = "anchor-\(seq / 2)"
                record.providerId = "zoom-id-\(seq / 2)"
                record.after = ["displayName": "User Number \(seq / 2)"]
                if kind == .outcome { record.result = .succeeded }
            }
            let line = record.encodedLine()
            head = AuditHead(seq: seq, hash: AuditRecord.hash(ofLine: line))
            buffer += line
            buffer.append(UInt8(ascii: "\n"))
            if buffer.count > 1 << 22 {
                handle.write(Data(buffer))
                buffer.removeAll(keepingCapacity: true)
            }
        }
        handle.write(Data(buffer))
        return (head, runs)
    }
}
