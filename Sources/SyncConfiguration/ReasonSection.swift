/// Decodes `apply.require_reason`: whether an interactive `apply` (or a `reconcile` started from a terminal) must
/// say why with `--reason`.
///
/// ```yaml
/// apply:
///   require_reason: true   # refuse (exit 64, nothing changed) an interactive apply without --reason
/// ```
enum ReasonSection {
    static func decode(_ root: ConfigMapping) throws(ConfigurationError) -> Bool {
        guard let apply = root.value("apply") else { return false }
        let section = try ConfigMapping(apply, path: "apply", shape: ConfigurationShape.apply)
        return try section.bool("require_reason") ?? false
    }
}
