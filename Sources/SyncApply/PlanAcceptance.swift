import Foundation
import OrganizerSyncCore
public import SyncPlanning

/// The checks a plan passes before `apply` changes anything: its seal, its configuration, its age and its gates.
public enum PlanAcceptance {
    /// Checks `plan` against `options`.
    /// - Parameters:
    ///   - plan: the plan as read from its file.
    ///   - options: the current configuration digest, the age limit, the overrides, the time.
    ///   - targets: the targets the configuration has now.
    /// - Returns: who vouched for the plan (signer, reviewers), for the run-start audit record.
    /// - Throws: ``ApplyError`` naming the first check that fails.
    @discardableResult
    public static func check(_ plan: Plan, options: ApplyOptions, targets: Set<String>) throws(ApplyError) -> [String] {
        let vouchers = try options.trust.check(plan)
        guard plan.configDigest == options.configDigest else {
            throw ApplyError(
                .otherConfiguration,
                "the plan was made from configuration \(plan.configDigest.prefix(12)), the configuration now is "
                    + "\(options.configDigest.prefix(12)); run plan again"
            )
        }
        guard let created = try? Date(plan.createdAt, strategy: .iso8601) else {
            throw ApplyError(
                .planTampered,
                "the plan's creation time '\(plan.createdAt)' is not ISO 8601; make a new plan with plan --out"
            )
        }
        let age = options.now.timeIntervalSince(created)
        guard age <= options.maxPlanAge else {
            throw ApplyError(
                .planTooOld,
                "the plan is \(Wording.duration(seconds: age)) old and apply accepts plans up to "
                    + "\(Wording.duration(seconds: options.maxPlanAge)) old (apply.max_plan_age_minutes); "
                    + "run plan again, or raise apply.max_plan_age_minutes"
            )
        }
        guard age >= -300 else {
            throw ApplyError(
                .planTampered,
                "the plan's creation time is in the future; check this machine's clock and the plan maker's, then "
                    + "make a new plan"
            )
        }
        for target in plan.targets where !targets.contains(target.target) {
            throw ApplyError(.unknownTarget, UnknownTarget.detail(target.target))
        }
        let tripped = Set(plan.targets.flatMap { $0.gates.map(\.name) })
        let unknown = options.overriddenGates.subtracting(tripped)
        guard unknown.isEmpty else {
            throw ApplyError(
                .unknownOverride,
                "--override names \(unknown.sorted().joined(separator: ", ")), which the plan did not trip"
                    + (tripped.isEmpty ? "" : " (tripped: \(tripped.sorted().joined(separator: ", ")))")
            )
        }
        let standing = tripped.subtracting(options.overriddenGates)
        guard standing.isEmpty else {
            throw ApplyError(
                .blocked,
                "the plan is blocked by \(standing.sorted().joined(separator: ", ")); read the plan, then "
                    + "override each gate by name with --override GATE if the changes are intended"
            )
        }
        return vouchers
    }
}
