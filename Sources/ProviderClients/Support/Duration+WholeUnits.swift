extension Duration {
    /// Whole milliseconds, for logs (saturating, so a huge provider-given wait cannot trap).
    var milliseconds: Int64 { whole(unitsPerSecond: 1000) }

    /// The duration in whole nanoseconds (saturating).
    var nanoseconds: Int64 { whole(unitsPerSecond: 1_000_000_000) }

    /// The duration in whole units of which `unitsPerSecond` make a second, truncated; saturating at the ends
    /// of `Int64` instead of trapping.
    private func whole(unitsPerSecond: Int64) -> Int64 {
        let (seconds, attoseconds) = components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: unitsPerSecond)
        if overflow { return seconds < 0 ? .min : .max }
        let attosecondsPerUnit = 1_000_000_000_000_000_000 / unitsPerSecond
        return product.addingReportingOverflow(attoseconds / attosecondsPerUnit).partialValue
    }
}
