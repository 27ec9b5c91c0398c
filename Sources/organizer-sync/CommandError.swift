import SyncRuns

/// Why a command could not do what it was asked, when no library error says it better.
///
/// ``description`` holds no secret and no personal data read from the directory, a provider or a file; it may
/// repeat what the operator typed on the command line (the user `explain` was asked about). It is what the one
/// exit path prints.
struct CommandError: Error, CustomStringConvertible, ExitReasonProviding {
    /// What went wrong.
    enum Code: String, Sendable, Hashable {
        /// `explain`: the user given matches several directory users.
        case ambiguousUser
        /// `explain`: no directory user or provider account matches the user given.
        case noSuchUser
        /// A file the command writes could not be written.
        case writeFailed
        /// `init`: a file it would write exists (nothing was written).
        case fileExists
        /// An option's value is not usable (the argument parser checks the syntax; this is the meaning).
        case invalidOption
        /// `show-plan`, `approve`: the plan file could not be read or its seal does not verify.
        case planRefused
    }

    /// What went wrong.
    var code: Code
    /// What a reader needs to fix it.
    var detail: String

    /// Creates an error.
    init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    var description: String { detail }

    var exitReason: ExitReason {
        switch code {
        case .ambiguousUser, .noSuchUser, .writeFailed, .invalidOption, .fileExists: .failure
        case .planRefused: .planRefused
        }
    }
}
