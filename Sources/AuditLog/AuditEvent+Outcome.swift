extension AuditEvent {
    /// How a change ended (an outcome record): the change's identifying members and the provider's answer.
    public struct Outcome: Sendable, Hashable {
        /// The change this ends: the record takes its identifying members (target, provider, action, email,
        /// anchor, provider id), never its fields before or intended.
        public var change: Change
        /// The provider's id of the account when the change did not know it: for a create, the new id.
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
            self.change = change
            self.providerId = providerId
            self.result = result
            self.after = after
            self.errorCode = errorCode
            self.providerCode = providerCode
            self.trackingId = trackingId
            self.httpStatus = httpStatus
            self.message = message
        }

        func fill(_ record: inout AuditRecord) {
            change.fillSubject(&record, providerId: providerId)
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
