public import Foundation
public import Logging
import SyncApply
public import SyncConfiguration
import SyncPlanning

extension PlanningRun {
    /// Signs the plan as `plan --out` keeps it (with `signing.private_key_*` when one is configured) and, given a
    /// file, writes it there atomically, owner read/write only.
    /// - Parameters:
    ///   - file: where to write the plan; `nil` to only sign it (`plan` without `--out`).
    ///   - configuration: the loaded configuration: its `signing:` section.
    ///   - logger: the written file and the plan's digest are logged at `info`.
    /// - Returns: the plan's bytes, as written (and as `plan --format json` prints them).
    /// - Throws: `SecretError` or `PlanError` for the signing key; ``RunError`` `writeFailed` naming the file.
    public mutating func keep(at file: String?, configuration: Configuration, logger: Logger) throws -> Data {
        plan = try PlanSigning.signed(plan, configuration: configuration)
        let data = try plan.encoded()
        if let file {
            try RunKeeper.writeAtomically(data, to: file)
            logger.info("plan written", metadata: ["plan.file": "\(file)", "plan.digest": "\(plan.digest ?? "")"])
        }
        return data
    }
}
