/// Why a test Samba AD domain controller could not be started or used.
///
/// The description never holds
/// a password (the scripts only ever receive password *files*).
public struct SambaDCError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
