extension AuditEvent {
    /// `state rebuild --from-audit` made a lost state store again from the log: who, what, and the counts.
    public struct StateRebuild: Sendable, Hashable {
        /// The operating system user.
        public var user: String
        /// The host name.
        public var host: String
        /// The command line (it never holds a secret: secrets come from files and the environment).
        public var command: String
        /// The records the store was rebuilt from.
        public var records: Int
        /// The managed accounts per target.
        public var accounts: [String: Int]
        /// The suspended accounts among them.
        public var suspended: Int
        /// The identity the rebuilt store took (the log's last run-start's).
        public var stateId: String?
        /// The generation the rebuilt store took.
        public var stateGeneration: Int?

        /// Makes the event; the user and host are this process's.
        public init(
            command: String,
            records: Int,
            accounts: [String: Int],
            suspended: Int,
            stateId: String?,
            stateGeneration: Int?
        ) {
            self.user = RunStart.operatingSystemUser()
            self.host = RunStart.hostName()
            self.command = command
            self.records = records
            self.accounts = accounts
            self.suspended = suspended
            self.stateId = stateId
            self.stateGeneration = stateGeneration
        }

        func fill(_ record: inout AuditRecord) {
            record.user = user
            record.host = host
            record.command = command
            var counts = accounts.reduce(into: [:]) { $0["managed:\($1.key)"] = $1.value }
            counts["records"] = records
            counts["suspended"] = suspended
            record.counts = counts
            record.stateId = stateId
            record.stateGeneration = stateGeneration
            let managed = accounts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            record.message =
                "state store rebuilt from \(records) audit records: managed accounts "
                + (managed.isEmpty ? "none" : managed.joined(separator: ", ")) + ", \(suspended) suspended"
        }
    }
}
