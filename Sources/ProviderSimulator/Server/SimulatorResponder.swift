import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// Turns HTTP requests into API calls on the store, applying the provider's knobs (throttling, latency, faults).
struct SimulatorResponder: HTTPResponder {
    typealias Context = SimulatorContext

    let store: SimulatorStore
    let baseURL: @Sendable () -> String

    func respond(to request: Request, context: SimulatorContext) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 32 << 20)
        let now = Date()
        let trackingId = store.state.withLock { "ROUTER_" + $0.random.uuid().uppercased() }
        let call = SimulatorRequest(
            method: request.method.rawValue,
            path: request.uri.path,
            queryString: request.uri.query,
            authorization: request.headers[.authorization],
            body: Array(buffer: body),
            trackingId: trackingId
        )
        var entry = LoggedRequest(
            method: call.method,
            path: call.path,
            query: Self.redacted(call.queryString),
            status: nil,
            provider: call.provider,
            time: now
        )
        if call.path == "/_admin" || call.path.hasPrefix("/_admin/") {
            let answer = AdminAPI.handle(call, store: store)
            entry.status = answer.status
            if call.path != "/_admin/requests" { store.state.withLock { $0.record(entry) } }
            return Self.response(answer, provider: nil, trackingId: trackingId)
        }
        let exchange = Exchange(call: call, headers: request.headers)
        guard let provider = call.provider else {
            entry.status = 404
            store.state.withLock { $0.record(entry) }
            let answer = SimulatorResponse.json(404, .object([("message", .string("Unknown path"))]))
            return record(exchange, answer, Self.response(answer, provider: nil, trackingId: trackingId), fault: nil)
        }
        let origin = baseURL()
        if let hostile = store.state.withLock({ HostileAnswers.answer(call, state: &$0, baseURL: origin) }) {
            // Marked, so that the contract check over recorded exchanges leaves the deliberate ones out.
            entry.fault = "hostile-" + (hostile.headers.first { $0.0 == HostileAnswers.header }?.1 ?? "")
            return finish(hostile, entry, provider, trackingId, exchange)
        }
        let category = ZoomAPI.rateLimitCategory(call)
        let plan = store.state.withLock {
            $0.planFaults(provider: provider, trackingId: trackingId, now: now, category: category)
        }
        entry.fault = plan.name
        var latency = plan.latencyMilliseconds
        if call.isListing { latency += max(0, store.state.withLock { $0.knobs[provider].listLatencyMilliseconds }) }
        if latency > 0 { try await Task.sleep(for: .milliseconds(latency)) }
        if let rejection = plan.rejection { return finish(rejection, entry, provider, trackingId, exchange) }
        if let kind = plan.kind, !plan.isAfter {
            return try await inject(kind, entry: entry, provider: provider, exchange: exchange, context: context)
        }
        let base = baseURL()
        var answer = store.state.withLock { state in
            switch provider {
            case .goto: GoToAPI.handle(call, state: &state, now: now)
            case .zoom:
                call.segments.first == "oauth" && call.segments.count == 2 && call.segments[1] == "token"
                    ? TokenEndpoints.zoom(call, state: &state, now: now)
                    : ZoomAPI.handle(call, state: &state, now: now)
            case .webex: WebexAPI.handle(call, state: &state, now: now, baseURL: base)
            }
        }
        if let kind = plan.kind {
            return try await inject(kind, entry: entry, provider: provider, exchange: exchange, context: context)
        }
        answer.headers += plan.headers
        return finish(answer, entry, provider, trackingId, exchange)
    }

    /// A request with its headers, as the exchange recorder writes it.
    struct Exchange {
        var call: SimulatorRequest
        var headers: HTTPFields
    }

    private func finish(
        _ answer: SimulatorResponse,
        _ entry: LoggedRequest,
        _ provider: SimulatorProvider,
        _ trackingId: String,
        _ exchange: Exchange
    ) -> Response {
        var entry = entry
        entry.status = answer.status
        store.state.withLock { $0.record(entry) }
        return record(
            exchange,
            answer,
            Self.response(answer, provider: provider, trackingId: trackingId),
            fault: entry.fault
        )
    }

    /// Hands the exchange to the recorder, if one is on; returns `response`.
    private func record(
        _ exchange: Exchange,
        _ answer: SimulatorResponse?,
        _ response: Response?,
        fault: String?
    ) -> Response {
        guard let recorder = store.recorder else { return response ?? Response(status: .ok) }
        let exemption =
            store.state.withLock { $0.knobs.specCheckExemption }
            ?? (fault?.hasPrefix("hostile-") == true ? "a hostile answer a test asked for (hostile knobs)" : nil)
        recorder.record(
            exchange.call,
            headers: exchange.headers,
            answer: answer,
            responseHeaders: response?.headers ?? [:],
            fault: fault,
            exemption: exemption
        )
        return response ?? Response(status: .ok)
    }

    /// Breaks the answer: a 5xx, a closed connection, or no answer until the client gives up.
    private func inject(
        _ kind: FaultPlan.Kind,
        entry: LoggedRequest,
        provider: SimulatorProvider,
        exchange: Exchange,
        context: SimulatorContext
    ) async throws -> Response {
        let trackingId = exchange.call.trackingId
        switch kind {
        case .error(let status):
            let answer = ProviderErrors.serverError(status, provider: provider, trackingId: trackingId)
            return finish(answer, entry, provider, trackingId, exchange)
        case .drop:
            store.state.withLock { $0.record(entry) }
            _ = record(exchange, nil, nil, fault: entry.fault)
            try? await context.channel.close()
            throw CancellationError()
        case .hang:
            store.state.withLock { $0.record(entry) }
            _ = record(exchange, nil, nil, fault: entry.fault)
            let deadline = ContinuousClock.now + .seconds(600)
            while context.channel.isActive, !store.isStopping, ContinuousClock.now < deadline {
                try? await Task.sleep(for: .milliseconds(50))
                if Task.isCancelled { break }
            }
            try? await context.channel.close()
            throw CancellationError()
        }
    }

    static let secretParameters: Set<String> = [
        "refresh_token", "pat", "client_secret", "clientSecret", "code", "access_token", "password",
    ]

    /// The query with secret-bearing parameters (a Zoom refresh token may come in the query) blanked out.
    static func redacted(_ query: String?) -> String? {
        guard let query else { return nil }
        return query.split(separator: "&", omittingEmptySubsequences: false).map { pair in
            let name = pair.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
            return secretParameters.contains(name) ? "\(name)=REDACTED" : String(pair)
        }.joined(separator: "&")
    }

    static func response(_ answer: SimulatorResponse, provider: SimulatorProvider?, trackingId: String?) -> Response {
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let field = HTTPField.Name(name) { fields.append(HTTPField(name: field, value: value)) }
        }
        if provider == .webex, let id = trackingId, let name = HTTPField.Name("TrackingID") {
            fields.append(HTTPField(name: name, value: id))
        }
        return Response(
            status: HTTPResponse.Status(code: answer.status),
            headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body))
        )
    }
}
