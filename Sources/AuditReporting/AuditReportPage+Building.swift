public import AuditLog
import Foundation

extension AuditReportPage {
    /// The page of `report`.
    public init(_ report: AuditReport) {
        let summary = report.summary
        let verification = report.verification
        title = "Audit report"
        subtitle =
            "Runs started \(report.period.since.map { "from \($0)" } ?? "since the log began")"
            + " \(report.period.until.map { "until \($0)" } ?? "to its end")"
            + (report.period.targets.isEmpty ? "" : "; targets \(report.period.targets.joined(separator: ", "))")
            + (report.period.kinds.isEmpty ? "" : "; changes \(report.period.kinds.joined(separator: ", "))")
        footer =
            "Made \(report.generatedAt) by organizer-sync audit report from \(report.log) (report format \(report.formatVersion))."
        isBroken = !verification.intact
        verdict =
            verification.intact
            ? "The audit log verified: \(verification.verdict)."
            : "THE AUDIT LOG DOES NOT VERIFY: \(verification.problem ?? verification.verdict). Records from there on "
                + "cannot be trusted, and records may be missing."
        var facts = [
            Fact(label: "Verdict", value: verification.verdict),
            Fact(
                label: "Verified through",
                value: "seq \(verification.verifiedThroughSeq), sha256 \(verification.verifiedThroughHash)"
            ),
            Fact(label: "Checked against", value: verification.against.joined(separator: "; ")),
        ]
        if let seq = verification.checkpointThroughSeq {
            facts.append(
                Fact(label: "Keyed checkpoints", value: "\(verification.checkpoints) verified, up to seq \(seq)")
            )
        } else {
            facts.append(Fact(label: "Keyed checkpoints", value: "not checked (no audit key configured or given)"))
        }
        if !verification.unreadableLines.isEmpty {
            let lines = verification.unreadableLines.prefix(20).map(String.init).joined(separator: ", ")
            facts.append(Fact(label: "Lines skipped", value: "\(verification.unreadableLines.count): \(lines)"))
        }
        self.verification = facts
        figures =
            [
                Figure(key: "runs", label: "Runs", value: summary.runs),
                Figure(key: "changes", label: "Changes", value: summary.changes),
                Figure(key: "failures", label: "Failed", value: summary.failures),
                Figure(key: "skipped", label: "Skipped", value: summary.changesByResult["skipped"] ?? 0),
                Figure(key: "blocked-runs", label: "Blocked runs", value: summary.blockedRuns),
                Figure(key: "overridden-runs", label: "Runs with overrides", value: summary.overriddenRuns),
            ]
            + AuditReportChart.kinds.map { Figure(key: "kind-\($0)", label: $0, value: summary.changesByKind[$0] ?? 0) }
        targets = summary.changesByTarget.keys.sorted().map { target in
            let kinds = summary.changesByTarget[target] ?? [:]
            return TargetRow(
                target: target,
                create: kinds["create"] ?? 0,
                update: kinds["update"] ?? 0,
                reactivate: kinds["reactivate"] ?? 0,
                suspend: kinds["suspend"] ?? 0,
                delete: kinds["delete"] ?? 0,
                total: kinds.values.reduce(0, +)
            )
        }
        hasTargets = !targets.isEmpty
        chart = AuditReportChart(report.days)
        runs = report.runs.enumerated().map { RunRow($1, anchor: "run-\($0 + 1)") }
        hasRuns = !runs.isEmpty
        var budget = Self.maximumChangeRows
        sections = report.runs.enumerated().map { index, run in
            let shown = min(budget, run.changes.count)
            budget -= shown
            return RunSection(run, anchor: "run-\(index + 1)", shown: shown)
        }
        leftOut = summary.changes - (Self.maximumChangeRows - budget)
        hasLeftOut = leftOut > 0
    }
}

