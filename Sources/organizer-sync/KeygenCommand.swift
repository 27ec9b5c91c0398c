import ArgumentParser
import Foundation
import SyncPlanning
import SyncRuns

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `organizer-sync keygen --out FILE`: makes an Ed25519 key pair for signing or approving plans.
struct KeygenCommand: OrganizerSyncCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Make an Ed25519 key pair for signing plans (signing:) or approving them (approve).",
        discussion: """
            Writes the private key (base64) to FILE, readable by its owner only, and refuses to overwrite a file \
            that exists. Prints the public key (base64) on standard output: list it under signing.trusted_keys \
            (plan makers) or apply.reviewers (reviewers). Keep the private key outside the state folder.
            """
    )

    @Option(help: "The private key file to create (mode 0600; must not exist).")
    var out: String

    func execute() async throws -> ExitReason {
        let key = PlanSigningKey()
        let fd = open(out, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw CommandError(.writeFailed, "cannot create \(out): \(reason) (keygen never overwrites a key file)")
        }
        defer { close(fd) }
        // The umask may have taken bits away from 0600; never more than owner read/write either way.
        let bytes = Array((key.privateBase64 + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(fd) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(out)
            throw CommandError(.writeFailed, "cannot write \(out): \(reason)")
        }
        print(key.publicKey(named: "new").base64)
        printError("private key written to \(out) (mode 0600); fingerprint \(key.fingerprint)")
        return .success
    }
}
