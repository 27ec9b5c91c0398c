/// Who started a run and why, beyond what the process itself knows (user, host, command): written into the
/// run's `run-start` audit record.
///
/// Every text here comes from the command line, a plan file or the operating system; the caller checks it (one
/// line, bounded length) before it gets here.
public struct RunAttribution: Sendable, Hashable {
    /// Why the run was started (`--reason TEXT`).
    public var reason: String?
    /// The change ticket the run belongs to (`--ticket ID`).
    public var ticket: String?
    /// The gates the operator overrode by name (`--override GATE`).
    public var overrides: [String]
    /// Who made the plan (`user@host`, from the sealed plan).
    public var planMaker: String?
    /// The scheduler the run runs under (`kind` and what identifies the job), when it could tell.
    public var scheduler: [String: String]?

    /// Makes an attribution; everything defaults to "not given".
    public init(
        reason: String? = nil,
        ticket: String? = nil,
        overrides: [String] = [],
        planMaker: String? = nil,
        scheduler: [String: String]? = nil
    ) {
        self.reason = reason
        self.ticket = ticket
        self.overrides = overrides
        self.planMaker = planMaker
        self.scheduler = scheduler
    }
}
