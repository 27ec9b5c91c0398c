import OrganizerSyncCore
import SyncPlanning

/// The actions of one plan that address one account, in plan order (an update, then a reactivate, say).
///
/// Units run concurrently; the actions of one unit run one after another, each on the account the previous
/// one returned. The precondition is checked once, before the first action, against the account as listed at
/// the start of apply (see ``AccountPrecondition``).
struct AccountUnit: Sendable {
    /// The indexes of the actions in the target plan, in order.
    var indexes: [Int]

    /// Groups a target plan's actions by the account they address: the provider id seen at plan time, else the
    /// normalized email (creates, Zoom accounts still pending).
    static func units(of actions: [PlannedAction]) -> [AccountUnit] {
        var order: [String] = []
        var byKey: [String: [Int]] = [:]
        for (index, action) in actions.enumerated() {
            let key =
                action.precondition.providerID.map { "id:\($0)" }
                ?? "email:\(EmailPattern.normalize(action.precondition.email))"
            if byKey[key] == nil { order.append(key) }
            byKey[key, default: []].append(index)
        }
        return order.map { AccountUnit(indexes: byKey[$0] ?? []) }
    }
}
