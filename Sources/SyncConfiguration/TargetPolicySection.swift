/// Decodes a target's `mapping:` and `policy:` keys.
///
/// ```yaml
/// targets:
///   - name: zoom-prod
///     mapping: mappings/zoom.yaml        # relative to this file; or a preset name such as zoom
///     policy:
///       protected_emails: ["*@ops.example.com"]
///       protect_admins: true
///       unmanaged: leave                 # leave | suspend | delete
///       deprovision: { suspend_then_delete_after_days: 30 }   # or suspend | delete
///       pending_invitations: keep        # keep | withdraw: a leaver's invitation never accepted (Zoom)
///       max_creates: { count: 500 }
///       max_suspends: { count: 50, share: 0.05 }
///       max_deletes: { count: 10, share: 0.01 }
///       guards: { block_on_empty_directory: true, min_in_scope_share: 0.5 }
/// ```
enum TargetPolicySection {
    static var keys: [String] { ConfigurationShape.policy.names }

    /// The `mapping:` key: a file (a value with `/` or a `.yaml`/`.yml` suffix) or a provider preset name.
    static func mapping(
        _ entry: ConfigMapping,
        relativeTo folder: String
    ) throws(ConfigurationError)
        -> TargetConfiguration.MappingReference?
    {
        guard let text = try entry.string("mapping") else { return nil }
        guard !text.isEmpty else { throw entry.error("mapping", .missingKey, "expected a file or a preset name") }
        if text.contains("/") || text.hasSuffix(".yaml") || text.hasSuffix(".yml") {
            let path = Paths.resolve(text, relativeTo: folder)
            guard Paths.isReadableFile(path) else {
                throw entry.error("mapping", .fileUnreadable, "the mapping file \(path) does not exist")
            }
            return .file(path)
        }
        guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_".contains($0)) }) else {
            throw entry.error("mapping", "expected a mapping file (mappings/zoom.yaml) or a preset name (zoom)")
        }
        return .preset(text)
    }

    /// The `policy:` key; absent means every default.
    static func policy(_ entry: ConfigMapping) throws(ConfigurationError) -> TargetConfiguration.Policy {
        guard let policy = try entry.mapping("policy", allowedKeys: keys) else { return .init() }
        var result = TargetConfiguration.Policy()
        if let patterns = try policy.strings("protected_emails") {
            guard !patterns.contains(where: \.isEmpty) else {
                throw policy.error("protected_emails", "expected email patterns such as *@ops.example.com")
            }
            result.protectedEmails = patterns
        }
        result.protectsAdministrators = try policy.bool("protect_admins") ?? true
        result.protectedRoles = try policy.strings("protected_roles")
        result.unmanaged = try policy.choice("unmanaged", as: TargetConfiguration.Policy.Unmanaged.self) ?? .leave
        result.deprovisioning = try deprovisioning(policy)
        result.pendingInvitations =
            try policy.choice("pending_invitations", as: TargetConfiguration.Policy.PendingInvitations.self) ?? .keep
        result.maxCreates = try threshold(policy, "max_creates")
        result.maxSuspends = try threshold(policy, "max_suspends")
        result.maxDeletes = try threshold(policy, "max_deletes")
        if let guards = try policy.mapping("guards", shape: ConfigurationShape.policy["guards"]) {
            result.blocksEmptyDirectory = try guards.bool("block_on_empty_directory")
            result.minimumInScopeShare = try guards.double("min_in_scope_share", in: 0...1)
        }
        return result
    }

    /// `deprovision: suspend | delete | {suspend_then_delete_after_days: N}`.
    private static func deprovisioning(
        _ policy: ConfigMapping
    ) throws(ConfigurationError)
        -> TargetConfiguration.Policy.Deprovisioning
    {
        guard let node = policy.value("deprovision") else { return .suspend }
        if case .mapping = node.value {
            let days = try ConfigMapping(
                node,
                path: policy.keyPath("deprovision"),
                shape: ConfigurationShape.policy["deprovision"]
            )
            guard let count = try days.int("suspend_then_delete_after_days", in: 0...3650) else {
                throw days.error("suspend_then_delete_after_days", .missingKey, "is required")
            }
            return .suspendThenDelete(afterDays: count)
        }
        switch try policy.string("deprovision")?.lowercased() {
        case "suspend": return .suspend
        case "delete": return .delete
        default:
            throw policy.error(
                "deprovision",
                "expected suspend, delete or {suspend_then_delete_after_days: N}"
            )
        }
    }

    /// `{count: N, share: 0.05}`, at least one of them.
    private static func threshold(
        _ policy: ConfigMapping,
        _ key: String
    ) throws(ConfigurationError)
        -> TargetConfiguration.Policy.Threshold?
    {
        guard let limit = try policy.mapping(key, shape: ConfigurationShape.threshold) else { return nil }
        let threshold = TargetConfiguration.Policy.Threshold(
            count: try limit.int("count", in: 0...Int.max),
            share: try limit.double("share", in: 0...1)
        )
        guard threshold.count != nil || threshold.share != nil else {
            throw policy.error(key, .missingKey, "give count, share or both")
        }
        return threshold
    }
}
