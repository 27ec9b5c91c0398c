#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension AuditEvent {
    /// Who started a run, where, with what, on which configuration and plan.
    public struct RunStart: Sendable, Hashable {
        /// The operating system user.
        public var user: String
        /// The host name.
        public var host: String
        /// The command line, arguments joined by spaces (secrets never appear on it by design).
        public var command: String
        /// The tool's version.
        public var toolVersion: String
        /// The digest of the configuration.
        public var configDigest: String?
        /// The digest of the plan being applied.
        public var planDigest: String?
        /// The target, when the run is about one target.
        public var target: String?
        /// The identity of the state store the run writes.
        public var stateId: String?
        /// The state store's generation for this run.
        public var stateGeneration: Int?
        /// Something the run's reader must know (for example: the state store was started anew).
        public var note: String?
        /// Who vouched for the plan: its signer and each reviewer's approval (`approved by NAME (key): REASON`);
        /// recorded in the record's `reasons` member.
        ///
        /// Empty for an unsigned, unapproved plan.
        public var approvals: [String] = []
        /// The effective user's numeric id.
        public var uid: Int?
        /// Why the run was started (`--reason`).
        public var reason: String?
        /// The change ticket (`--ticket`).
        public var ticket: String?
        /// The gates overridden by name (`--override`); empty when none.
        public var overrides: [String] = []
        /// Who made the plan, as its sealed content says (`user@host`).
        public var planMaker: String?
        /// The scheduler the run runs under (see ``AuditRecord/scheduler``).
        public var scheduler: [String: String]?

        /// Makes a run-start event with every member given.
        public init(
            user: String,
            host: String,
            command: String,
            toolVersion: String,
            configDigest: String?,
            planDigest: String?,
            target: String? = nil
        ) {
            self.user = user
            self.host = host
            self.command = command
            self.toolVersion = toolVersion
            self.configDigest = configDigest
            self.planDigest = planDigest
            self.target = target
        }

        /// A run-start event for this process: the effective user's name and the host name come from the
        /// operating system.
        /// - Parameters:
        ///   - arguments: the command line (`CommandLine.arguments`); joined by spaces.
        ///   - toolVersion: the tool's version.
        ///   - configDigest: the configuration's digest.
        ///   - planDigest: the plan's digest.
        ///   - target: the target, when the run is about one.
        ///   - approvals: who vouched for the plan (its signer, its reviewers).
        /// - Returns: the event.
        public static func current(
            arguments: [String],
            toolVersion: String,
            configDigest: String?,
            planDigest: String?,
            target: String? = nil,
            approvals: [String] = []
        ) -> RunStart {
            var start = RunStart(
                user: operatingSystemUser(),
                host: hostName(),
                command: arguments.joined(separator: " "),
                toolVersion: toolVersion,
                configDigest: configDigest,
                planDigest: planDigest,
                target: target
            )
            start.approvals = approvals
            start.uid = Int(geteuid())
            return start
        }

        func fill(_ record: inout AuditRecord) {
            record.user = user
            record.host = host
            record.command = command
            record.toolVersion = toolVersion
            record.configDigest = configDigest
            record.planDigest = planDigest
            record.target = target
            record.stateId = stateId
            record.stateGeneration = stateGeneration
            record.message = note
            if !approvals.isEmpty { record.reasons = approvals }
            record.uid = uid
            record.reason = reason
            record.ticket = ticket
            record.overrides = overrides.isEmpty ? nil : overrides.sorted()
            record.planMaker = planMaker
            record.scheduler = scheduler
        }

        /// The effective user's login name from the password database, else `$USER`, else the numeric uid.
        public static func operatingSystemUser() -> String {
            let uid = geteuid()
            var entry = passwd()
            var found: UnsafeMutablePointer<passwd>?
            var buffer = [CChar](repeating: 0, count: 4096)
            // getpwuid_r writes the strings `entry` points to into `buffer`: they are copied out inside the closure,
            // while the buffer's pointer is valid.
            let name = buffer.withUnsafeMutableBufferPointer { storage -> String? in
                guard let base = storage.baseAddress, getpwuid_r(uid, &entry, base, storage.count, &found) == 0,
                    let found, let name = found.pointee.pw_name
                else { return nil }
                return String(cString: name)
            }
            if let name { return name }
            if let name = getenv("USER") { return String(cString: name) }
            return String(uid)
        }

        /// The host name, or `unknown` when the system does not say.
        public static func hostName() -> String {
            var buffer = [CChar](repeating: 0, count: 256)
            guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown" }
            let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
