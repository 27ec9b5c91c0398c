#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a secret (a bind password, a client secret, a refresh token) comes from.
///
/// Secrets are never written in the configuration file itself, and never taken from the command line:
/// they are named by reference and read when needed. The value read is wrapped in ``Secret``, whose
/// descriptions never show it.
public enum SecretReference: Sendable, Hashable, CustomStringConvertible {
    /// The value of an environment variable.
    case environment(String)
    /// The contents of a file, with one trailing newline removed. The file must keep ``SecretFilePolicy``
    /// (OpenSSH's rule: a regular file of this user or root, `mode & 077 == 0`).
    case file(String)
    /// A systemd credential: the file of that name in `$CREDENTIALS_DIRECTORY` (`LoadCredential=`,
    /// `LoadCredentialEncrypted=`), which systemd makes readable by the service alone.
    case credential(String)
    /// A value written in the configuration file itself. Only for values that are not secret but are
    /// handed over like credentials (an OAuth client id); the configuration refuses it for secrets.
    case inline(String)

    public var description: String {
        switch self {
        case .environment(let name): "env:\(name)"
        case .file(let path): "file:\(path)"
        case .credential(let name): "credential:\(name)"
        case .inline: "inline value"
        }
    }

    /// Reads the secret.
    ///
    /// - Parameter environment: the environment to read variables from (the process's by default).
    /// - Returns: the secret value.
    /// - Throws: ``SecretError`` when the variable is unset or empty, or the file cannot be read or breaks
    ///   ``SecretFilePolicy`` (`fileExposed`).
    public func resolve(environment: [String: String] = ProcessEnvironment.current()) throws(SecretError) -> Secret {
        switch self {
        case .environment(let name):
            guard let value = environment[name], !value.isEmpty else {
                throw SecretError(code: .environmentVariableMissing, reference: self)
            }
            return Secret(value)
        case .file(let path):
            return try readFile(path, judged: true)
        case .credential(let name):
            guard let folder = environment["CREDENTIALS_DIRECTORY"], !folder.isEmpty else {
                throw SecretError(code: .credentialsDirectoryMissing, reference: self)
            }
            // systemd made the file and set its owner and mode (its own rules, not OpenSSH's).
            return try readFile(folder + "/" + name, judged: false)
        case .inline(let value):
            return Secret(value)
        }
    }

    /// Reads a secret file; with `judged`, refuses one that breaks ``SecretFilePolicy``, judged on the open
    /// descriptor (what is judged is what is read).
    private func readFile(_ path: String, judged: Bool) throws(SecretError) -> Secret {
        let read = readWholeFile(path, judge: judged ? { SecretFilePolicy.violation(of: $0) } : { _ in nil })
        let bytes: [UInt8]
        switch read {
        case .success(let read): bytes = read
        case .failure(let failure):
            guard let violation = failure.violation else { throw SecretError(code: .fileUnreadable, reference: self) }
            throw SecretError(code: .fileExposed, reference: self, violation: violation)
        }
        var value = String(decoding: bytes, as: UTF8.self)
        if value.hasSuffix("\r\n") {
            value.removeLast(2)
        } else if value.hasSuffix("\n") {
            value.removeLast()
        }
        guard !value.isEmpty else { throw SecretError(code: .fileEmpty, reference: self) }
        return Secret(value)
    }
}

/// A secret value.
///
/// Its descriptions are always `<redacted>`, so it cannot leak through string
/// interpolation, logging or `dump`.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The secret itself.
    ///
    /// Read it only to hand it to the library call that needs it.
    public let value: String

    public init(_ value: String) { self.value = value }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: []) }
}

/// A secret could not be read.
///
/// The description names the reference, never a value.
public struct SecretError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public enum Code: String, Sendable {
        case environmentVariableMissing
        case fileUnreadable
        case fileEmpty
        case credentialsDirectoryMissing
        /// The file breaks ``SecretFilePolicy`` (group/other permissions, another owner, not a regular file).
        case fileExposed
    }

    public var code: Code
    public var reference: SecretReference
    /// For `fileExposed`: the rule the file breaks.
    public var violation: SecretFilePolicy.Violation?

    public init(code: Code, reference: SecretReference, violation: SecretFilePolicy.Violation? = nil) {
        self.code = code
        self.reference = reference
        self.violation = violation
    }

    public var description: String {
        switch code {
        case .environmentVariableMissing: "secret \(reference): the environment variable is not set or is empty"
        case .fileUnreadable: "secret \(reference): the file cannot be read"
        case .fileEmpty: "secret \(reference): the file is empty"
        case .credentialsDirectoryMissing:
            "secret \(reference): $CREDENTIALS_DIRECTORY is not set (systemd sets it for LoadCredential=)"
        case .fileExposed:
            if case .file(let path) = reference, let violation {
                "secret \(reference) refused: \(violation.explanation(path: path))"
            } else {
                "secret \(reference) refused: the file may be read by others"
            }
        }
    }
}

/// The process environment as a dictionary.
public enum ProcessEnvironment {
    /// Returns a copy of the current process environment.
    public static func current() -> [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let pair = String(cString: entry)
            if let equals = pair.firstIndex(of: "=") {
                result[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }
}

/// Reads a whole file with POSIX calls, after `judge` accepted its status (`fstat` of the open descriptor).
///
/// Fails with `judge`'s violation, or with `nil` when the file cannot be opened or read. `O_NONBLOCK` keeps a FIFO
/// put in the secret's place from blocking the open; the judge refuses anything but a regular file.
func readWholeFile(
    _ path: String,
    judge: (stat) -> SecretFilePolicy.Violation?
) -> Result<[UInt8], SecretFileReadFailure> {
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)
    guard fd >= 0 else { return .failure(SecretFileReadFailure(nil)) }
    defer { close(fd) }
    var status = stat()
    guard fstat(fd, &status) == 0 else { return .failure(SecretFileReadFailure(nil)) }
    if let violation = judge(status) { return .failure(SecretFileReadFailure(violation)) }
    var result: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count < 0 { return .failure(SecretFileReadFailure(nil)) }
        if count == 0 { return .success(result) }
        result.append(contentsOf: buffer[0..<count])
    }
}

/// Why ``readWholeFile(_:judge:)`` failed: the rule the file breaks, or `nil` when it could not be read.
struct SecretFileReadFailure: Error {
    var violation: SecretFilePolicy.Violation?
    init(_ violation: SecretFilePolicy.Violation?) { self.violation = violation }
}
