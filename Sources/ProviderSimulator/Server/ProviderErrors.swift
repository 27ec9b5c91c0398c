/// Each provider's error body, as its documentation shows it.
enum ProviderErrors {
    /// Zoom: `{"code": 1001, "message": "…"}`, validation failures add `errors: [{field, message}]`.
    static func zoom(_ status: Int, code: Int, _ message: String, fields: [String] = []) -> SimulatorResponse {
        var members: [(String, JSON)] = [("code", .int(code)), ("message", .string(message))]
        if !fields.isEmpty {
            members.append(
                (
                    "errors",
                    .array(fields.map { .object([("field", .string($0)), ("message", .string("Invalid field."))]) })
                )
            )
        }
        return .json(status, .object(members))
    }

    /// Webex: `{"message", "errors": [{"description"}], "trackingId"}` (the `TrackingID` header is added for
    /// every Webex answer by the responder).
    static func webex(_ status: Int, _ message: String, trackingId: String) -> SimulatorResponse {
        .json(
            status,
            .object([
                ("message", .string(message)),
                ("errors", .array([.object([("description", .string(message))])])),
                ("trackingId", .string(trackingId)),
            ])
        )
    }

    /// GoTo Admin API: `{"incidentId", "errors": [{"code", "value"}]}` (codes such as `user.not.found`).
    static func goto(_ status: Int, code: String, value: String, incidentId: String) -> SimulatorResponse {
        .json(
            status,
            .object([
                ("incidentId", .string(incidentId)),
                ("errors", .array([.object([("code", .string(code)), ("value", .string(value))])])),
            ])
        )
    }

    /// OAuth token-endpoint error (`{"error", "error_description"}`; Zoom says `reason`).
    static func oauth(
        _ status: Int,
        provider: SimulatorProvider,
        error: String,
        _ description: String
    ) -> SimulatorResponse {
        let key = provider == .zoom ? "reason" : "error_description"
        return .json(status, .object([(key, .string(description)), ("error", .string(error))]))
    }

    /// An injected server error (500, 502 or 503) in the provider's format.
    static func serverError(_ status: Int, provider: SimulatorProvider, trackingId: String) -> SimulatorResponse {
        let message = status == 500 ? "Internal Server Error" : status == 502 ? "Bad Gateway" : "Service Unavailable"
        return switch provider {
        case .zoom: zoom(status, code: status, message)
        case .webex: webex(status, message, trackingId: trackingId)
        case .goto: goto(status, code: "internal.error", value: message, incidentId: trackingId)
        }
    }

    /// A 401 for a missing, unknown or expired token.
    static func unauthorized(provider: SimulatorProvider, expired: Bool, trackingId: String) -> SimulatorResponse {
        switch provider {
        case .zoom:
            return zoom(401, code: 124, expired ? "Access token is expired." : "Invalid access token.")
        case .webex:
            return webex(
                401,
                "The request requires a valid access token set in the Authorization request header.",
                trackingId: trackingId
            )
        case .goto:
            return goto(
                401,
                code: expired ? "token.expired" : "invalid.token",
                value: "Unauthorized",
                incidentId: trackingId
            )
        }
    }

    /// A refusal for a token that lacks the scope an endpoint needs.
    static func missingScope(provider: SimulatorProvider, scope: String, trackingId: String) -> SimulatorResponse {
        switch provider {
        case .zoom: zoom(400, code: 4711, "Invalid access token, does not contain scopes:[\(scope)].")
        case .webex: webex(403, "Authorization failed: the token lacks the scope \(scope).", trackingId: trackingId)
        case .goto: goto(403, code: "forbidden", value: "Missing scope \(scope)", incidentId: trackingId)
        }
    }
}
