import Foundation

extension SlapdServer {
    /// Runs `tool` (`ldapadd` or `ldapmodify`) with `ldif` on its standard input, bound as the server's admin
    /// over StartTLS.
    ///
    /// Blocks; throws with the tool's output when it fails.
    public func change(_ ldif: String, tool: String = "ldapmodify") async throws {
        let result = try await runProcess(
            tool,
            ["-H", url, "-x", "-ZZ", "-D", adminDN, "-y", adminPasswordFile],
            environment: ["LDAPTLS_CACERT": caFile],
            stdin: Data(ldif.utf8),
            timeout: 30
        )
        guard result.status == 0 else {
            throw SlapdServerError("\(tool) exited with \(result.status): \(result.stderr)\(result.stdout)")
        }
    }
}
