extension ProviderConfiguration {
    /// Bounds on one listing of a target's accounts, so that no answer can make a listing run forever or
    /// grow without end.
    ///
    /// Each listing also derives a tighter page limit from the total the provider reports (GoTo `total`,
    /// Zoom `total_records`), plus slack; Webex reports no total, so there only ``maxPages`` applies.
    public struct ListingLimits: Sendable, Hashable {
        /// The most pages one listing (one Zoom status) may take, whatever the provider says.
        ///
        /// Default
        /// 5,000: 1,500,000 Zoom users at 300 a page, 5,000,000 GoTo or Webex users at 1,000.
        public var maxPages: Int
        /// The longest one whole listing may take, retries and throttling included.
        ///
        /// Default 30 minutes.
        public var deadline: Duration

        /// Creates limits.
        public init(maxPages: Int = 5_000, deadline: Duration = .seconds(1_800)) {
            self.maxPages = max(1, maxPages)
            self.deadline = deadline
        }
    }
}
