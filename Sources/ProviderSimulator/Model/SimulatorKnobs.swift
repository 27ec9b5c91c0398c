/// Knobs of all three providers plus the seed of the fault generator.
public struct SimulatorKnobs: PerProvider, Sendable, Codable, Equatable {
    /// GoTo's knobs.
    public var goto: ProviderKnobs
    /// Zoom's knobs.
    public var zoom: ProviderKnobs
    /// Webex's knobs (access tokens live 1,209,599 s, about 14 days, by default).
    public var webex: ProviderKnobs
    /// Seed of the random generator that draws faults and ids, so runs are reproducible.
    public var seed: UInt64
    /// Why the exchanges answered while these knobs are in force are deliberately out of contract (a hostile or
    /// broken answer a test asked for).
    ///
    /// Recorded with each exchange; the spec check skips and counts them.
    /// nil (the default): every exchange is judged.
    public var specCheckExemption: String?
    /// Answers no real provider should give (off by default).
    public var hostile = HostileKnobs()

    /// Creates knobs; the defaults inject nothing.
    public init(
        goto: ProviderKnobs = ProviderKnobs(),
        zoom: ProviderKnobs = ProviderKnobs(),
        webex: ProviderKnobs = ProviderKnobs(tokenLifetimeSeconds: 1_209_599),
        seed: UInt64 = 1,
        specCheckExemption: String? = nil
    ) {
        self.goto = goto
        self.zoom = zoom
        self.webex = webex
        self.seed = seed
        self.specCheckExemption = specCheckExemption
    }

    private enum CodingKeys: String, CodingKey { case goto, zoom, webex, seed, specCheckExemption, hostile }

    /// Decodes knobs; missing keys take the defaults.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = SimulatorKnobs()
        self.init(
            goto: try c.decodeIfPresent(ProviderKnobs.self, forKey: .goto) ?? d.goto,
            zoom: try c.decodeIfPresent(ProviderKnobs.self, forKey: .zoom) ?? d.zoom,
            webex: try c.decodeIfPresent(ProviderKnobs.self, forKey: .webex) ?? d.webex,
            seed: try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? d.seed,
            specCheckExemption: try c.decodeIfPresent(String.self, forKey: .specCheckExemption)
        )
        hostile = try c.decodeIfPresent(HostileKnobs.self, forKey: .hostile) ?? d.hostile
    }
}
