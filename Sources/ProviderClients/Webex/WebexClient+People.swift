import Foundation
import NIOHTTP1
public import OrganizerSyncCore

extension WebexClient {
    /// `GET /people?max=…`, following `Link: rel="next"` until there is none.
    ///
    /// A next link is followed only
    /// to the configured people URL (same origin and path), so the bearer token never goes elsewhere; a
    /// repeated link (a cycle of any length), a page without new people, the page cap and the deadline
    /// are errors. Webex reports no total, so the page cap is the bound.
    public func listAccounts() async throws -> [ProviderAccount] {
        let pageSize = core.configuration.pageSize ?? 1000
        var next: String? = URLQuery.url(peopleURL, [("max", "\(pageSize)")])
        var accounts: [ProviderAccount] = []
        var seen = Set<String>()
        var bounds = core.listingGuard("people.list")
        if let first = next { try bounds.follow(first, kind: "Link rel=next URL") }
        while let url = next {
            try bounds.beginPage()
            let response = try await core.http.send(APIRequest("people.list", .GET, url))
            let page = try JSONCoding.decode(
                WebexPeoplePage.self,
                from: response.body,
                provider: .webex,
                operation: "people.list"
            )
            var added = 0
            for person in page.items ?? [] where seen.insert(person.id).inserted {
                accounts.append(try person.account())
                added += 1
            }
            next = Self.nextPageURL(
                response.headers.first(name: "Link"),
                apiBaseURL: core.apiBaseURL,
                pageSize: pageSize
            )
            if let link = next, !URLOrigin.isWithin(link, base: peopleURL) {
                throw bounds.failure(
                    .refusedURL,
                    "next link leaves \(URLOrigin.hostAndPort(of: peopleURL) ?? "the API host") for \(URLOrigin.hostAndPort(of: link) ?? "another address")",
                    field: "Link"
                )
            }
            if let link = next { try bounds.follow(link, kind: "Link rel=next URL") }
            try bounds.observe(
                total: nil,
                itemsOnPage: page.items?.count ?? 0,
                newItems: added,
                requestedPageSize: pageSize,
                hasNext: next != nil
            )
        }
        return accounts
    }

    /// `GET /people?email=…`.
    public func account(email: String) async throws -> ProviderAccount? {
        let url = URLQuery.url(peopleURL, [("email", email)])
        let page = try await core.http.send(APIRequest("people.find", .GET, url), decoding: WebexPeoplePage.self)
        return try page.items?.first { person in person.emails.contains { $0.lowercased() == email.lowercased() } }?
            .account()
    }

    /// `POST /people` (200 Person).
    ///
    /// A lost answer, a 409, or a 400 (which "can still leave the person
    /// created", per the People API guide) is resolved by looking the email up.
    public func create(_ fields: AccountFields) async throws -> ProviderAccount {
        var body: [String: JSONValue] = ["emails": .array([.string(fields.email)])]
        if let value = fields.firstName { body["firstName"] = .string(value) }
        if let value = fields.lastName { body["lastName"] = .string(value) }
        body["displayName"] = .string(displayName(fields, fallback: fields.email))
        if let value = fields.licences { body["licenses"] = .array(value.map(JSONValue.string)) }
        for (name, value) in fields.fields { body[name] = .mapped(value, field: name, provider: .webex) }
        let payload = try JSONCoding.encode(body)
        return try await core.createWithoutDuplicates(email: fields.email) {
            do {
                return try await core.http.send(
                    APIRequest("people.create", .POST, peopleURL, body: payload),
                    decoding: WebexPerson.self
                ).account()
            } catch let error as ProviderError where error.code == .invalidRequest {
                if let made = try await account(email: fields.email) { return made }
                throw error
            }
        } lookup: {
            try await account(email: fields.email)
        }
    }

    /// Reads the person, changes the mapped fields, and `PUT`s the whole person back.
    public func update(_ account: ProviderAccount, with fields: AccountFields) async throws -> ProviderAccount {
        try await replace(account, operation: "people.update") { person in
            if fields.email.lowercased() != account.email.lowercased() {
                // The primary email goes first; the others are kept.
                let others = (person["emails"].flatMap(\.arrayValue) ?? [])
                    .filter { $0.stringValue?.lowercased() != account.email.lowercased() }
                person["emails"] = .array([.string(fields.email)] + others)
            }
            if let value = fields.firstName { person["firstName"] = .string(value) }
            if let value = fields.lastName { person["lastName"] = .string(value) }
            if let value = fields.displayName { person["displayName"] = .string(value) }
            if let value = fields.licences { person["licenses"] = .array(value.map(JSONValue.string)) }
            for (name, value) in fields.fields { person[name] = .mapped(value, field: name, provider: .webex) }
        }
    }

