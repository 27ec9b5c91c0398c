import OrganizerSyncCore

extension AccountMapper {
    /// Holds a desired account's fields to the provider's contract (``ProviderFieldContract``): values are
    /// converted to the declared type (`"TRUE"` for a boolean becomes `"true"`); a value that cannot be, or
    /// is longer than the contract allows, is left out of the account and reported as a problem naming the
    /// user (anchor) and the field, so it never reaches the provider.
    ///
    /// A field the provider's update body
    /// does not declare is left out and reported the same way.
    /// - Returns: the problems, one per refused field.
    func holdToContract(_ fields: inout AccountFields, anchor: String, dn: String) -> [MappingProblem] {
        let provider = mapping.provider
        var problems: [MappingProblem] = []
        func refuse(_ field: String, _ why: String) {
            problems.append(
                MappingProblem(
                    code: .invalidField,
                    anchor: anchor,
                    dn: dn,
                    message: "field \(field) is \(why) for \(provider); the field is left out"
                )
            )
        }
        func check(_ field: String, _ value: String?) -> String? {
            guard let value else { return nil }
            guard let kind = ProviderFieldContract.kind(of: field, for: provider) else {
                refuse(field, "not a field the provider's update declares")
                return nil
            }
            switch ProviderFieldContract.convert(value, as: kind) {
            case .success(.string(let text)): return text
            case .success(.boolean(let flag)): return flag ? "true" : "false"
            case .success(.integer(let number)): return String(number)
            case .failure(let refusal):
                refuse(field, refusal.description)
                return nil
            }
        }
        fields.firstName = check("first_name", fields.firstName)
        fields.lastName = check("last_name", fields.lastName)
        fields.displayName = check("display_name", fields.displayName)
        for (name, value) in fields.fields.sorted(by: { $0.key < $1.key }) {
            fields.fields[name] = check(name, value)
        }
        return problems
    }

    /// Whether the email is no longer than the provider's contract allows (Zoom: 128 characters).
    func emailFitsContract(_ email: String) -> Bool {
        guard let kind = ProviderFieldContract.kind(of: "email", for: mapping.provider) else { return true }
        if case .failure = ProviderFieldContract.convert(email, as: kind) { return false }
        return true
    }
}
