/// A value computed once on first use, shared by concurrent callers; a failed computation is retried by
/// the next caller.
actor LazyValue<Value: Sendable> {
    private var value: Value?
    private var pending: Task<Value, any Error>?

    init(_ value: Value? = nil) { self.value = value }

    func get(_ compute: @escaping @Sendable () async throws -> Value) async throws -> Value {
        if let value { return value }
        if let pending { return try await pending.value }
        let task = Task { try await compute() }
        pending = task
        defer { pending = nil }
        let result = try await task.value
        value = result
        return result
    }
}
