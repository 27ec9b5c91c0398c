extension AuditEvent {
    /// How a change ended (an outcome record): the change's identifying members and the provider's answer.
    public struct Outcome: Sendable, Hashable {
        /// The target name.
        public var target: String
        /// The provider.
        public var provider: String
        /// What the change did.
        public var action: AuditAction
        /// The account's email.
        public var email: String?
        /// The directory anchor.
        public var anchor: String?
        /// The provider's id of the account; for a create, the new id.
        public var providerId: String?
        /// `succeeded`, `failed` or `skipped`.
        public var result: AuditResult
        /// The fields as the provider answered.
        public var after: [String: String]?
        /// Our error code (for failed or skipped).
        public var errorCode: String?
        /// The provider's error code.
        public var providerCode: String?
        /// The provider's tracking (request) id.
        public var trackingId: String?
        /// The HTTP status of the provider's answer.
        public var httpStatus: Int?
        /// Our description of what happened; never a secret.
        public var message: String?

        /// The outcome of `change`; `providerId`, when given, replaces the change's (the new id of a create).
        public init(
            for change: Change,
            result: AuditResult,
            providerId: String? = nil,
            after: [String: String]? = nil,
            errorCode: String? = nil,
            providerCode: String? = nil,
            trackingId: String? = nil,
            httpStatus: Int? = nil,
            message: String? = nil
        ) {
            self.target = change.target
            self.provider = change.provider
            self.action = change.action
            self.email = change.email
            self.anchor = change.anchor
            self.providerId = providerId ?? change.providerId
            self.result = result
            self.after = after
            self.errorCode = errorCode
            self.providerCode = providerCode
            self.trackingId = trackingId
            self.httpStatus = httpStatus
            self.message = message
        }

        func fill(_ record: inout AuditRecord) {
            record.target = target
            record.provider = provider
            record.action = action
            record.email = email
            record.anchor = anchor
            record.providerId = providerId
            record.result = result
            record.after = after
            record.errorCode = errorCode
            record.providerCode = providerCode
            record.trackingId = trackingId
            record.httpStatus = httpStatus
            record.message = message
        }
    }
}