extension AuditReportPage.RunRow {
    init(_ run: AuditReport.Run, anchor: String) {
        self.init(
            id: run.id,
            anchor: anchor,
            started: run.started,
            ended: run.ended ?? "no end recorded",
            who: AuditReportPage.who(run),
            scheduler: AuditReportPage.scheduler(run.scheduler),
            why: [run.reason, run.ticket.map { "ticket \($0)" }].compactMap { $0 }.joined(separator: "; "),
            plan: run.planDigest.map { String($0.prefix(19)) } ?? "",
            vouchers: ((run.planMaker.map { ["made by \($0)"] } ?? []) + run.approvals
                + run.overrides.map { "override \($0)" }).joined(separator: "; "),
            result: run.result,
            isTrouble: !["succeeded"].contains(run.result),
            counts: run.counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "),
            changes: run.changes.count
        )
    }
}

extension AuditReportPage.RunSection {
    init(_ run: AuditReport.Run, anchor: String, shown: Int) {
        let rows = run.changes.prefix(shown).map(AuditReportPage.ChangeRow.init)
        let size = AuditReportPage.rowsPerPage
        let pages = stride(from: 0, to: rows.count, by: size).map { start in
            let end = min(start + size, rows.count)
            return AuditReportPage.ChangePage(
                label: rows.count <= size ? "Changes" : "Changes \(start + 1)–\(end) of \(run.changes.count)",
                isFirst: start == 0,
                rows: Array(rows[start..<end])
            )
        }
        var facts = [
            AuditReportPage.Fact(label: "Started", value: "\(run.started) by \(AuditReportPage.who(run))"),
            AuditReportPage.Fact(label: "Command", value: run.command ?? ""),
        ]
        if let scheduler = run.scheduler {
            facts.append(.init(label: "Scheduler", value: AuditReportPage.scheduler(scheduler)))
        }
        if let reason = run.reason { facts.append(.init(label: "Reason", value: reason)) }
        if let ticket = run.ticket { facts.append(.init(label: "Ticket", value: ticket)) }
        if let digest = run.planDigest { facts.append(.init(label: "Plan", value: digest)) }
        if let maker = run.planMaker { facts.append(.init(label: "Plan made by", value: maker)) }
        for voucher in run.approvals { facts.append(.init(label: "Vouched", value: voucher)) }
        if !run.overrides.isEmpty {
            facts.append(.init(label: "Overrides", value: run.overrides.joined(separator: ", ")))
        }
        if let note = run.note { facts.append(.init(label: "Note", value: note)) }
        facts.append(.init(label: "Result", value: "\(run.result), ended \(run.ended ?? "(no end recorded)")"))
        if let ending = run.ending { facts.append(.init(label: "Ending", value: ending)) }
        self.init(
            anchor: anchor,
            heading: "Run \(run.id)",
            facts: facts,
            pages: pages,
            hasChanges: !rows.isEmpty,
            left: run.changes.count - rows.count,
            hasLeft: run.changes.count > rows.count
        )
    }
}

extension AuditReportPage.ChangeRow {
    init(_ change: AuditReport.Change) {
        var answer: [String] = []
        if change.result != "succeeded" {
            if let status = change.httpStatus { answer.append("HTTP \(status)") }
            if let code = change.providerCode { answer.append("provider code \(code)") }
            if let code = change.errorCode { answer.append(code) }
            if let message = change.message { answer.append(message) }
            if let tracking = change.trackingId { answer.append("tracking id \(tracking)") }
        }
        self.init(
            seq: change.seq,
            time: change.time,
            target: change.target,
            kind: change.kind,
            account: change.email ?? change.providerId ?? change.anchor ?? "",
            why: change.reasons.joined(separator: "; "),
            result: change.result,
            isTrouble: change.result != "succeeded",
            answer: answer.joined(separator: "; ")
        )
    }
}

extension AuditReportPage {
    /// `user (uid N) on host`.
    static func who(_ run: AuditReport.Run) -> String {
        (run.user ?? "unknown user") + (run.uid.map { " (uid \($0))" } ?? "") + (run.host.map { " on \($0)" } ?? "")
    }

    /// `systemd organizer-sync.service, invocation …` or `cron (parent cron)`, or `by hand`.
    static func scheduler(_ scheduler: [String: String]?) -> String {
        guard let scheduler else { return "" }
        switch scheduler["kind"] {
        case "systemd":
            return "systemd \(scheduler["unit"] ?? "(unit unknown)"), invocation \(scheduler["invocation_id"] ?? "?")"
        case "cron": return "cron (parent \(scheduler["parent"] ?? "?"))"
        default: return scheduler.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        }
    }
}
