public import OrganizerSyncCore

/// One change a plan makes to one account, with why and what the account looked like.
public struct PlannedAction: Sendable, Hashable, Codable {
    /// What the action does.
    public var kind: ActionKind
    /// The directory anchor of the user the account belongs to; `nil` for an unmanaged account.
    public var anchor: String?
    /// The user's DN, for people reading the plan; `nil` when the user is no longer in the directory read.
    public var dn: String?
    /// The email the account is addressed by (for a create, the new account's email).
    public var email: String
    /// Why: the rules that caused the action (`not in scope any more`, `field title changed`,
    /// `in scope: group:meeting-hosts`, `licence rule: group:licensed`).
    public var reasons: [String]
    /// What the account must still look like when the action is applied.
    public var precondition: AccountPrecondition
    /// For an update, each field that changes with its before and after values; empty otherwise.
    public var changes: [FieldChange]
    /// For a create, every mapped field; for an update, the email and only the fields that change;
    /// `nil` for suspend, reactivate and delete.
    public var fields: AccountFields?

    /// Creates an action.
    /// - Parameters:
    ///   - kind: what the action does.
    ///   - anchor: the directory anchor, if any.
    ///   - dn: the DN, if known.
    ///   - email: the email the account is addressed by.
    ///   - reasons: the rules that caused the action.
    ///   - precondition: the account as seen.
    ///   - changes: the field changes of an update.
    ///   - fields: the fields a create or update sends.
    public init(
        kind: ActionKind,
        anchor: String?,
        dn: String?,
        email: String,
        reasons: [String],
        precondition: AccountPrecondition,
        changes: [FieldChange] = [],
        fields: AccountFields? = nil
    ) {
        self.kind = kind
        self.anchor = anchor
        self.dn = dn
        self.email = email
        self.reasons = reasons
        self.precondition = precondition
        self.changes = changes
        self.fields = fields
    }
}
