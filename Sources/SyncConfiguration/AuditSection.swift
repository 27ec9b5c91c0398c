import Foundation
public import OrganizerSyncCore

/// The `audit:` section: the key of the audit log's checkpoints and where each run's final head is sent.
///
/// ```yaml
/// audit:
///   key_file: /etc/organizer-sync/audit.key   # or key_env: NAME, or key_credential: NAME (systemd)
///   head_file: /var/log/organizer-sync/heads   # optional: each run's head line is appended
///   head_command: logger -t organizer-sync-head # optional: each run's head line is piped to it
///   syslog: true                                # default: each run's head line goes to syslog
/// ```
public struct AuditConfiguration: Sendable {
    /// The checkpoint key, by reference; `nil`: runs write no checkpoint.
    public var key: SecretReference?
    /// A file each run's head line is appended to.
    public var headFile: String?
    /// A shell command each run's head line is piped to.
    public var headCommand: String?
    /// Whether each run's head line goes to syslog.
    public var toSyslog: Bool

    /// Makes a section; the defaults: no key, syslog only.
    public init(key: SecretReference? = nil, headFile: String? = nil, headCommand: String? = nil, toSyslog: Bool = true)
    {
        self.key = key
        self.headFile = headFile
        self.headCommand = headCommand
        self.toSyslog = toSyslog
    }
}

/// Decodes the `audit:` section.
enum AuditSection {
    static var keys: [String] { ConfigurationShape.audit.names }

    /// Reads the section; a key file inside the state folder (the state store's or the audit log's folder) is
    /// refused: whoever can rewrite the log there could read the key beside it and make checkpoints that verify.
    static func decode(
        _ root: ConfigMapping,
        relativeTo folder: String,
        state: StateConfiguration,
        environment: [String: String]
    ) throws(ConfigurationError) -> AuditConfiguration {
        guard let audit = try root.mapping("audit", allowedKeys: keys) else { return AuditConfiguration() }
        var result = AuditConfiguration()
        result.key = try DirectorySection.secret(audit, relativeTo: folder, prefix: "key")
        if let name = try audit.string("key_credential") {
            guard result.key == nil else {
                throw audit.error("key_credential", .conflict, "give one of key_file, key_env and key_credential")
            }
            guard !name.isEmpty, !name.contains("/") else {
                throw audit.error("key_credential", "expected a systemd credential name (no slash)")
            }
            guard let credentials = environment["CREDENTIALS_DIRECTORY"], !credentials.isEmpty else {
                throw audit.error(
                    "key_credential",
                    "CREDENTIALS_DIRECTORY is not set: systemd sets it for a unit with LoadCredential="
                )
            }
            result.key = .file(credentials + "/" + name)
        }
        if case .file(let path)? = result.key {
            for stateFolder in [Paths.folder(of: state.database), Paths.folder(of: state.auditLog)]
            where isInside(path, stateFolder) {
                throw audit.error(
                    audit.value("key_file") == nil ? "key_credential" : "key_file",
                    "the audit key must not live in the state folder \(stateFolder): whoever can rewrite the log "
                        + "there could read the key and forge checkpoints; keep it elsewhere, readable only by the "
                        + "service user"
                )
            }
        }
        if let path = try audit.string("head_file") { result.headFile = Paths.resolve(path, relativeTo: folder) }
        result.headCommand = try audit.string("head_command")
        if let syslog = try audit.bool("syslog") { result.toSyslog = syslog }
        return result
    }

    /// Whether `path` is `folder` or below it (by the resolved text, `..` components removed).
    static func isInside(_ path: String, _ folder: String) -> Bool {
        let file = (path as NSString).standardizingPath
        let parent = (folder as NSString).standardizingPath
        return file == parent || file.hasPrefix(parent.hasSuffix("/") ? parent : parent + "/")
    }
}
