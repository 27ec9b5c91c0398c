/// How Zoom renders a user.
enum ZoomRendering {
    /// An item of `GET /users`: pending users have no `id`.
    static func listItem(_ account: SimulatedAccount) -> JSON {
        .members([
            ("id", account.status == .pending ? nil : .string(account.id)),
            ("first_name", JSON.optional(account.firstName)),
            ("last_name", JSON.optional(account.lastName)),
            ("display_name", JSON.optional(account.displayName)),
            ("email", .string(account.email)),
            ("type", .int(account.userType ?? 1)),
            ("pmi", .int(pmi(account.id))),
            ("timezone", JSON.optional(account.timezone)),
            ("verified", .int(account.status == .pending ? 0 : 1)),
            ("dept", JSON.optional(account.department)),
            ("user_created_at", .string(account.created)),
            ("created_at", .string(account.created)),
            ("status", .string(account.status.rawValue)),
            ("role_id", .string(account.roles.first ?? "2")),
        ])
    }

    /// `GET /users/{userId}`.
    static func user(_ account: SimulatedAccount, accountId: String) -> JSON {
        .members([
            ("id", .string(account.id)),
            ("first_name", JSON.optional(account.firstName)),
            ("last_name", JSON.optional(account.lastName)),
            ("display_name", JSON.optional(account.displayName)),
            ("email", .string(account.email)),
            ("type", .int(account.userType ?? 1)),
            ("role_name", .string(roleName(account.roles.first))),
            ("pmi", .int(pmi(account.id))),
            ("use_pmi", .bool(false)),
            ("timezone", JSON.optional(account.timezone)),
            ("dept", JSON.optional(account.department)),
            ("job_title", JSON.optional(account.title)),
            ("language", JSON.optional(account.locale)),
            ("created_at", .string(account.created)),
            ("user_created_at", .string(account.created)),
            ("verified", .int(account.status == .pending ? 0 : 1)),
            ("role_id", .string(account.roles.first ?? "2")),
            ("account_id", .string(accountId)),
            ("status", .string(account.status.rawValue)),
            ("group_ids", .array([])),
        ])
    }

    static func roleName(_ roleId: String?) -> String {
        switch roleId {
        case "0": "Owner"
        case "1": "Admin"
        default: "Member"
        }
    }

    /// A stable ten-digit personal meeting id derived from the user id.
    static func pmi(_ id: String) -> Int {
        var hash: UInt64 = 1_469_598_103_934_665_603
        for byte in id.utf8 { hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211 }
        return 1_000_000_000 + Int(hash % 8_999_999_999)
    }
}
