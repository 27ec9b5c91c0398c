public import OrganizerSyncCore

extension DirectorySnapshot {
    /// The users a person on the command line means by `text` (for `organizer-sync explain USER`): the
    /// anchor, the DN, the login name or an email address (any value of `mail`), ignoring case.
    /// - Parameter text: what the admin typed.
    /// - Returns: the matching users, in snapshot order (several when the text is ambiguous).
    public func users(matching text: String) -> [DirectoryUser] {
        let wanted = text.lowercased()
        let dn = GroupReference.normalizedDN(text)
        return users.filter { user in
            user.anchor.lowercased() == wanted || GroupReference.normalizedDN(user.dn) == dn
                || user.username?.lowercased() == wanted || user.email?.lowercased() == wanted
                || (user.attributes["mail"] ?? []).contains { $0.lowercased() == wanted }
        }
    }
}
