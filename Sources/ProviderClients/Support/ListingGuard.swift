import OrganizerSyncCore

/// Keeps one paged listing honest: it ends, within its deadline, with every account the provider said it
/// has, or it throws ``ProviderError/Code/incompleteListing``.
///
/// Never a partial list.
///
/// The listing loops call ``beginPage()`` before each request, ``follow(_:)`` with each next-page token or
/// URL, ``observe(total:itemsOnPage:newItems:requestedPageSize:)`` after each page, and ``finish(count:)``
/// at the end.
struct ListingGuard {
    let provider: ProviderKind
    let operation: String
    let limits: ProviderConfiguration.ListingLimits
    let clock: ProviderClock
    /// When the listing started (shared by the three Zoom status listings).
    let started: Duration
    /// Pages requested so far.
    private(set) var pages = 0
    /// The page limit: ``ProviderConfiguration/ListingLimits/maxPages``, lowered once a total is known.
    private(set) var pageLimit: Int
    /// The newest total the provider reported.
    private(set) var reportedTotal: Int?
    /// Every token or URL followed: a cycle of any length repeats one of them.
    private var followed: Set<String> = []
    /// Whether a signal asked the run to stop (``ProviderConfiguration/stopRequested``).
    let stopRequested: (@Sendable () -> Bool)?

    init(
        provider: ProviderKind,
        operation: String,
        limits: ProviderConfiguration.ListingLimits,
        clock: ProviderClock,
        started: Duration? = nil,
        stopRequested: (@Sendable () -> Bool)? = nil
    ) {
        self.provider = provider
        self.operation = operation
        self.limits = limits
        self.clock = clock
        self.started = started ?? clock.now()
        self.pageLimit = limits.maxPages
        self.stopRequested = stopRequested
    }

    /// Checks, before a page is requested, that the listing was not cancelled (SIGINT, SIGTERM), that its
    /// deadline has not passed and that one more page is allowed.
    mutating func beginPage() throws {
        try Task.checkCancellation()
        if stopRequested?() == true {
            throw failure(.incompleteListing, "stopped by a signal (SIGINT or SIGTERM) after \(pages) pages")
        }
        let elapsed = clock.now() - started
        if elapsed > limits.deadline {
            throw failure(
                .timedOut,
                "listing deadline of \(limits.deadline.wholeSeconds) s passed after \(pages) pages"
            )
        }
        if pages >= pageLimit {
            let why =
                pageLimit < limits.maxPages
                ? "more pages than the reported total of \(reportedTotal ?? 0) allows (\(pageLimit))"
                : "more than the page cap of \(limits.maxPages) pages"
            throw failure(.incompleteListing, why)
        }
        pages += 1
    }

    /// Records the token or URL of the next page.
    /// - Throws: `incompleteListing` when it was followed before (a loop of any length).
    mutating func follow(_ cursor: String, kind: String) throws {
        guard followed.insert(cursor).inserted else {
            throw failure(.incompleteListing, "\(kind) repeated after \(pages) pages")
        }
    }

    /// Forgets the followed cursors (a Zoom listing restarted after its page token expired); the page count
    /// and deadline keep running.
    mutating func restart() { followed.removeAll() }

    /// Records what a page said.
    /// - Parameters:
    ///   - total: the total the provider reported, if any.
    ///   - itemsOnPage: how many items the page held.
    ///   - newItems: how many of them were not seen before.
    ///   - requestedPageSize: the page size asked for.
    ///   - hasNext: whether the provider points to another page.
    /// - Throws: `incompleteListing` for a page that points further but brought nothing new.
    mutating func observe(total: Int?, itemsOnPage: Int, newItems: Int, requestedPageSize: Int, hasNext: Bool) throws {
        if let total {
            guard total >= 0 else { throw failure(.invalidResponse, "negative total \(total)") }
            reportedTotal = total
            if pages == 1, itemsOnPage > 0 {
                // The provider may serve fewer per page than asked: derive from what it served.
                let perPage = max(1, min(itemsOnPage, requestedPageSize))
                let needed = total / perPage + (total % perPage == 0 ? 0 : 1)
                let slack = 2 + min(needed, limits.maxPages) / 10
                pageLimit = min(limits.maxPages, needed > limits.maxPages ? limits.maxPages : needed + slack)
            }
        }
        if hasNext, newItems == 0 {
            throw failure(.incompleteListing, "page \(pages) brought no new accounts but pointed to another")
        }
    }

    /// Checks the final count against the reported total.
    /// - Throws: `incompleteListing` when fewer accounts came than the provider said it has.
    func finish(count: Int) throws {
        if let reportedTotal, count < reportedTotal {
            throw failure(
                .incompleteListing,
                "listing ended with \(count) accounts, short of the reported total \(reportedTotal)"
            )
        }
    }

    /// The error for a refused listing.
    func failure(_ code: ProviderError.Code, _ reason: String, field: String? = nil) -> ProviderError {
        ProviderError(code, provider: provider, operation: operation, field: field, reason: reason)
    }
}

extension ClientCore {
    /// A guard for one listing of this target, with its limits, clock and stop flag.
    func listingGuard(_ operation: String, started: Duration? = nil) -> ListingGuard {
        ListingGuard(
            provider: provider,
            operation: operation,
            limits: configuration.listing,
            clock: http.clock,
            started: started,
            stopRequested: configuration.stopRequested
        )
    }
}

extension Duration {
    /// Whole seconds, for messages.
    var wholeSeconds: Int64 { components.seconds }
}
