public import OrganizerSyncCore

extension DirectorySchema {
    /// An Active Directory schema for reader tests: `objectGUID` anchors, `mail`, `sAMAccountName` and `cn` for group
    /// names; members in `memberAttribute` (`member`, or a ranged request such as `member;range=0-1499`); no other
    /// attributes and no disabled rules.
    public static func activeDirectoryTest(memberAttribute: String = "member") -> DirectorySchema {
        DirectorySchema(
            anchorAttribute: "objectGUID",
            anchorFormat: .guid,
            emailAttributes: ["mail"],
            usernameAttribute: "sAMAccountName",
            attributes: [],
            binaryAttributes: [],
            disabledRules: [],
            memberAttributes: [memberAttribute],
            memberUidAttributes: [],
            groupNameAttribute: "cn"
        )
    }
}
