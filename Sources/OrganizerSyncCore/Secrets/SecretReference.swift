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
    /// The contents of a file, with one trailing newline removed.
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
    /// - Throws: ``SecretError`` when the variable is unset or empty, or the file cannot be read.
    public func resolve(environment: [String: String] = ProcessEnvironment.current()) throws(SecretError) -> Secret {
        switch self {
        case .environment(let name):
            guard let value = environment[name], !value.isEmpty else {
                throw SecretError(code: .environmentVariableMissing, reference: self)
            }
            return Secret(value)
        case .file(let path):
            guard let bytes = readWholeFile(path) else {
                throw SecretError(code: .fileUnreadable, reference: self)
            }
            var value = String(decoding: bytes, as: UTF8.self)
            if value.hasSuffix("\r\n") {
                value.removeLast(2)
            } else if value.hasSuffix("\n") {
                value.removeLast()
            }
            guard !value.isEmpty else { throw SecretError(code: .fileEmpty, reference: self) }
            return Secret(value)
        case .credential(let name):
            guard let folder = environment["CREDENTIALS_DIRECTORY"], !folder.isEmpty else {
                throw SecretError(code: .credentialsDirectoryMissing, reference: self)
            }
            do {
                return try SecretReference.file(folder + "/" + name).resolve(environment: environment)
            } catch {
                throw SecretError(code: error.code, reference: self)
            }
        case .inline(let value):
            return Secret(value)
        }
    }
}

/// A secret value. Its descriptions are always `<redacted>`, so it cannot leak through string
/// interpolation, logging or `dump`.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The secret itself. Read it only to hand it to the library call that needs it.
    public let value: String

    public init(_ value: String) { self.value = value }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: []) }
}

/// A secret could not be read. The description names the reference, never a value.
public struct SecretError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public enum Code: String, Sendable {
        case environmentVariableMissing
        case fileUnreadable
        case fileEmpty
        case credentialsDirectoryMissing
    }

    public var code: Code
    public var reference: SecretReference

    public var description: String {
        switch code {
        case .environmentVariableMissing: "secret \(reference): the environment variable is not set or is empty"
        case .fileUnreadable: "secret \(reference): the file cannot be read"
        case .fileEmpty: "secret \(reference): the file is empty"
        case .credentialsDirectoryMissing:
            "secret \(reference): $CREDENTIALS_DIRECTORY is not set (systemd sets it for LoadCredential=)"
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

/// Reads a whole file with POSIX calls; `nil` when it cannot be opened or read.
func readWholeFile(_ path: String) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var result: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count < 0 { return nil }
        if count == 0 { return result }
        result.append(contentsOf: buffer[0..<count])
    }
}
