public import Foundation

extension AuditReport {
    /// What the report is built from: the log's records, read in file order, and the verdict on its chain.
    public struct Source: Sendable {
        /// Every record of the log, in file order (unfiltered: the builder selects).
        public var records: [AuditRecord]
        /// Lines that are not records.
        public var unreadableLines: [Int]
        /// The verdict on the log.
        public var verification: AuditVerification
        /// What the log was checked against besides its chain (`stored head 12:…`, `audit key`, a heads file).
        public var against: [String]

        /// Makes a source.
        public init(records: [AuditRecord], unreadableLines: [Int], verification: AuditVerification, against: [String])
        {
            self.records = records
            self.unreadableLines = unreadableLines
            self.verification = verification
            self.against = against
        }
    }

    /// Builds the report of the runs started in `period`.
    ///
    /// A run belongs to the period by its `run-start` time; its changes are its `intent` records that pass the
    /// target and kind filters, each matched with the `outcome` that followed it (same target, kind and account)
    /// or resolved by a `recovered` / `abandoned` record. Records of runs started outside the period are left out.
    /// - Parameters:
    ///   - source: the records and the verdict.
    ///   - period: the selection as given (for the report's header).
    ///   - since: runs started at or after this instant.
    ///   - until: runs started before this instant.
    ///   - now: the report's time.
    /// - Returns: the report.
    public static func build(
        from source: AuditReport.Source,
        period: Period,
        since: Date? = nil,
        until: Date? = nil,
        now: Date = Date()
    ) -> AuditReport {
        var builder = ReportRunCollector(period: period, since: since, until: until)
        for record in source.records { builder.add(record) }
        let runs = builder.runs
        return AuditReport(
            formatVersion: currentFormatVersion,
            generatedAt: AuditTimestamp.format(now),
            log: source.verification.path,
            period: period,
            verification: Verification(
                source.verification,
                against: source.against,
                unreadable: source.unreadableLines
            ),
            summary: Summary(runs),
            days: Day.series(runs),
            runs: runs
        )
    }
}

extension AuditReport.Verification {
    /// The verdict in the report's terms.
    init(_ verification: AuditVerification, against: [String], unreadable: [Int]) {
        self.init(
            intact: verification.isIntact,
            verdict: verification.description,
            verifiedThroughSeq: verification.head.seq,
            verifiedThroughHash: verification.head.hash,
            against: ["hash chain"] + against,
            checkpoints: verification.checkpointCount,
            checkpointThroughSeq: verification.lastCheckpoint?.seq,
            problem: verification.problem?.description,
            unreadableLines: unreadable
        )
    }
}

extension AuditReport.Summary {
    /// The figures of `runs`.
    init(_ runs: [AuditReport.Run]) {
        var byResult: [String: Int] = [:]
        var byKind: [String: Int] = [:]
        var byTarget: [String: [String: Int]] = [:]
        var byChangeResult: [String: Int] = [:]
        var changes = 0
        for run in runs {
            byResult[run.result, default: 0] += 1
            for change in run.changes {
                changes += 1
                byKind[change.kind, default: 0] += 1
                byTarget[change.target, default: [:]][change.kind, default: 0] += 1
                byChangeResult[change.result, default: 0] += 1
            }
        }
        self.init(
            runs: runs.count,
            runsByResult: byResult,
            changes: changes,
            changesByKind: byKind,
            changesByTarget: byTarget,
            changesByResult: byChangeResult,
            failures: byChangeResult["failed"] ?? 0,
            blockedRuns: byResult["blocked"] ?? 0,
            overriddenRuns: runs.count { !$0.overrides.isEmpty }
        )
    }
}

extension AuditReport.Day {
    /// Changes per UTC day and kind, from the first day with a change to the last, days without changes included
    /// (up to 400 days; a longer span lists only the days with changes).
    static func series(_ runs: [AuditReport.Run]) -> [AuditReport.Day] {
        var days: [String: [String: Int]] = [:]
        for change in runs.lazy.flatMap(\.changes) {
            days[String(change.time.prefix(10)), default: [:]][change.kind, default: 0] += 1
        }
        let present = days.keys.sorted()
        guard let first = present.first.flatMap(AuditTimestamp.parse),
            let last = present.last.flatMap(AuditTimestamp.parse),
            last.timeIntervalSince(first) <= 400 * 86_400
        else { return present.map { AuditReport.Day(day: $0, byKind: days[$0] ?? [:]) } }
        return stride(from: first.timeIntervalSince1970, through: last.timeIntervalSince1970, by: 86_400).map {
            let day = String(AuditTimestamp.format(Date(timeIntervalSince1970: $0)).prefix(10))
            return AuditReport.Day(day: day, byKind: days[day] ?? [:])
        }
    }
}
