import Foundation

/// Id formats of each provider.
enum SimulatorIdentifiers {
    /// A new account id in the provider's format: GoTo 26-digit key, Zoom 22-character id, Webex base64 person id.
    static func accountId(for provider: SimulatorProvider, random: inout SimulatorRandom) -> String {
        switch provider {
        case .goto: random.digits(26)
        case .zoom: random.token(length: 22)
        case .webex: webexId(kind: "PEOPLE", uuid: random.uuid())
        }
    }

    /// A Webex id: base64 of `ciscospark://us/<KIND>/<uuid>` without padding.
    static func webexId(kind: String, uuid: String) -> String {
        Data("ciscospark://us/\(kind)/\(uuid)".utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
    }

    /// Admin roles in each provider's vocabulary.
    static func roles(for provider: SimulatorProvider, isAdmin: Bool) -> [String] {
        switch provider {
        case .goto: isAdmin ? ["SUPER_USER"] : []
        case .zoom: [isAdmin ? "0" : "2"]
        case .webex: isAdmin ? [webexFullAdminRole] : []
        }
    }

    /// The Webex role id of a full administrator.
    static let webexFullAdminRole = webexId(kind: "ROLE", uuid: "id_full_admin")

    /// Whether the account is the provider's owner or an admin (which Zoom refuses to deactivate or delete).
    static func isAdmin(_ account: SimulatedAccount, provider: SimulatorProvider) -> Bool {
        switch provider {
        case .zoom: account.roles.first == "0" || account.roles.first == "1"
        case .goto, .webex: !account.roles.isEmpty
        }
    }
}
