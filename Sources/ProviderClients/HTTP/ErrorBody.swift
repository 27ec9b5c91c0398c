import Foundation
import NIOHTTP1
import OrganizerSyncCore

/// The provider-specific parts of an error answer: its code, tracking id and message.
struct ErrorBody: Sendable {
    var providerCode: String?
    var trackingID: String?
    var message: String?

    /// Reads an error answer in the provider's own shape; a body that is not JSON (GoTo sends HTML from
    /// its gateway at times) yields only its first characters as the message.
    static func parse(_ response: TransportResponse, provider: ProviderKind) -> ErrorBody {
        let raw = try? JSONDecoder().decode(RawError.self, from: Data(response.body))
        var result = ErrorBody()
        switch provider {
        case .goto:
            // Admin API: {"incidentId", "errors":[{"code","value"}]}; G2W-style: {"errorCode","description",
            // "incident"}; legacy G2M: {"int_err_code","msg"}.
            result.providerCode = raw?.errors?.first?.code?.value ?? raw?.errorCode?.value ?? raw?.intErrCode?.value
            result.trackingID = raw?.incidentId?.value ?? raw?.incident?.value
            result.message = raw?.description ?? raw?.msg ?? raw?.message ?? raw?.errors?.first?.value?.value
        case .zoom:
            // {"code": 1001, "message", "errors":[{"field","message"}]}; tracking id only as a header.
            result.providerCode = raw?.code?.value
            result.trackingID = response.headers.first(name: "x-zm-trackingid")
            result.message = raw?.message
        case .webex:
            // {"message", "errors":[{"description","errorCode"?}], "trackingId"}; also the TrackingID header.
            result.providerCode = raw?.errors?.first?.errorCode?.value
            result.trackingID = raw?.trackingId ?? response.headers.first(name: "TrackingID")
            result.message = raw?.message ?? raw?.errors?.first?.description
        }
        // OAuth token endpoints: {"error": "invalid_grant", ...}.
        if result.providerCode == nil { result.providerCode = raw?.error }
        if raw == nil, !response.body.isEmpty {
            result.message = String(decoding: response.body.prefix(200), as: UTF8.self)
        }
        return result
    }

    /// Every field any of the three providers uses in an error; all optional, unknown ones ignored.
    private struct RawError: Decodable {
        struct Item: Decodable {
            var code: FlexibleString?
            var value: FlexibleString?
            var description: String?
            var errorCode: FlexibleString?
        }

        var code: FlexibleString?
        var message: String?
        var errors: [Item]?
        var incidentId: FlexibleString?
        var incident: FlexibleString?
        var errorCode: FlexibleString?
        var description: String?
        var intErrCode: FlexibleString?
        var msg: String?
        var trackingId: String?
        var error: String?

        enum CodingKeys: String, CodingKey {
            case error, code, message, errors, incidentId, incident, errorCode, description, msg, trackingId
            case intErrCode = "int_err_code"
        }
    }
}
