/// Something an admin should know about a directory read that did not stop it.
///
/// The cases carry the facts; ``text`` renders them, the one place their wording lives (the log, the
/// `directory` command and the plan's `directoryWarnings` all show that text). The text names entries and
/// groups by DN and name, so it may hold personal data: it goes to the admin's log and plan, never into an
/// error's `description`.
public enum DirectoryWarning: Sendable, Hashable, Encodable {
    /// A user entry without a usable anchor attribute: it cannot be matched safely, so it was skipped.
    case entryWithoutAnchor(dn: String, anchorAttribute: String)
    /// More than one user entry has this anchor.
    case duplicateAnchor(String)
    /// These groups (names, sorted) nest in a cycle; each has the members of all of them.
    case groupCycle(groups: [String])
    /// Member values that matched no user and no group read: how many, in how many groups, and up to
    /// five of them (as written in the directory).
    case unresolvedMembers(count: Int, groups: Int, examples: [String])

    /// The warning as an admin reads it.
    public var text: String {
        switch self {
        case .entryWithoutAnchor(let dn, let anchorAttribute):
            return "entry \(dn) has no usable \(anchorAttribute); skipped"
        case .duplicateAnchor(let anchor):
            return "more than one entry has the anchor \(anchor)"
        case .groupCycle(let groups):
            return "groups nest in a cycle (\(groups.joined(separator: ", "))); each has the members of all of them"
        case .unresolvedMembers(let count, let groups, let examples):
            return "\(count) member value(s) in \(groups) group(s) match no user read and no group read "
                + "(outside the users' base or filter, or dangling): \(examples.joined(separator: "; "))"
                + (count > examples.count ? "; …" : "")
        }
    }

    /// Encoded as its ``text`` (the `directory --json` output lists warnings as strings).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
