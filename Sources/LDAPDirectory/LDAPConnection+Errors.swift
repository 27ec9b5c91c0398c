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
    func error(_ rc: Int32, operation: String) -> LDAPError {
        let tlsReason = TLSDiagnostics.take()
        let diagnostic = [diagnosticMessage(), tlsReason].compactMap { $0 }.joined(separator: "; ")
        let text = LDAPConnection.text(for: rc)
        let lowered = tlsReason?.lowercased() ?? ""
        let usesTLS = settings.tlsMode != .none
        func make(_ code: LDAPError.Code, _ message: String) -> LDAPError {
            LDAPError(
                code,
                operation: operation,
                message: message,
                resultCode: rc,
                resultText: text,
                diagnostic: diagnostic.isEmpty ? nil : diagnostic
            )
        }
        switch rc {
        case LDAP_CONNECT_ERROR where usesTLS, LDAP_SERVER_DOWN where usesTLS && tlsReason != nil:
            if lowered.contains("hostname") || lowered.contains("does not match") {
                return make(
                    .tlsHostnameMismatch,
                    "the server's certificate does not name the host in \(hostDescription): "
                        + "connect with a host name the certificate lists"
                )
            }
            if settings.verifyCertificate {
                return make(
                    .tlsCertificateUntrusted,
                    "the server's certificate is not trusted by "
                        + (settings.caFile.map { "the CA file \($0)" } ?? "the system CA store")
                        + " (TLS handshake with \(hostDescription) failed)"
                )
            }
            return make(.tlsFailed, "the TLS handshake with \(hostDescription) failed")
        case LDAP_SERVER_DOWN where operation == "bind" || operation == "starttls":
            return make(.connectFailed, "cannot reach the LDAP server at \(hostDescription)")
        case LDAP_SERVER_DOWN:
            return make(.serverDown, "the connection to \(hostDescription) was lost; nothing was read")
        case LDAP_CONNECT_ERROR:
            return make(.connectFailed, "cannot connect to the LDAP server at \(hostDescription)")
        case LDAP_TIMEOUT, LDAP_TIMELIMIT_EXCEEDED:
            return make(.timeout, "the server did not answer within the configured timeout")
        case LDAP_INVALID_CREDENTIALS:
            return make(.invalidCredentials, ActiveDirectoryBindCode.explain(diagnostic))
        case LDAP_CONFIDENTIALITY_REQUIRED, LDAP_STRONG_AUTH_REQUIRED:
            return make(.confidentialityRequired, "this server requires TLS: use ldaps:// or StartTLS")
        case LDAP_SIZELIMIT_EXCEEDED:
            return make(
                .sizeLimitExceeded,
                "the server stopped the search at its size limit, so the result would be incomplete; "
                    + "allow paged reads past the limit for the bind identity (OpenLDAP: size.prtotal, "
                    + "AD: MaxPageSize)"
            )
        case LDAP_FILTER_ERROR:
            return make(.badFilter, "the search filter is not valid LDAP filter syntax (RFC 4515)")
        case LDAP_UNAVAILABLE_CRITICAL_EXTENSION:
            return make(.pagingUnsupported, "the server does not support paged results (RFC 2696)")
        case LDAP_NO_SUCH_OBJECT:
            return make(.searchFailed, "the search base does not exist")
        default:
            if operation == "bind" {
                return make(.bindFailed, "the server refused the bind")
            }
            return make(.searchFailed, "the server answered with an error")
        }
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
