import Foundation
import OrganizerSyncCore
import Testing

@testable import SyncPlanning

@Suite("The directory's warnings in the plan")
struct PlanDirectoryWarningsTests {
    static let warning =
        "2 member value(s) in 1 group(s) match no user read and no group read (outside the users' base or "
        + "filter, or dangling): cn=Gone\\, Long,ou=people,dc=example,dc=com; uid=nobody,ou=people,dc=example,dc=com"

    func plan(warnings: [String]) throws -> Plan {
        var plan = Plan(toolVersion: "0.1.0", createdAt: "2027-01-15T08:00:00Z", configDigest: "c", targets: [])
        plan.directoryWarnings = warnings.isEmpty ? nil : warnings
        return try plan.sealed()
    }

    @Test("Unresolved members are listed in the report and sealed with the plan")
    func listedAndSealed() throws {
        let plan = try plan(warnings: [Self.warning])
        #expect(PlanRenderer().render(plan).hasPrefix("Directory: \(Self.warning)\n\n"))
        let decoded = try Plan.decodeVerified(from: plan.encoded())
        #expect(decoded.directoryWarnings == [Self.warning])
        var tampered = decoded
        tampered.directoryWarnings = []
        #expect(throws: PlanError.self) { _ = try Plan.decodeVerified(from: tampered.encoded()) }
    }

    @Test("A plan without warnings has no such member and no such lines")
    func none() throws {
        let plan = try plan(warnings: [])
        #expect(plan.directoryWarnings == nil)
        #expect(!String(decoding: try plan.encoded(), as: UTF8.self).contains("directoryWarnings"))
        #expect(!PlanRenderer().render(plan).contains("Directory:"))
    }
}
