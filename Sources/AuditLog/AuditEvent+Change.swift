extension AuditEvent {
    /// A change about to be made to one account (an intent record).
    public struct Change: Sendable, Hashable {
        /// The target name.
        public var target: String
        /// The provider (`goto`, `zoom`, `webex`).
        public var provider: String
        /// What the change does.
        public var action: AuditAction
        /// The account's email.
        public var email: String?
        /// The directory anchor of the user behind the account.
        public var anchor: String?
        /// The provider's id of the account (`nil` for a create).
        public var providerId: String?
        /// The account's fields as seen (`nil` for a create).
        public var before: [String: String]?
        /// The fields intended.
        public var after: [String: String]?
        /// Why the change is made.
        public var reasons: [String]?

        /// Makes a change.
        public init(
            target: String,
            provider: String,
            action: AuditAction,
            email: String?,
            anchor: String?,
            providerId: String?,
            before: [String: String]? = nil,
            after: [String: String]? = nil,
            reasons: [String]? = nil
        ) {
            self.target = target
            self.provider = provider
            self.action = action
            self.email = email
            self.anchor = anchor
            self.providerId = providerId
            self.before = before
            self.after = after
            self.reasons = reasons
        }

        /// Writes the members that name the change's account: target, provider, action, email, anchor and
        /// provider id (`providerId` when given: the new id of a create; the change's otherwise).
        func fillSubject(_ record: inout AuditRecord, providerId: String? = nil) {
            let id = providerId ?? self.providerId
            record.setAccount(target: target, provider: provider, email: email, anchor: anchor, providerId: id)
            record.action = action
        }

        func fill(_ record: inout AuditRecord) {
            fillSubject(&record)
            record.before = before
            record.after = after
            record.reasons = reasons
        }
    }
}
