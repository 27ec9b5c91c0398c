public import AuditLog

/// The chart of changes per day by kind, as numbers for the inline SVG of the HTML page: one stacked bar per
/// UTC day, a bar segment per kind (coloured by the layout's `kind-*` classes), the axis's top value, some day
/// labels and a legend.
///
/// No chart library: the template draws rectangles at these coordinates.
public struct AuditReportChart: Sendable {
    /// The kinds of change, in stacking and legend order.
    public static let kinds = ["create", "update", "reactivate", "suspend", "delete"]
    /// Each kind's colour in the chart (distinct from one another, readable on paper).
    static let colours = [
        "create": "#1e6b35", "update": "#1f4e99", "reactivate": "#6a3d9a", "suspend": "#c77c02", "delete": "#b3261e",
    ]

    /// One segment of a day's bar.
    public struct Bar: Sendable {
        public let x: String
        public let y: String
        public let width: String
        public let height: String
        public let kind: String
        public let colour: String
        public let title: String
    }

    /// A text at a place.
    public struct Label: Sendable {
        public let x: String
        public let y: String
        public let text: String
        public var colour = ""
    }

    public let width = 900
    public let height = 240
    public let plotTop = 10
    public let plotBottom = 200
    public let plotLeft = 50
    public let bars: [Bar]
    public let labels: [Label]
    public let legend: [Label]
    public let top: String
    public let hasBars: Bool
    /// A sentence for readers without the picture (and for screen readers).
    public let summary: String

    /// The chart of `days`.
    public init(_ days: [AuditReport.Day]) {
        let plotWidth = Double(width - plotLeft - 10)
        let plotHeight = Double(plotBottom - plotTop)
        let highest = max(1, days.map { $0.byKind.values.reduce(0, +) }.max() ?? 0)
        let slot = days.isEmpty ? plotWidth : plotWidth / Double(days.count)
        let barWidth = min(60, max(1, slot * 0.8))
        var bars: [Bar] = []
        var labels: [Label] = []
        let labelEvery = max(1, days.count / 8)
        for (index, day) in days.enumerated() {
            let x = Double(plotLeft) + Double(index) * slot + (slot - barWidth) / 2
            var base = Double(plotBottom)
            for kind in Self.kinds {
                guard let count = day.byKind[kind], count > 0 else { continue }
                let height = Double(count) / Double(highest) * plotHeight
                base -= height
                bars.append(
                    Bar(
                        x: Self.format(x),
                        y: Self.format(base),
                        width: Self.format(barWidth),
                        height: Self.format(max(height, 0.5)),
                        kind: kind,
                        colour: Self.colours[kind] ?? "#5e6a75",
                        title: "\(day.day): \(count) \(kind)"
                    )
                )
            }
            if index % labelEvery == 0 || index == days.count - 1 {
                labels.append(
                    Label(
                        x: Self.format(x + barWidth / 2),
                        y: String(plotBottom + 16),
                        text: String(day.day.dropFirst(5))
                    )
                )
            }
        }
        self.bars = bars
        self.labels = labels
        let left = plotLeft
        legend = Self.kinds.enumerated().map {
            Label(x: String(left + $0 * 110), y: "228", text: $1, colour: Self.colours[$1] ?? "")
        }
        top = String(highest)
        hasBars = !bars.isEmpty
        let total = days.reduce(0) { $0 + $1.byKind.values.reduce(0, +) }
        summary =
            days.isEmpty
            ? "No changes in the period."
            : "\(total) changes over \(days.count) day(s) from \(days.first?.day ?? "") to \(days.last?.day ?? ""); "
                + "at most \(highest) on one day."
    }

    private static func format(_ value: Double) -> String {
        String((value * 10).rounded() / 10)
    }
}
