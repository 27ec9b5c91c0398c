import CLDAP

#if canImport(Glibc)
import Glibc
#endif

/// Keeps glibc's allocator to one arena, so that memory one thread frees is reused by the others.
///
/// glibc gives each thread that allocates while another holds the lock an arena of its own (up to eight per
/// core), and memory freed in one arena serves only the threads attached to it. `plan` frees the directory
/// snapshot on one thread and then decodes the account listing and matches on others: with several arenas the
/// freed pages sat idle while new ones were taken (a million users peaked at 1,453 MiB in one run and
/// 1,786 MiB in the next, the account listing alone adding +0 or +220 MiB by which threads ran it). With one
/// arena, `plan` of 100,000 users peaks at 196 MiB instead of 253, at the same CPU time. An operator's own
/// `MALLOC_ARENA_MAX` is left alone. Other C libraries (and Darwin) are not touched.
enum MallocArenas {
    /// Sets the arena limit, unless the environment already sets one; call before other threads start.
    static func limit() {
        #if canImport(Glibc)
        guard getenv("MALLOC_ARENA_MAX") == nil else { return }
        _ = cldap_process_limit_malloc_arenas(1)
        #endif
    }
}
