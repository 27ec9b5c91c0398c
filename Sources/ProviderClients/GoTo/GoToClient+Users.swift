import NIOHTTP1
public import OrganizerSyncCore

extension GoToClient {
    /// The field under which a suspended GoTo account keeps the licence keys that suspend removed.
    public static let suspendedLicencesField = ProviderAccount.suspendedLicencesField

    /// Lists every user with `offset`/`pageSize`; the next offset is the current one plus the users the
    /// page held, which the page's inclusive `toIndex` must confirm.
    ///
    /// Listing stops at `total` (or at a short
    /// page, when the answer has no `total`). A `toIndex` that disagrees (Int.max, behind the offset), a
    /// page without new users, more pages than `total` allows, fewer users than `total` at the end, or the
    /// deadline is an error, never a partial list.
    public func listAccounts() async throws -> [ProviderAccount] {
        let base = try await accountURL() + "/users"
        let pageSize = core.configuration.pageSize ?? 1000
        var bounds = core.listingGuard("users.list")
        var offset = 0
        var accounts: [ProviderAccount] = []
        var seen = Set<String>()
        while true {
            try bounds.beginPage()
            let url = URLQuery.url(base, [("offset", "\(offset)"), ("pageSize", "\(pageSize)")])
            let page = try await core.http.send(APIRequest("users.list", .GET, url), decoding: GoToUserPage.self)
            var added = 0
            for user in page.results where seen.insert(user.key.value).inserted {
                accounts.append(user.account)
                added += 1
            }
            let (next, overflow) = offset.addingReportingOverflow(page.results.count)
            if overflow { throw bounds.failure(.invalidResponse, "offset out of range", field: "toIndex") }
            if let toIndex = page.toIndex, !page.results.isEmpty, toIndex != next - 1 {
                throw bounds.failure(
                    .invalidResponse,
                    "toIndex \(toIndex) does not follow offset \(offset) and \(page.results.count) results",
                    field: "toIndex"
                )
            }
            let hasNext: Bool
            if let total = page.total {
                hasNext = !page.results.isEmpty && next < total
            } else {
                hasNext = page.results.count >= pageSize
            }
            try bounds.observe(
                total: page.total,
                itemsOnPage: page.results.count,
                newItems: added,
                requestedPageSize: pageSize,
                hasNext: hasNext
            )
            if !hasNext { break }
            offset = next
        }
        try bounds.finish(count: seen.count)
        return accounts
    }

    /// Looks up by `filter=email eq "…"` (spaces as `%20`: GoTo rejects `+`).
    public func account(email: String) async throws -> ProviderAccount? {
        let escaped = email.replacingQuotes()
        let url = URLQuery.url(try await accountURL() + "/users", [("filter", "email eq \"\(escaped)\"")])
        let page = try await core.http.send(APIRequest("users.find", .GET, url), decoding: GoToUserPage.self)
        return page.results.first { $0.email.lowercased() == email.lowercased() }?.account
    }

    /// `POST /accounts/{key}/users` with `suppressEmail`; existing users come back in the answer too, so
    /// this is idempotent by email.
    public func create(_ fields: AccountFields) async throws -> ProviderAccount {
        let url = try await accountURL() + "/users"
        let body = GoToCreateRequest(
            users: [
                .init(
                    email: fields.email,
                    firstName: fields.firstName,
                    lastName: fields.lastName,
                    locale: fields.fields["locale"],
                    timeZone: fields.fields["timeZone"]
                )
            ],
            licenseKeys: fields.licences
        )
        let payload = try JSONCoding.encode(body)
        return try await core.createWithoutDuplicates(email: fields.email) {
            let created = try await core.http.send(
                APIRequest("users.create", .POST, url, body: payload),
                decoding: [GoToCreatedUser].self
            )
            guard let user = created.first(where: { $0.email.lowercased() == fields.email.lowercased() }) else {
                throw ProviderError(.invalidResponse, provider: .goto, operation: "users.create", field: "[].email")
            }
            return ProviderAccount(
                id: user.key.value,
                email: user.email,
                firstName: fields.firstName,
                lastName: fields.lastName,
                displayName: [fields.firstName, fields.lastName].compactMap { $0 }.joined(separator: " "),
                status: (fields.licences ?? []).isEmpty ? .suspended : .active,
                licences: fields.licences ?? []
            )
        } lookup: {
            try await account(email: fields.email)
        }
    }

    /// `PUT /accounts/{key}/users/{userKey}` with only the changed fields (a partial update; the user key
    /// must not be in the body).
    public func update(_ account: ProviderAccount, with fields: AccountFields) async throws -> ProviderAccount {
        let userKey = try requireID(account, operation: "users.update")
        var body: [String: JSONValue] = [:]
        var updated = account
        if fields.email.lowercased() != account.email.lowercased() {
            body["email"] = .string(fields.email)
            updated.email = fields.email
        }
        if let value = fields.firstName {
            body["firstName"] = .string(value)
            updated.firstName = value
        }
        if let value = fields.lastName {
            body["lastName"] = .string(value)
            updated.lastName = value
        }
        if let value = fields.licences {
            body["licenseKeys"] = .array(value.map(JSONValue.string))
            updated.licences = value
            // GoTo has no suspended state: a user counts as suspended exactly when it holds no licence.
            updated.status = value.isEmpty ? .suspended : .active
        }
        for (name, value) in fields.fields where name != "key" {
            body[name] = .mapped(value, field: name, provider: .goto)
            updated.fields[name] = value
        }
        guard !body.isEmpty else { return account }
        let url = try await accountURL() + "/users/" + URLQuery.encode(userKey)
        _ = try await core.http.send(APIRequest("users.update", .PUT, url, body: try JSONCoding.encode(body)))
        return updated
    }

