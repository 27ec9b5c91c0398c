import Foundation
import OrganizerSyncCore
import OrganizerSyncTestSupport
import SyncConfiguration
import Testing

@testable import LDAPDirectory

/// A user whose CN holds a comma, in a group, on the shared DC: below `OU=DNForms` at the top of the domain
/// (beside `OU=Corp`, which the read-only tests read, so their counts do not change).
@Suite("Active Directory: a member whose DN has an escaped comma", .sambaDC)
struct ADDNFormsTests {
    @Test("The group's member value resolves to the user")
    func escapedComma() async throws {
        let dc = try await dc()
        let ou = "OU=DNForms,\(dc.base)"
        try await dc.modify(
            """
            dn: \(ou)
            changetype: add
            objectClass: organizationalUnit

            dn: CN=Smith\\, John,\(ou)
            changetype: add
            objectClass: user
            sAMAccountName: dnforms.jsmith
            userPrincipalName: dnforms.jsmith@example.test
            mail: dnforms.jsmith@example.test
            userAccountControl: 544

            dn: CN=DNForms-Group,\(ou)
            changetype: add
            objectClass: group
            sAMAccountName: DNForms-Group
            member: CN=Smith\\2C John,\(ou)

            """
        )
        let section = dc.directoryYAML(usersBase: ou).replacingOccurrences(
            of: "base: \(dc.groupsBase)",
            with: "base: \(ou)"
        )
        let folder = try TemporaryDirectory(prefix: "ad-dnforms")
        defer { folder.remove() }
        let file = folder.url.appendingPathComponent("organizer-sync.yaml").path
        let mappings = SlapdServer.repositoryRoot().appendingPathComponent("Mappings").path
        try "mappings_dir: \(mappings)\n\(section)\n".write(toFile: file, atomically: true, encoding: .utf8)
        let (snapshot, _) = try await read(try ConfigurationLoader().load(file: file).directory)
        let user = try snapshot.user("dnforms.jsmith")
        let group = try snapshot.group("DNForms-Group")
        #expect(group.members == [user.anchor])
        #expect(group.unresolvedMemberCount == 0)
        #expect(user.groups == [group.dn])
        #expect(DistinguishedName(user.dn) == DistinguishedName("cn=smith\\2c john,\(ou)"))
    }
}
