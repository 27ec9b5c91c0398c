import CLDAP
import Dispatch
import OrganizerSyncCore
import Synchronization

extension LDAPConnection {
    /// Runs `body` (StartTLS, or the first bind, which for `ldaps://` connects and shakes hands), and cuts the
    /// connection when it has not returned by the connect timeout plus twice the operation timeout.
    ///
    /// libldap bounds the TCP connect and the wait for each result, but not the TLS handshake (see
    /// `cldap_socket_watch` in the shim): a server that accepts the connection and then says nothing would hold
    /// a scheduled run for ever. At the deadline the socket is shut down, the blocked read returns, and the call
    /// fails with ``LDAPError/Code/timeout``. A call that ends in time is never touched.
    /// - Parameters:
    ///   - operation: the step named in the error.
    ///   - body: the libldap call.
    /// - Throws: ``LDAPError``: `body`'s own, or `timeout` when the deadline cut it.
    func withinHandshakeDeadline(_ operation: String, _ body: () throws(LDAPError) -> Void) throws(LDAPError) {
        let seconds = settings.connectTimeoutSeconds + 2 * settings.operationTimeoutSeconds
        let watchdog = HandshakeWatchdog(watch: socketWatch)
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { watchdog.fire() }
        let outcome = Result { () throws(LDAPError) in try body() }
        guard watchdog.finish() else {
            throw LDAPError(
                .timeout,
                operation: operation,
                message: "the server accepted the connection but did not complete the TLS handshake and \(operation) "
                    + "within \(Int(seconds.rounded(.up))) s (directory.timeouts.connect_seconds plus twice "
                    + "operation_seconds): check that the URL names an LDAP server and that nothing on the way "
                    + "swallows the traffic",
                server: serverDescription
            )
        }
        try outcome.get()
    }
}

/// The deadline of one ``LDAPConnection/withinHandshakeDeadline(_:_:)`` call: whichever of ``fire()`` and
/// ``finish()`` comes first wins, under one lock.
///
/// The watch is held as its address: the watchdog only touches it in ``fire()`` before ``finish()``, while the
/// connection (which frees the watch in deinit) is still inside the call.
private final class HandshakeWatchdog: Sendable {
    private enum Phase { case running, finished, fired }
    private let phase = Mutex(Phase.running)
    private let watchAddress: Int

    init(watch: UnsafeMutablePointer<cldap_socket_watch>) {
        watchAddress = Int(bitPattern: watch)
    }

    /// At the deadline: cuts the connection unless the call has finished.
    func fire() {
        phase.withLock { phase in
            guard phase == .running,
                let watch = UnsafeMutablePointer<cldap_socket_watch>(bitPattern: watchAddress)
            else { return }
            phase = .fired
            _ = cldap_socket_watch_shutdown(watch)
        }
    }

    /// When the call returns; `false` when the deadline cut it first.
    func finish() -> Bool {
        phase.withLock { phase in
            guard phase == .running else { return false }
            phase = .finished
            return true
        }
    }
}
