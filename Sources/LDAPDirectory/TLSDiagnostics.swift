import CLDAP
import Foundation
import Synchronization

/// Why a TLS handshake failed.
///
/// libldap reports every TLS failure as "Connect error" (-11) or "Can't contact LDAP server" (-1)
/// with the diagnostic "(unknown error code)"; the real reason ("TLS: hostname (x) does not match
/// common name in certificate", "TLS: peer cert untrusted or revoked (0x42)") is only written to its
/// debug log. A log printer installed once keeps the "TLS:" line per thread, so the error can say
/// which check failed.
enum TLSDiagnostics {
    /// The last TLS line logged, by thread.
    ///
    /// Written by libldap's log printer on the thread doing the
    /// handshake, read and cleared by that same thread.
    private static let lastMessage = Mutex<[UInt: String]>([:])

    private static let installation: Void = {
        cldap_install_log_printer { text in
            guard let text else { return }
            let line = String(cString: text)
            guard line.hasPrefix("TLS:") else { return }
            let thread = TLSDiagnostics.currentThread
            // The specific reason (a host name mismatch) wins over the generic "TLS: can't connect"
            // line that follows every failed handshake.
            let isSpecific = line.contains("does not match")
            TLSDiagnostics.lastMessage.withLock { messages in
                if isSpecific || messages[thread] == nil { messages[thread] = line }
            }
        }
    }()

    /// Installs the log printer once per process, before the first handle is made.
    static func install() { _ = installation }

    /// Returns the last TLS message logged on this thread, if any, and clears it.
    static func take() -> String? {
        let thread = currentThread
        let line = lastMessage.withLock { $0.removeValue(forKey: thread) }
        return line?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static var currentThread: UInt { UInt(bitPattern: Int(bitPattern: pthread_self())) }
}
