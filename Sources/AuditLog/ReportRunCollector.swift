import Foundation
import OrganizerSyncCore

/// Collects the runs of a period from the records in file order.
struct ReportRunCollector {
    let period: AuditReport.Period
    let since: Date?
    let until: Date?
    private(set) var runs: [AuditReport.Run] = []
    /// The index in ``runs`` of each run reported.
    private var runIndex: [String: Int] = [:]
    /// Per run, the changes waiting for their outcome, by target, kind and account.
    private var open: [String: [String: [Int]]] = [:]
    /// The run and change index of each intent's seq, for `recovered` and `abandoned` records.
    private var intents: [Int: (run: Int, change: Int)] = [:]

    init(period: AuditReport.Period, since: Date?, until: Date?) {
        self.period = period
        self.since = since
        self.until = until
    }

    mutating func add(_ record: AuditRecord) {
        switch record.type {
        case .runStart: start(record)
        case .intent: intend(record)
        case .outcome: finish(record)
        case .recovered, .abandoned: resolve(record)
        case .runEnd: end(record)
        case .checkpoint, .acceptBreak, .adoption, .stateRebuild: break
        }
    }

    private mutating func start(_ record: AuditRecord) {
        if since != nil || until != nil {
            guard let time = AuditTimestamp.parse(record.time) else { return }
            if let since, time < since { return }
            if let until, time >= until { return }
        }
        runIndex[record.run] = runs.count
        runs.append(
            AuditReport.Run(
                id: record.run,
                started: record.time,
                user: record.user,
                uid: record.uid,
                host: record.host,
                command: record.command,
                reason: record.reason,
                ticket: record.ticket,
                planDigest: record.planDigest,
                planMaker: record.planMaker,
                approvals: record.reasons ?? [],
                overrides: record.overrides ?? [],
                scheduler: record.scheduler,
                note: record.message,
                result: "unfinished",
                counts: [:],
                ending: nil,
                changes: []
            )
        )
    }

    private mutating func intend(_ record: AuditRecord) {
        guard let run = runIndex[record.run], let index = change(from: record, in: run) else { return }
        open[record.run, default: [:]][Self.key(record), default: []].append(index)
        intents[record.seq] = (run, index)
    }

    /// Adds the change an intent (or an outcome without one) describes to run `run`, when it passes the filters.
    private mutating func change(from record: AuditRecord, in run: Int) -> Int? {
        guard let action = record.action, let target = record.target else { return nil }
        if !period.targets.isEmpty, !period.targets.contains(target) { return nil }
        if !period.kinds.isEmpty, !period.kinds.contains(action.rawValue) { return nil }
        let index = runs[run].changes.count
        runs[run].changes.append(
            AuditReport.Change(
                seq: record.seq,
                time: record.time,
                target: target,
                provider: record.provider ?? "",
                kind: action.rawValue,
                email: record.email,
                anchor: record.anchor,
                providerId: record.providerId,
                reasons: record.reasons ?? [],
                before: record.before,
                after: record.after,
                result: "unfinished"
            )
        )
        return index
    }

    private mutating func finish(_ record: AuditRecord) {
        guard let run = runIndex[record.run] else { return }
        let key = Self.key(record)
        let index: Int
        if var waiting = open[record.run]?[key], !waiting.isEmpty {
            index = waiting.removeFirst()
            open[record.run]?[key] = waiting
        } else {
            // A change skipped before it was tried (a create left for the next run) has an outcome and no intent.
            guard let found = change(from: record, in: run) else { return }
            index = found
        }
        runs[run].changes[index].result = record.result?.rawValue ?? "unfinished"
        if let providerId = record.providerId { runs[run].changes[index].providerId = providerId }
        if record.result != .succeeded {
            runs[run].changes[index].errorCode = record.errorCode
            runs[run].changes[index].providerCode = record.providerCode
            runs[run].changes[index].httpStatus = record.httpStatus
            runs[run].changes[index].trackingId = record.trackingId
            runs[run].changes[index].message = record.message
        }
    }

    private mutating func resolve(_ record: AuditRecord) {
        guard let seq = record.intentSeq, let (run, index) = intents[seq] else { return }
        runs[run].changes[index].result = record.type == .recovered ? "succeeded" : "abandoned"
        runs[run].changes[index].message = record.message
    }

    private mutating func end(_ record: AuditRecord) {
        guard let run = runIndex[record.run] else { return }
        runs[run].ended = record.time
        runs[run].result = record.result?.rawValue ?? "unfinished"
        runs[run].counts = record.counts ?? [:]
        runs[run].ending = record.message
    }

    /// Target, kind and account: what pairs an outcome with its intent (an outcome of a create carries the new
    /// provider id, so the anchor or email names the account first).
    private static func key(_ record: AuditRecord) -> String {
        "\(record.target ?? "")\u{1F}\(record.action?.rawValue ?? "")\u{1F}"
            + (record.anchor ?? record.email ?? record.providerId ?? "")
    }
}
