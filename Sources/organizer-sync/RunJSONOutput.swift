import Foundation
import SyncApply

/// What `apply --format json` and `reconcile --format json` print: the run summary `reconcile` keeps as
/// `summary.json`, with the shape's version and the command (documented in docs/json-output.md).
struct RunJSONOutput: Encodable {
    /// The version of this JSON shape; it changes only when a key changes meaning or goes away.
    static let formatVersion = 1

    /// `apply` or `reconcile`.
    var command: String
    /// The run's summary.
    var summary: RunSummary

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version"
        case command
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.formatVersion, forKey: .formatVersion)
        try container.encode(command, forKey: .command)
        try summary.encode(to: encoder)
    }

    /// The JSON text, keys sorted.
    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
