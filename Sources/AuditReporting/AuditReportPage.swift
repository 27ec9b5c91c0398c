import AuditLog
import Foundation

/// The audit report as the Markdown and HTML templates read it: rows of plain text built from an
/// ``AuditLog/AuditReport`` (the templates escape every value).
///
/// The JSON form is the report itself.
///
/// A page holds at most ``maximumChangeRows`` changes, in pages of ``rowsPerPage`` (each a `<details>` of its own,
/// so the browser lays out only the page opened); the summary and the chart count every change, and the page says
/// how many it leaves out and where to find them.
public struct AuditReportPage: Sendable {
    /// The most changes a page lists.
    public static let maximumChangeRows = 5_000
    /// Changes per page of a run's table.
    public static let rowsPerPage = 500

    /// One summary figure, with the key tests and tools read it by.
    public struct Figure: Sendable {
        public let key: String
        public let label: String
        public let value: Int
    }

    /// A label and a value.
    public struct Fact: Sendable {
        public let label: String
        public let value: String
    }

    /// One target's changes by kind.
    public struct TargetRow: Sendable {
        public let target: String
        public let create: Int
        public let update: Int
        public let reactivate: Int
        public let suspend: Int
        public let delete: Int
        public let total: Int
    }

    /// One run in the runs table.
    public struct RunRow: Sendable {
        public let id: String
        public let anchor: String
        public let started: String
        public let ended: String
        public let who: String
        public let scheduler: String
        public let why: String
        public let plan: String
        public let vouchers: String
        public let result: String
        public let isTrouble: Bool
        public let counts: String
        public let changes: Int
    }

    /// One change in a run's table.
    public struct ChangeRow: Sendable {
        public let seq: Int
        public let time: String
        public let target: String
        public let kind: String
        public let account: String
        public let why: String
        public let result: String
        public let isTrouble: Bool
        public let answer: String
    }

    /// A page of a run's changes.
    public struct ChangePage: Sendable {
        public let label: String
        public let isFirst: Bool
        public let rows: [ChangeRow]
    }

    /// One run's changes.
    public struct RunSection: Sendable {
        public let anchor: String
        public let heading: String
        public let facts: [Fact]
        public let pages: [ChangePage]
        public let hasChanges: Bool
        public let left: Int
        public let hasLeft: Bool
    }

    public let title: String
    public let subtitle: String
    public let footer: String
    /// The log did not verify: the banner is red and says so.
    public let isBroken: Bool
    public let verdict: String
    public let verification: [Fact]
    public let figures: [Figure]
    public let targets: [TargetRow]
    public let hasTargets: Bool
    public let chart: AuditReportChart
    public let runs: [RunRow]
    public let hasRuns: Bool
    public let sections: [RunSection]
    /// Changes counted but not listed (beyond ``maximumChangeRows``).
    public let leftOut: Int
    public let hasLeftOut: Bool
}
