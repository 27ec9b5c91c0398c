import CLDAP
import Foundation
import OrganizerSyncCore

extension LDAPConnection {
    /// Turns a libldap result code into an ``LDAPError`` with a plain-language message.
    ///
    /// libldap reports a TLS failure as `LDAP_CONNECT_ERROR` (-11) after StartTLS or
    /// `LDAP_SERVER_DOWN` (-1) on ldaps, with no reason in the diagnostic message; ``TLSDiagnostics``
    /// recovers the reason from libldap's log (a host name mismatch is named there; a failed chain
    /// verification only shows as "can't connect").
    ///
    /// The error names the step that failed, which is not always the call that reported it: a refused connection
    /// shows up in `ldap_start_tls_s` or `ldap_sasl_bind_s` (the first call that opens the socket), and a failed
    /// ldaps handshake in the bind. So connect failures are named "connect", TLS failures "TLS handshake" or
    /// "TLS certificate check", and only what the server said about the credentials "bind".
    func error(_ rc: Int32, operation: String) -> LDAPError {
        let tlsReason = TLSDiagnostics.take()
        let diagnostic = [diagnosticMessage(), tlsReason].compactMap { $0 }.joined(separator: "; ")
        let text = LDAPConnection.text(for: rc)
        let lowered = tlsReason?.lowercased() ?? ""
        let usesTLS = settings.tlsMode != .none
        func make(_ code: LDAPError.Code, step: String = operation, _ message: String) -> LDAPError {
            LDAPError(
                code,
                operation: step,
                message: message,
                resultCode: rc,
                resultText: text,
                diagnostic: diagnostic.isEmpty ? nil : diagnostic,
                server: serverDescription
            )
        }
        let opensConnection = ["bind", "starttls"].contains(operation)
        switch rc {
        case LDAP_CONNECT_ERROR where usesTLS && (tlsReason != nil || operation == "starttls"),
            LDAP_SERVER_DOWN where usesTLS && tlsReason != nil:
            if lowered.contains("hostname") || lowered.contains("does not match") {
                return make(
                    .tlsHostnameMismatch,
                    step: "TLS certificate check",
                    "the server's certificate does not name the host in \(hostDescription): "
                        + "set directory.url to a host name the certificate lists"
                )
            }
            if settings.verifyCertificate {
                let store = settings.caFile.map { "the CA file \($0)" } ?? "the system CA store"
                return make(
                    .tlsCertificateUntrusted,
                    step: "TLS certificate check",
                    "the server's certificate is not trusted by \(store): set directory.tls.ca_file to the CA "
                        + "that signed the server's certificate"
                )
            }
            return make(
                .tlsFailed,
                step: "TLS handshake",
                "the TLS handshake with \(hostDescription) failed: check that the port speaks "
                    + (settings.tlsMode == .ldaps ? "TLS from the first byte (ldaps, usually 636)" : "StartTLS")
            )
        case LDAP_SERVER_DOWN where opensConnection, LDAP_CONNECT_ERROR where opensConnection || !usesTLS:
            return make(
                .connectFailed,
                step: "connect",
                "cannot reach the LDAP server at \(hostDescription) (refused, unreachable or timed out): check "
                    + "directory.url, the port, the firewall and that the server is running"
            )
        case LDAP_SERVER_DOWN:
            return make(.serverDown, "the connection to \(hostDescription) was lost; nothing was read; run again")
        case LDAP_CONNECT_ERROR:
            return make(
                .connectFailed,
                step: "connect",
                "cannot connect to the LDAP server at \(hostDescription): check directory.url and the server"
            )
        case LDAP_TIMEOUT, LDAP_TIMELIMIT_EXCEEDED:
            return make(
                .timeout,
                "the server did not answer within the configured timeout: check the server's load, or raise "
                    + "directory.timeouts.operation_seconds"
            )
        case LDAP_INVALID_CREDENTIALS:
            return make(
                .invalidCredentials,
                step: "bind",
                ActiveDirectoryBindCode.explain(diagnostic)
                    + ": check directory.bind.dn and the secret its password_env or password_file names"
            )
        case LDAP_CONFIDENTIALITY_REQUIRED, LDAP_STRONG_AUTH_REQUIRED:
            return make(
                .confidentialityRequired,
                "this server requires TLS: use ldaps:// or StartTLS (an ldaps:// directory.url, or "
                    + "directory.tls.mode: starttls)"
            )
        case LDAP_SIZELIMIT_EXCEEDED:
            return make(
                .sizeLimitExceeded,
                "the server stopped the search at its size limit, so the result would be incomplete; "
                    + "allow paged reads past the limit for the bind identity (OpenLDAP: size.prtotal, "
                    + "AD: MaxPageSize)"
            )
        case LDAP_FILTER_ERROR:
            return make(
                .badFilter,
                "the search filter is not valid LDAP filter syntax (RFC 4515): check the users and groups filters "
                    + "of the directory section and its preset"
            )
        case LDAP_UNAVAILABLE_CRITICAL_EXTENSION:
            return make(.pagingUnsupported, "the server does not support paged results (RFC 2696)")
        case LDAP_NO_SUCH_OBJECT:
            return make(
                .searchFailed,
                "the search base does not exist: check directory.users.base and directory.groups.base"
            )
        default:
            if operation == "bind" {
                return make(.bindFailed, "the server refused the bind: check directory.bind and the server's log")
            }
            return make(.searchFailed, "the server answered with an error: the server's log has the reason")
        }
    }

    /// The URL's scheme, host and port, for messages (never the base DN a URL may carry, nor a credential).
    var serverDescription: String {
        guard let range = settings.url.range(of: "://") else { return settings.url }
        return String(settings.url[..<range.upperBound]) + hostDescription
    }

    /// The host and port part of the URL, for messages (never a DN or credential).
    var hostDescription: String {
        guard let range = settings.url.range(of: "://") else { return settings.url }
        let rest = settings.url[range.upperBound...]
        return String(rest.prefix { $0 != "/" })
    }
}

/// Active Directory explains a failed bind with a `data NNN` code in the diagnostic message
/// ("80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data 52e, v4563").
enum ActiveDirectoryBindCode {
    static let meanings: [String: String] = [
        "525": "the bind user does not exist",
        "52e": "the bind DN or password is wrong",
        "530": "the bind account may not log on at this time",
        "531": "the bind account may not log on from this workstation",
        "532": "the bind account's password has expired",
        "533": "the bind account is disabled",
        "701": "the bind account has expired",
        "773": "the bind account must change its password before it can bind",
        "775": "the bind account is locked out",
    ]

    /// A plain-language reason for an invalid-credentials result.
    static func explain(_ diagnostic: String?) -> String {
        guard let diagnostic, let range = diagnostic.range(of: "data ") else {
            return "the bind DN or password is wrong"
        }
        let code = diagnostic[range.upperBound...].prefix { $0.isHexDigit }.lowercased()
        return meanings[code] ?? "the server refused the bind credentials (Active Directory data \(code))"
    }
}
