import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Process-wide settings of glibc's allocator for commands whose peak memory matters.
///
/// `directory` reads users and groups on two threads at once. glibc gives each new thread an allocator arena
/// of its own, and memory freed in one arena is only reused by allocations in that arena: the groups'
/// thread builds and drops every member value (197,344 strings at 100,000 users) while the users' thread
/// keeps growing in its own arena, so the dropped values stay in the process's peak. With one arena the users
/// reuse them: 141 MiB peak became 127 MiB on the 100,000-user benchmark, at no measurable CPU cost, since the
/// two threads allocate at the same time only while the groups are read (`docs/directory.md`, "Performance",
/// which also has what larger `M_TOP_PAD` and `M_TRIM_THRESHOLD` did: nothing worth keeping).
///
/// `plan`, `reconcile` and `explain` free the directory snapshot on one thread and then decode the account
/// listing and match on others: with several arenas the freed pages sat idle while new ones were taken (a
/// million users peaked at 1,453 MiB in one run and 1,786 MiB in the next, the listing adding +0 or +220 MiB by
/// which threads ran it); with one arena `plan` of 100,000 users peaked at 196 MiB instead of 253, at the same
/// CPU time (`docs/benchmarks.md`, the million-user plan).
///
/// `mallopt` and `malloc_info` are declared in `<malloc.h>`, which Swift's Glibc module does not import: they
/// are looked up with `dlsym` and called through C function pointers of their documented types.
enum MallocTuning {
    /// glibc's `M_ARENA_MAX` (`<malloc.h>`).
    private static let arenaMaxParameter: Int32 = -8

    /// Limits glibc to its main arena (`M_ARENA_MAX` 1) for every thread started from now on.
    ///
    /// Call it before the command starts any thread (threads that already hold an arena keep it, and new ones
    /// would be spread across the arenas that exist). Does nothing on other C libraries; a refusal is ignored
    /// (the process then runs as before, with more memory).
    static func useOneArena() {
        #if canImport(Glibc)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(nil, "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: Mallopt.self)(arenaMaxParameter, 1)
        #endif
    }

    /// How many arenas glibc's allocator holds now (from `malloc_info`), or `nil` when it cannot tell.
    ///
    /// For `--log-level debug`, and the test that proves ``useOneArena()`` holds for the reading threads.
    static var arenaCount: Int? {
        #if canImport(Glibc)
        typealias MallocInfo = @convention(c) (Int32, UnsafeMutablePointer<FILE>?) -> Int32
        guard let symbol = dlsym(nil, "malloc_info") else { return nil }
        // open_memstream owns `buffer` until fclose; from then on it is ours, freed below.
        var buffer: UnsafeMutablePointer<CChar>?
        var size = 0
        guard let stream = open_memstream(&buffer, &size) else { return nil }
        let status = unsafeBitCast(symbol, to: MallocInfo.self)(0, stream)
        fclose(stream)
        defer { free(buffer) }
        guard status == 0, let buffer else { return nil }
        // One `<heap nr="N">` element per arena.
        return String(cString: buffer).components(separatedBy: "<heap nr=").count - 1
        #else
        return nil
        #endif
    }
}
