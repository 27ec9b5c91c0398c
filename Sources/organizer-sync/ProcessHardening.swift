import CLDAP

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the process does to itself before it reads any secret: no core dumps (a crash's core would hold the bind
/// password, client secrets, tokens and signing keys) and no ptrace by other processes of the same user.
enum ProcessHardening {
    /// Sets `RLIMIT_CORE` to 0 and `PR_SET_DUMPABLE` to 0.
    ///
    /// Failures are ignored: both only take rights away, and a
    /// kernel that refuses them leaves the process no worse off than before.
    static func apply() {
        var none = rlimit(rlim_cur: 0, rlim_max: 0)
        _ = setrlimit(Int32(RLIMIT_CORE.rawValue), &none)
        _ = cldap_process_disable_dumpable()
    }

    /// What the kernel holds now, read back (for `--log-level debug`, and the test that proves it):
    /// `RLIMIT_CORE 0/0, dumpable 0` once ``apply()`` ran.
    static var status: String {
        var limit = rlimit()
        let core =
            getrlimit(Int32(RLIMIT_CORE.rawValue), &limit) == 0
            ? "\(limit.rlim_cur == rlim_t.max ? "unlimited" : String(limit.rlim_cur))/"
                + "\(limit.rlim_max == rlim_t.max ? "unlimited" : String(limit.rlim_max))"
            : "unknown"
        return "RLIMIT_CORE \(core), dumpable \(cldap_process_dumpable())"
    }
}