    /// GoTo has no suspend call: remove every product licence
    /// (`DELETE /accounts/{key}/licenses/{licenseKey}/users/{userKey}`), so the user stays but cannot host.
    ///
    /// The removed keys are remembered in memory and returned in the account's
    /// ``suspendedLicencesField`` field for a state store to keep.
    public func suspend(_ account: ProviderAccount) async throws -> ProviderAccount {
        let userKey = try requireID(account, operation: "users.suspend")
        let base = try await accountURL()
        var licences = account.licences
        if licences.isEmpty, let current = try await self.account(email: account.email) { licences = current.licences }
        for licence in licences {
            let url = base + "/licenses/" + URLQuery.encode(licence) + "/users/" + URLQuery.encode(userKey)
            try await core.deleteTolerantly(APIRequest("licenses.removeUser", .DELETE, url))
        }
        if !licences.isEmpty { await suspendedLicences.remember(licences, for: userKey) }
        var suspended = account
        suspended.licences = []
        suspended.status = .suspended
        if !licences.isEmpty { suspended.fields[Self.suspendedLicencesField] = licences.joined(separator: ",") }
        return suspended
    }

    /// Gives back the licences that ``suspend(_:)`` removed (from the account's
    /// ``suspendedLicencesField``, else from memory), one `POST /accounts/{key}/licenses/{licenseKey}/users`
    /// `{"userKeys":[…]}` per licence: the counterpart of the licence-removal call.
    /// - Throws: `invalidRequest` when no removed licences are known for the account.
    public func reactivate(_ account: ProviderAccount) async throws -> ProviderAccount {
        let userKey = try requireID(account, operation: "users.reactivate")
        var licences = account.fields[Self.suspendedLicencesField]?.split(separator: ",").map(String.init) ?? []
        if licences.isEmpty { licences = await suspendedLicences.recall(userKey) ?? [] }
        guard !licences.isEmpty else {
            throw ProviderError(
                .invalidRequest,
                provider: .goto,
                operation: "users.reactivate",
                detail: "no licence keys known to give back to \(account.email)"
            )
        }
        let base = try await accountURL()
        let body = try JSONCoding.encode(["userKeys": [userKey]])
        for licence in licences {
            let url = base + "/licenses/" + URLQuery.encode(licence) + "/users"
            // Assigning a licence the user already holds changes nothing, so a retry is safe.
            _ = try await core.http.send(APIRequest("licenses.addUser", .POST, url, body: body, isIdempotent: true))
        }
        try await confirmLicences(licences, of: account)
        await suspendedLicences.forget(userKey)
        var reactivated = account
        reactivated.licences = licences
        reactivated.status = .active
        reactivated.fields[Self.suspendedLicencesField] = nil
        return reactivated
    }

    /// Reads the user back and checks that it holds every licence given back.
    ///
    /// Reactivation through
    /// `POST …/licenses/{key}/users` rests on an assumption (no GoTo document describes it; see
    /// docs/goto-evidence.md), so its effect is checked rather than trusted.
    /// - Throws: `invalidResponse` naming the missing licence when the service did not assign it.
    private func confirmLicences(_ licences: [String], of account: ProviderAccount) async throws {
        let current = try await self.account(email: account.email)
        let held = Set(current?.licences ?? [])
        if let missing = licences.first(where: { !held.contains($0) }) {
            throw ProviderError(
                .invalidResponse,
                provider: .goto,
                operation: "licenses.addUser",
                reason: "reactivation had no effect: licence \(missing) is not on the user after it was given back "
                    + "(GoTo behaved otherwise than assumed; see docs/goto-evidence.md)"
            )
        }
    }

    /// `DELETE /accounts/{key}/users/{userKey}`; an account already gone counts as deleted.
    public func delete(_ account: ProviderAccount) async throws {
        let userKey = try requireID(account, operation: "users.delete")
        let url = try await accountURL() + "/users/" + URLQuery.encode(userKey)
        try await core.deleteTolerantly(APIRequest("users.delete", .DELETE, url))
    }

    private func requireID(_ account: ProviderAccount, operation: String) throws -> String {
        guard let id = account.id else {
            throw ProviderError(.invalidRequest, provider: .goto, operation: operation, detail: "account without key")
        }
        return id
    }
}

extension String {
    /// Escapes `"` and `\` for a quoted filter value.
    func replacingQuotes() -> String {
        var result = ""
        for character in self {
            if character == "\"" || character == "\\" { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
