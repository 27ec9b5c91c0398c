import SyncConfiguration
import Testing

/// `apply.require_reason`: off by default, read beside the other `apply:` keys, and a bool or an error.
@Suite struct RequireReasonTests {
    @Test("require_reason is false by default, true when set, and sits with max_plan_age_minutes")
    func requireReasonIsRead() throws {
        #expect(try load(minimal).requireReason == false)
        let configuration = try load(minimal + "\napply:\n  require_reason: true\n  max_plan_age_minutes: 30\n")
        #expect(configuration.requireReason)
        #expect(configuration.state.maxPlanAge == 1800)
    }

    @Test("require_reason that is not a bool is an error naming the key")
    func requireReasonMustBeABool() throws {
        let error = try loadError(minimal + "\napply:\n  require_reason: sometimes\n")
        #expect(error.description.contains("apply.require_reason"), "\(error)")
    }
}
