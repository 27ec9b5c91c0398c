import Foundation
import OrganizerSyncCore
import ProviderClients
import ProviderSimulator

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The provider configuration of one simulated provider, with the simulator's demo credentials (which
/// generated seeds share).
///
/// The credentials go into this process's environment (`ORGANIZER_SYNC_BENCH_*`) and are passed to the
/// client as references, as a real configuration would.
enum BenchTarget {
    static func configuration(
        _ kind: ProviderKind,
        simulatorURL: String,
        rateLimit: ProviderConfiguration.RateLimit? = nil,
        pageSize: Int? = nil
    ) -> ProviderConfiguration {
        let seed = SimulatorSeed.demo[SimulatorProvider(kind)]
        func reference(_ what: String, _ value: String) -> SecretReference {
            let name = "ORGANIZER_SYNC_BENCH_\(kind.rawValue.uppercased())_\(what)"
            setenv(name, value, 1)
            return .environment(name)
        }
        let id = reference("CLIENT_ID", seed.clientId)
        let secret = reference("CLIENT_SECRET", seed.clientSecret)
        let credentials: ProviderCredentials =
            switch kind {
            case .goto:
                .gotoPersonalAccessToken(
                    clientID: id,
                    clientSecret: secret,
                    personalAccessToken: reference("PAT", seed.personalAccessTokens[0])
                )
            case .zoom: .zoomServerToServer(accountID: seed.accountId, clientID: id, clientSecret: secret)
            case .webex:
                .webexRefreshToken(
                    clientID: id,
                    clientSecret: secret,
                    refreshToken: reference("RT", seed.refreshTokens[0])
                )
            }
        let base = simulatorURL + "/" + kind.rawValue
        return ProviderConfiguration(
            targetName: "\(kind)-bench",
            kind: kind,
            credentials: credentials,
            apiBaseURL: base,
            authBaseURL: base,
            rateLimit: rateLimit,
            pageSize: pageSize,
            // `action=create` leaves a Zoom user pending until the invitation is accepted, and a pending
            // user cannot be deactivated (400 code 300): the change cycle needs active users, as an SSO
            // tenant creates them.
            zoomCreateAction: "ssoCreate",
            // The simulator listens on loopback over plain HTTP.
            allowInsecureHTTP: true
        )
    }
}
