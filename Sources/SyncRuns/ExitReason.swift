import AuditLog
public import OrganizerSyncCore
import StateStore
import SyncApply
public import SyncPlanning

/// The exit codes scripts can rely on, as `organizer-sync --help` and the README list them.
///
/// Every command ends with one of these; the raw values never change.
public enum ExitReason: Int32, Sendable, Hashable, CaseIterable {
    /// Success; for `plan`: nothing to do.
    case success = 0
    /// An error: bad configuration or mapping, the directory or a provider could not be read.
    case failure = 1
    /// `plan`: changes are pending (the plan has actions and no gate tripped).
    case changesPending = 2
    /// A threshold or guard tripped; `plan` still shows and writes the plan, marked blocked.
    case blocked = 3
    /// Another apply or reconcile holds the state store's lock; nothing was done.
    case locked = 4
    /// `audit verify`: the chain is broken (a record edited, removed, reordered, inserted or torn).
    case auditBroken = 5
    /// `apply`/`reconcile`: the run finished but some changes failed or were skipped (or a signal stopped it).
    case partial = 6
    /// `apply`: the plan was refused (digest, configuration, age or a gate not overridden); nothing was done.
    case planRefused = 7
    /// The state store was refused (missing, empty, older or foreign while the audit log or the runs folder shows
    /// history: `StateStoreGuard`); nothing was done.
    case stateRefused = 8
    /// The command line could not be parsed (the argument parser's own code, `EX_USAGE`).
    case usage = 64

    /// The status of a finished run: `partial` and `interrupted` are both 6, since changes were left undone.
    public init(_ outcome: RunOutcome) {
        switch outcome {
        case .succeeded, .acceptedBreak, .rebuilt: self = .success
        case .partial, .interrupted: self = .partial
        case .blocked: self = .blocked
        case .failed: self = .failure
        }
    }

    /// The status of a plan: blocked beats changes pending, which beats nothing to do.
    public init(plan: Plan) {
        if plan.isBlocked {
            self = .blocked
        } else {
            self = plan.hasChanges ? .changesPending : .success
        }
    }

    /// The status of an error that stopped a command: the lock, a refused plan and a tripped gate have their
    /// own codes; every other error is 1.
    public init(for error: any Error) {
        switch error {
        case let error as any ExitReasonProviding: self = error.exitReason
        case let error as StateLockError: self = error.code == .held ? .locked : .failure
        case let error as StateStoreError where error.code == .refused: self = .stateRefused
        case let error as AuditLogError where error.code == .chainBroken: self = .auditBroken
        case let error as ApplyError:
            // Every other code is a check that refused the plan before any change.
            self = [.blocked, .thresholdTripped].contains(error.code) ? .blocked : .planRefused
        default: self = .failure
        }
    }
}

/// An error that knows its exit status (``RunError`` and the executable's `CommandError`).
public protocol ExitReasonProviding: Error {
    /// The status the process ends with when this error stops a command.
    var exitReason: ExitReason { get }
}
