import NIOHTTP1
import ProviderClients

/// Passes requests on, adding `X-Organizer-Sync-Test: hostile` to each when asked, so that a recorder of
/// the simulator's exchanges can leave the deliberately hostile ones out of the contract check.
struct MarkingTransport: HTTPTransport {
    /// The header name and value that mark a hostile-mode exchange.
    static let header = (name: "X-Organizer-Sync-Test", value: "hostile")

    let base: any HTTPTransport
    let marksHostile: Bool

    init(_ base: any HTTPTransport, marksHostile: Bool) {
        self.base = base
        self.marksHostile = marksHostile
    }

    func send(_ request: TransportRequest, timeout: Duration) async throws -> TransportResponse {
        var request = request
        if marksHostile { request.headers.replaceOrAdd(name: Self.header.name, value: Self.header.value) }
        return try await base.send(request, timeout: timeout)
    }
}
