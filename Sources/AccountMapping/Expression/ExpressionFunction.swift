/// The functions of the field expression language, with their arity and what they return.
enum ExpressionFunction: String, Sendable, CaseIterable {
    case lower, upper, trim, first
    case `default`, join, replace
    case `if`
    case inGroup = "in_group"
    case has, equals, matches, not, and, or

    /// Allowed argument counts (`Int.max` for "or more").
    var arity: ClosedRange<Int> {
        switch self {
        case .lower, .upper, .trim, .first, .inGroup, .has, .not: 1...1
        case .equals, .matches: 2...2
        case .replace: 3...3
        case .if: 2...3
        case .default, .join, .and, .or: 2...Int.max
        }
    }

    /// Whether the call is a condition (usable only as the first argument of `if`, or inside
    /// `not`/`and`/`or`) rather than a value.
    var isCondition: Bool {
        switch self {
        case .inGroup, .has, .equals, .matches, .not, .and, .or: true
        default: false
        }
    }

    /// How to call it, for error messages.
    var signature: String {
        switch self {
        case .lower: "lower(value)"
        case .upper: "upper(value)"
        case .trim: "trim(value)"
        case .first: "first(value)"
        case .default: "default(value, fallback, ...)"
        case .join: "join(separator, value, ...)"
        case .replace: "replace(value, \"regex\", \"replacement\")"
        case .if: "if(condition, then, else)"
        case .inGroup: "in_group(\"group name or DN\")"
        case .has: "has(value)"
        case .equals: "equals(value, value)"
        case .matches: "matches(value, \"regex\")"
        case .not: "not(condition)"
        case .and: "and(condition, condition, ...)"
        case .or: "or(condition, condition, ...)"
        }
    }

    /// Every function's name, for "unknown function" messages.
    static let names = allCases.map(\.rawValue).sorted().joined(separator: ", ")
}
