/// organizer-sync's version, as `--version` prints it and every plan and run-start record carries it.
public enum ToolVersion {
    /// The version.
    public static let current = "0.1.0"
}
