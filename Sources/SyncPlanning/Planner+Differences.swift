import OrganizerSyncCore

extension Planner {
    /// The fields of `account` that differ from `desired`, and the fields an update sends.
    ///
    /// A `nil` desired field means "leave as it is". Emails are compared normalized, so a case difference
    /// changes nothing. Licences are compared as sets and only for GoTo and Webex; the user type only for
    /// Zoom (the other providers ignore it, see ``AccountFields``). Provider fields the mapping does not set
    /// are left alone.
    static func differences(
        from account: ProviderAccount,
        to desired: AccountFields,
        provider: ProviderKind
    ) -> (changes: [FieldChange], fields: AccountFields) {
        var changes: [FieldChange] = []
        var fields = AccountFields(email: desired.email)
        if EmailPattern.normalize(account.email) != EmailPattern.normalize(desired.email) {
            changes.append(FieldChange(field: "email", before: account.email, after: desired.email))
        }
        if let value = desired.firstName, value != account.firstName {
            changes.append(FieldChange(field: "firstName", before: account.firstName, after: value))
            fields.firstName = value
        }
        if let value = desired.lastName, value != account.lastName {
            changes.append(FieldChange(field: "lastName", before: account.lastName, after: value))
            fields.lastName = value
        }
        if let value = desired.displayName, value != account.displayName {
            changes.append(FieldChange(field: "displayName", before: account.displayName, after: value))
            fields.displayName = value
        }
        if provider != .zoom, let value = desired.licences, Set(value) != Set(account.licences) {
            changes.append(
                FieldChange(
                    field: "licences",
                    before: account.licences.sorted().joined(separator: ","),
                    after: value.sorted().joined(separator: ",")
                )
            )
            fields.licences = value
        }
        if provider == .zoom, let value = desired.userType, value != account.userType {
            changes.append(FieldChange(field: "userType", before: account.userType, after: value))
            fields.userType = value
        }
        // Most mappings set one or two provider fields: no sorted copy of the keys for a single one.
        if desired.fields.count == 1, let (key, value) = desired.fields.first {
            if value != account.fields[key] {
                changes.append(FieldChange(field: key, before: account.fields[key], after: value))
                fields.fields[key] = value
            }
        } else {
            for key in desired.fields.keys.sorted() where desired.fields[key] != account.fields[key] {
                changes.append(
                    FieldChange(field: key, before: account.fields[key], after: desired.fields[key])
                )
                fields.fields[key] = desired.fields[key]
            }
        }
        return (changes, fields)
    }
}
