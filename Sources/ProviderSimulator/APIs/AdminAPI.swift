import Foundation
import Synchronization

/// The simulator's own endpoints under `/_admin`, never faulted or throttled.
///
/// - `GET /_admin/accounts?provider=zoom|webex|goto`: the provider's accounts as a JSON array of
///   ``SimulatedAccount``.
/// - `GET /_admin/requests`: the request log (``LoggedRequest``: method, path, query, status, provider, time,
///   fault). It holds no header and no body, so no secret.
/// - `GET /_admin/knobs`, `POST /_admin/knobs`: read or change the knobs; the posted JSON is merged into the
///   current knobs, so `{"zoom": {"errorRate": 0.1}}` changes just that.
/// - `POST /_admin/reset`: reseed from the starting seed, or from a ``SimulatorSeed`` in the body.
/// - `POST /_admin/tokens/expire`: make every issued access token expire now.
enum AdminAPI {
    static func handle(_ request: SimulatorRequest, store: SimulatorStore) -> SimulatorResponse {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            switch (request.method, request.path) {
            case ("GET", "/_admin/accounts"):
                guard let provider = request.query["provider"].flatMap(SimulatorProvider.init(rawValue:)) else {
                    return message(400, "provider must be one of goto, zoom, webex")
                }
                let accounts = store.state.withLock { $0.tables[provider]?.all() ?? [] }
                return raw(200, try encoder.encode(accounts))
            case ("GET", "/_admin/requests"):
                return raw(200, try encoder.encode(store.state.withLock { $0.log }))
            case ("GET", "/_admin/knobs"):
                return raw(200, try encoder.encode(store.state.withLock { $0.knobs }))
            case ("POST", "/_admin/knobs"):
                let current = try encoder.encode(store.state.withLock { $0.knobs })
                let merged = try merge(current, Data(request.body))
                let knobs = try JSONDecoder().decode(SimulatorKnobs.self, from: merged)
                store.state.withLock { state in
                    if state.knobs.seed != knobs.seed { state.random = SimulatorRandom(seed: knobs.seed) }
                    state.knobs = knobs
                }
                return raw(200, try encoder.encode(knobs))
            case ("POST", "/_admin/reset"):
                let seed =
                    request.body.isEmpty ? nil : try JSONDecoder().decode(SimulatorSeed.self, from: Data(request.body))
                store.state.withLock { $0.reset(seed: seed ?? $0.seed) }
                return message(200, "reset")
            case ("POST", "/_admin/tokens/expire"):
                store.state.withLock { $0.expireAllTokens(now: Date()) }
                return message(200, "expired")
            default:
                return message(404, "Unknown admin endpoint")
            }
        } catch {
            return message(400, "Invalid body: \(error)")
        }
    }

    private static func raw(_ status: Int, _ data: Data) -> SimulatorResponse {
        SimulatorResponse(status: status, headers: [("Content-Type", "application/json")], body: Array(data))
    }

    private static func message(_ status: Int, _ text: String) -> SimulatorResponse {
        .json(status, .object([("message", .string(text))]))
    }

    /// Deep-merges the JSON object `patch` into `base`.
    static func merge(_ base: Data, _ patch: Data) throws -> Data {
        guard var target = try JSONSerialization.jsonObject(with: base) as? [String: Any] else { return base }
        guard
            let changes = try JSONSerialization.jsonObject(with: patch.isEmpty ? Data("{}".utf8) : patch)
                as? [String: Any]
        else {
            throw CocoaError(.coderInvalidValue)
        }
        func apply(_ changes: [String: Any], to target: inout [String: Any]) {
            for (key, value) in changes {
                if let nested = value as? [String: Any], var inner = target[key] as? [String: Any] {
                    apply(nested, to: &inner)
                    target[key] = inner
                } else {
                    target[key] = value
                }
            }
        }
        apply(changes, to: &target)
        return try JSONSerialization.data(withJSONObject: target)
    }
}