    /// `loginEnabled: false` through a full `PUT`: the person cannot sign in; licences are kept.
    public func suspend(_ account: ProviderAccount) async throws -> ProviderAccount {
        try await replace(account, operation: "people.suspend") { $0["loginEnabled"] = .bool(false) }
    }

    /// `loginEnabled: true` through a full `PUT`.
    public func reactivate(_ account: ProviderAccount) async throws -> ProviderAccount {
        try await replace(account, operation: "people.reactivate") { $0["loginEnabled"] = .bool(true) }
    }

    /// `DELETE /people/{id}` (204); a person already gone counts as deleted.
    public func delete(_ account: ProviderAccount) async throws {
        let url = peopleURL + "/" + URLQuery.encode(try requireID(account, operation: "people.delete"))
        try await core.deleteTolerantly(APIRequest("people.delete", .DELETE, url))
    }

    /// GET the person as raw JSON with its calling data, keep what the update schema takes, apply `change`,
    /// PUT it back.
    ///
    /// Webex quirks: the PUT replaces the whole person, so a field left out is lost, Webex Calling's
    /// `extension` and `locationId` included; they are in a GET answer only with `callingData=true`. Attendee
    /// site roles (`site#attendee` in `siteUrls`) are kept only when the PUT says `showAllTypes=true`.
    private func replace(
        _ account: ProviderAccount,
        operation: String,
        change: (inout [String: JSONValue]) -> Void
    ) async throws -> ProviderAccount {
        let url = peopleURL + "/" + URLQuery.encode(try requireID(account, operation: operation))
        let read = try await core.http.send(
            APIRequest("people.get", .GET, URLQuery.url(url, [("callingData", "true")])),
            decoding: [String: JSONValue].self
        )
        var person = Self.writable(read)
        change(&person)
        if person["displayName"]?.stringValue?.isEmpty ?? true {
            // displayName is required on PUT.
            let names = [person["firstName"]?.stringValue, person["lastName"]?.stringValue].compactMap { $0 }
            person["displayName"] = .string(names.isEmpty ? account.email : names.joined(separator: " "))
        }
        let target = URLQuery.url(url, [("callingData", "true"), ("showAllTypes", "true")])
        return try await core.http.send(
            APIRequest(operation, .PUT, target, body: try JSONCoding.encode(person)),
            decoding: WebexPerson.self
        ).account()
    }

    /// The part of a person answer that a PUT body takes, in the body's types.
    ///
    /// Answers carry `loginEnabled` as `"true"`/`"false"`; the body takes a boolean. The update schema takes
    /// phone numbers of type `work` only, as `{type, value}`: the `work_extension` entry answers show is the
    /// extension with its routing prefix and "cannot be used to set the Webex Calling extension" (the
    /// `extension` field carries it).
    static func writable(_ read: [String: JSONValue]) -> [String: JSONValue] {
        var person = read.filter { writableFields.contains($0.key) }
        if let login = person["loginEnabled"]?.stringValue { person["loginEnabled"] = .bool(login == "true") }
        if case .array(let numbers)? = person["phoneNumbers"] {
            person["phoneNumbers"] = .array(
                numbers.compactMap { number in
                    guard case .object(let fields) = number, fields["type"]?.stringValue == "work",
                        let value = fields["value"]
                    else { return nil }
                    return .object(["type": .string("work"), "value": value])
                }
            )
        }
        return person
    }

    private func displayName(_ fields: AccountFields, fallback: String) -> String {
        if let name = fields.displayName, !name.isEmpty { return name }
        let names = [fields.firstName, fields.lastName].compactMap { $0 }
        return names.isEmpty ? fallback : names.joined(separator: " ")
    }

    private func requireID(_ account: ProviderAccount, operation: String) throws -> String {
        guard let id = account.id else {
            throw ProviderError(.invalidRequest, provider: .webex, operation: operation, detail: "person without id")
        }
        return id
    }
}
