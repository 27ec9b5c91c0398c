/// Counts and durations in messages, with the noun in the right number ("1 minute", "2 minutes"), so no message
/// says "1 minutes" or "approval(s)".
public enum Wording {
    /// `count` followed by `singular`, or by `plural` (default: `singular` + "s") when `count` is not 1.
    /// - Parameters:
    ///   - count: how many.
    ///   - singular: the noun for one ("minute", "account").
    ///   - plural: the noun for any other count, when it is not `singular` + "s" ("entries").
    /// - Returns: for example "1 minute", "0 accounts", "3 entries".
    public static func count(_ count: Int, _ singular: String, plural: String? = nil) -> String {
        "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
    }

    /// A length of time in at most two units, rounded down: "45 seconds", "1 minute 54 seconds",
    /// "3 hours 2 minutes", "2 days 1 hour".
    ///
    /// Negative times are given as their size.
    /// - Parameter seconds: the length of time in seconds.
    /// - Returns: the words; a zero second unit is left out ("2 minutes", not "2 minutes 0 seconds").
    public static func duration(seconds: Double) -> String {
        let total = seconds.isFinite ? Int(min(abs(seconds), Double(Int.max / 2))) : 0
        let units: [(size: Int, name: String)] = [(86_400, "day"), (3600, "hour"), (60, "minute"), (1, "second")]
        guard let first = units.firstIndex(where: { total >= $0.size }) else { return count(0, "second") }
        let major = total / units[first].size
        var text = count(major, units[first].name)
        if first + 1 < units.count {
            let next = units[first + 1]
            let minor = (total % units[first].size) / next.size
            if minor > 0 { text += " " + count(minor, next.name) }
        }
        return text
    }

    /// A whole number of minutes as words: "1 minute", "90 minutes".
    /// - Parameter minutes: the count of minutes.
    /// - Returns: the count with the noun in the right number.
    public static func minutes(_ minutes: Int) -> String { count(minutes, "minute") }

    /// A whole number of days as words: "1 day", "30 days".
    /// - Parameter days: the count of days.
    /// - Returns: the count with the noun in the right number.
    public static func days(_ days: Int) -> String { count(days, "day") }
}
