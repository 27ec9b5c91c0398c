/// Which state store this is and how many runs wrote it: written in every `run-start` audit record, so that a
/// store that was lost, replaced by another or restored from an older copy is noticed.
public struct StoreIdentity: Sendable, Hashable, Codable {
    /// A random UUID given when the store was created (or upgraded from v1, or started anew).
    public var id: String
    /// One more for each run that wrote the store (0 for a store no run wrote yet).
    public var generation: Int

    /// Makes an identity.
    public init(id: String, generation: Int) {
        self.id = id
        self.generation = generation
    }
}
