import Foundation
public import OrganizerSyncCore

/// Who may seal plans and who may approve them (the `signing:` section, and `apply.require_approvals` with
/// `apply.reviewers`).
///
/// ```yaml
/// signing:
///   private_key_file: /etc/organizer-sync/keys/plan.key   # or private_key_env, or private_key_credential
///   key_name: ops-planner                                 # written beside the signature, for readers
///   trusted_keys:                                         # apply accepts plans signed by these
///     - { name: ops-planner, public_key: "base64…" }
///     - { name: backup-host, public_key_file: /etc/organizer-sync/keys/backup.pub }
/// apply:
///   require_approvals: 1
///   reviewers:
///     - { name: alice, public_key: "base64…" }
/// ```
///
/// No key file may sit in the state folder, the audit log's folder or the runs folder: whoever can write the state
/// could then also replace the key that vouches for plans.
public struct SigningConfiguration: Sendable, Hashable {
    /// A public key named in the configuration, its base64 text already read (from `public_key_file` if given).
    public struct NamedKey: Sendable, Hashable {
        /// The name the configuration gives the key.
        public var name: String
        /// The raw Ed25519 public key, base64.
        public var publicKey: String
    }

    /// The plan maker's private key, by reference; `nil` means plans are only checksummed.
    public var privateKey: SecretReference?
    /// The name written beside each signature.
    public var keyName: String
    /// The keys whose signatures `apply` accepts.
    ///
    /// Empty: unsigned plans are accepted with a warning.
    public var trustedKeys: [NamedKey]
    /// How many distinct reviewers must have approved a plan before `apply` carries it out.
    public var requiredApprovals: Int
    /// The reviewers whose approvals count.
    public var reviewers: [NamedKey]

    public init(
        privateKey: SecretReference? = nil,
        keyName: String = "plan-maker",
        trustedKeys: [NamedKey] = [],
        requiredApprovals: Int = 0,
        reviewers: [NamedKey] = []
    ) {
        self.privateKey = privateKey
        self.keyName = keyName
        self.trustedKeys = trustedKeys
        self.requiredApprovals = requiredApprovals
        self.reviewers = reviewers
    }

    /// Whether plans are signed or signatures checked; when not, `validate` and `apply` warn.
    public var isConfigured: Bool { privateKey != nil || !trustedKeys.isEmpty }

    /// The warning `validate` and every apply print when no key is configured.
    public static let checksumOnlyWarning =
        "plans are only checksummed, not signed: anyone who can write a plan file can have it applied; "
        + "configure signing.private_key_file and signing.trusted_keys (see docs/security.md)"
}

/// Decodes the `signing:` section and the approval keys of `apply:`.
enum SigningSection {
    static var keys: [String] { ConfigurationShape.signing.names }

    static func decode(
        _ root: ConfigMapping,
        relativeTo folder: String,
        state: StateConfiguration
    ) throws(ConfigurationError) -> SigningConfiguration {
        var result = SigningConfiguration()
        let stateFolders = [state.database, state.auditLog].map(Paths.folder(of:)) + [state.runsFolder]
        if let signing = try root.mapping("signing", allowedKeys: keys) {
            result.privateKey = try privateKey(signing, relativeTo: folder)
            if case .file(let path) = result.privateKey {
                try refuseInside(stateFolders, path: path, signing, "private_key_file")
            }
            if let name = try signing.string("key_name") {
                guard isName(name) else { throw signing.error("key_name", "expected a one-line name") }
                result.keyName = name
            }
            result.trustedKeys = try namedKeys(signing, "trusted_keys", relativeTo: folder, stateFolders: stateFolders)
        }
        if let apply = root.value("apply") {
            let section = try ConfigMapping(apply, path: "apply", shape: ConfigurationShape.apply)
            result.reviewers = try namedKeys(section, "reviewers", relativeTo: folder, stateFolders: stateFolders)
            result.requiredApprovals = try section.int("require_approvals", in: 0...100) ?? 0
            guard result.requiredApprovals <= result.reviewers.count else {
                throw section.error(
                    "require_approvals",
                    "needs at least \(result.requiredApprovals) apply.reviewers; \(result.reviewers.count) listed"
                )
            }
        }
        return result
    }

    /// `private_key_file`, `private_key_env` or `private_key_credential`; at most one.
    private static func privateKey(
        _ signing: ConfigMapping,
        relativeTo folder: String
    ) throws(ConfigurationError) -> SecretReference? {
        let reference = try DirectorySection.secret(signing, relativeTo: folder, prefix: "private_key")
        guard let credential = try signing.string("private_key_credential") else { return reference }
        guard reference == nil else {
            throw signing.error("private_key_credential", .conflict, "give one of private_key_file, _env, _credential")
        }
        guard !credential.isEmpty, !credential.contains("/"), credential != "..", credential != "." else {
            throw signing.error("private_key_credential", "expected a systemd credential name (no /)")
        }
        return .credential(credential)
    }

    /// A list of `{name, public_key}` or `{name, public_key_file}`; names are unique.
    private static func namedKeys(
        _ section: ConfigMapping,
        _ key: String,
        relativeTo folder: String,
        stateFolders: [String]
    ) throws(ConfigurationError) -> [SigningConfiguration.NamedKey] {
        var result: [SigningConfiguration.NamedKey] = []
        for (index, node) in (try section.sequence(key) ?? []).enumerated() {
            let entry = try ConfigMapping(
                node,
                path: section.keyPath("\(key)[\(index)]"),
                shape: ConfigurationShape.namedKey
            )
            let name = try entry.requiredString("name")
            guard isName(name) else { throw entry.error("name", "expected a one-line name") }
            guard !result.contains(where: { $0.name == name }) else {
                throw entry.error("name", .conflict, "the name '\(name)' is listed twice")
            }
            let text: String
            switch (try entry.string("public_key"), try entry.string("public_key_file")) {
            case (let inline?, nil):
                text = inline
            case (nil, let file?):
                let path = Paths.resolve(file, relativeTo: folder)
                try refuseInside(stateFolders, path: path, entry, "public_key_file")
                guard let contents = try? String(contentsOfFile: path, encoding: .utf8) else {
                    throw entry.error("public_key_file", .fileUnreadable, "cannot read \(path)")
                }
                text = contents
            case (nil, nil):
                throw entry.error("public_key", .missingKey, "give public_key or public_key_file")
            case (_?, _?):
                throw entry.error("public_key_file", .conflict, "give public_key or public_key_file, not both")
            }
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let raw = Data(base64Encoded: trimmed), raw.count == 32 else {
                throw entry.error(
                    "public_key",
                    "expected an Ed25519 public key: 32 bytes, base64 (organizer-sync keygen)"
                )
            }
            result.append(.init(name: name, publicKey: trimmed))
        }
        return result
    }

    /// Refuses a key file inside the state folders.
    private static func refuseInside(
        _ folders: [String],
        path: String,
        _ section: ConfigMapping,
        _ key: String
    ) throws(ConfigurationError) {
        let file = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        for folder in folders {
            let inside = URL(fileURLWithPath: folder).standardizedFileURL.resolvingSymlinksInPath().path
            if file.hasPrefix(inside.hasSuffix("/") ? inside : inside + "/") {
                throw section.error(
                    key,
                    "the key file \(path) is inside the state folder \(folder): whoever can write the state could "
                        + "replace it; keep keys elsewhere (for example /etc/organizer-sync/keys)"
                )
            }
        }
    }

    private static func isName(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 100
            && !text.contains(where: { $0.isNewline || $0.asciiValue.map { $0 < 32 } == true })
    }
}
