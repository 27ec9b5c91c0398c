import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A TCP server on loopback that accepts connections and then says nothing, or only accepts StartTLS and then
/// says nothing: a directory (or a middlebox) that stalls the TLS handshake.
///
/// Every byte a client sends is kept, so a test can check that nothing but TLS records reached it.
final class SilentLDAPServer: Sendable {
    /// The port it listens on.
    let port: Int
    private let listener: Int32
    private let received = Mutex<[UInt8]>([])
    private let connections = Mutex<[Int32]>([])
    private let stopped = Atomic<Bool>(false)
    /// Signalled when the accepting thread has returned.
    private let acceptorDone = DispatchSemaphore(value: 0)
    /// One entry per connection thread still running.
    private let servers = DispatchGroup()

    /// Starts listening; with `answeringStartTLS`, each connection's first request gets a successful StartTLS
    /// response (messageID copied from the request) before the silence.
    init(answeringStartTLS: Bool) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.bind(fd, $0, length) == 0 && listen(fd, 8) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard fd >= 0, bound else { throw POSIXError(.EADDRNOTAVAIL) }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        let acceptor = Thread { [self] in acceptLoop(answeringStartTLS: answeringStartTLS) }
        acceptor.start()
    }

    /// Everything clients sent, in arrival order.
    var bytes: [UInt8] { received.withLock { $0 } }

    /// Stops accepting and closes every connection.
    ///
    /// Descriptors are closed here only, after their threads have ended: a descriptor closed earlier could be
    /// reused by another test's socket in this process, which a later `shutdown` would then break.
    func stop() {
        guard !stopped.exchange(true, ordering: .sequentiallyConsistent) else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        guard acceptorDone.wait(timeout: .now() + 10) == .success else { return }
        let open = connections.withLock { $0 }
        for fd in open { shutdown(fd, Int32(SHUT_RDWR)) }
        guard servers.wait(timeout: .now() + 10) == .success else { return }
        for fd in open { close(fd) }
        close(listener)
    }

    private func acceptLoop(answeringStartTLS: Bool) {
        defer { acceptorDone.signal() }
        while !stopped.load(ordering: .sequentiallyConsistent) {
            let fd = accept(listener, nil, nil)
            guard fd >= 0 else { return }
            connections.withLock { $0.append(fd) }
            servers.enter()
            Thread { [self] in
                defer { servers.leave() }
                serve(fd, answeringStartTLS: answeringStartTLS)
            }.start()
        }
    }

    /// Keeps what the client sends until it closes (or ``stop()`` shuts the connection down); never closes `fd`.
    private func serve(_ fd: Int32, answeringStartTLS: Bool) {
        var answered = !answeringStartTLS
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return }
            let chunk = Array(buffer[0..<count])
            received.withLock { $0 += chunk }
            if !answered, let id = Self.messageID(chunk) {
                answered = true
                // LDAPMessage { messageID, extendedResp [APPLICATION 24] { success, "", "" } }
                let response: [UInt8] = [
                    0x30, 0x0c, 0x02, 0x01, id, 0x78, 0x07, 0x0a, 0x01, 0x00, 0x04, 0x00, 0x04, 0x00,
                ]
                _ = response.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            }
        }
    }

    /// The one-byte messageID of an LDAPMessage (`30 len 02 01 id …`), short or long length form.
    private static func messageID(_ message: [UInt8]) -> UInt8? {
        guard message.count > 2, message[0] == 0x30 else { return nil }
        let start = message[1] < 0x80 ? 2 : 2 + Int(message[1] & 0x7f)
        guard message.count > start + 2, message[start] == 0x02, message[start + 1] == 0x01 else { return nil }
        return message[start + 2]
    }
}
