extension AuditEvent {
    /// An administrator's acceptance of a broken chain: what was found, who accepted it and why.
    public struct AcceptBreak: Sendable, Hashable {
        /// The operating system user.
        public var user: String
        /// The host name.
        public var host: String
        /// The administrator's reason.
        public var reason: String
        /// What was wrong (the verifier's problem, line numbers and seqs only).
        public var problem: String
        /// The first bad line.
        public var brokenLine: Int?
        /// The head the state store recorded (`SEQ:HASH`), if any.
        public var expectedHead: String?
        /// The last good record as found (`SEQ:HASH`).
        public var foundHead: String

        /// Makes the event; the user and host are this process's.
        public init(reason: String, problem: String, brokenLine: Int?, expectedHead: String?, foundHead: String) {
            self.user = RunStart.operatingSystemUser()
            self.host = RunStart.hostName()
            self.reason = reason
            self.problem = problem
            self.brokenLine = brokenLine
            self.expectedHead = expectedHead
            self.foundHead = foundHead
        }

        func fill(_ record: inout AuditRecord) {
            record.user = user
            record.host = host
            record.message = "accepted a broken chain: \(problem); reason: \(reason)"
            record.brokenLine = brokenLine
            record.expectedHead = expectedHead
            record.foundHead = foundHead
        }
    }

    /// An existing account adopted as managed: matched to a directory user (by email) and linked in the store.
    public struct Adoption: Sendable, Hashable {
        /// The target name.
        public var target: String
        /// The provider.
        public var provider: String
        /// The account's email.
        public var email: String
        /// The directory anchor it is linked to.
        public var anchor: String
        /// The provider's id of the account.
        public var providerId: String?
        /// Why (the plan's reason for the link).
        public var reasons: [String]

        /// Makes the event.
        public init(
            target: String,
            provider: String,
            email: String,
            anchor: String,
            providerId: String?,
            reasons: [String]
        ) {
            self.target = target
            self.provider = provider
            self.email = email
            self.anchor = anchor
            self.providerId = providerId
            self.reasons = reasons
        }

        func fill(_ record: inout AuditRecord) {
            record.setAccount(target: target, provider: provider, email: email, anchor: anchor, providerId: providerId)
            record.reasons = reasons
        }
    }

    /// The resolution of an intent a crash left without an outcome: found made (`recovered`) or not
    /// (`abandoned`).
    public struct Resolution: Sendable, Hashable {
        /// The intent's members.
        public var change: Change
        /// The intent's seq.
        public var intentSeq: Int
        /// Whether the provider shows the change made.
        public var isMade: Bool
        /// The provider id found (the new id of a create found made).
        public var providerId: String?
        /// What was looked up and found.
        public var message: String

        /// Makes the event.
        public init(change: Change, intentSeq: Int, isMade: Bool, providerId: String?, message: String) {
            self.change = change
            self.intentSeq = intentSeq
            self.isMade = isMade
            self.providerId = providerId
            self.message = message
        }

        func fill(_ record: inout AuditRecord) {
            record.target = change.target
            record.provider = change.provider
            record.action = change.action
            record.email = change.email
            record.anchor = change.anchor
            record.providerId = providerId ?? change.providerId
            record.intentSeq = intentSeq
            record.message = message
        }
    }
}
