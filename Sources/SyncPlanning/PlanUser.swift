/// A directory user the plan names without an action: skipped (no usable email) or part of a conflict.
///
/// Holds personal data (the DN, the login): it is written to the plan file and the plan text, which the admin
/// reads, never to an error's `description`.
public struct PlanUser: Sendable, Hashable, Codable {
    /// The user's anchor (entryUUID, objectGUID).
    public var anchor: String
    /// The user's DN as the directory gave it.
    public var dn: String
    /// The user's login (`uid`, `sAMAccountName`), when the directory has one.
    public var login: String?
    /// Why no account is planned (a ``AccountMapping`` problem code: `missingEmail`, `invalidEmail`); `nil` for a
    /// member of a conflict, whose conflict says why.
    public var reason: String?
    /// What is wrong and what to do, without the user's data; `nil` for a member of a conflict.
    public var message: String?

    /// Creates a user reference.
    /// - Parameters:
    ///   - anchor: the anchor.
    ///   - dn: the DN.
    ///   - login: the login, if any.
    ///   - reason: why the user was skipped, if it was.
    ///   - message: the explanation, if the user was skipped.
    public init(anchor: String, dn: String, login: String?, reason: String? = nil, message: String? = nil) {
        self.anchor = anchor
        self.dn = dn
        self.login = login
        self.reason = reason
        self.message = message
    }

    /// How the plan text names the user: the DN and, when known, the login.
    public var label: String { dn + (login.map { " (login \($0))" } ?? "") }
}
