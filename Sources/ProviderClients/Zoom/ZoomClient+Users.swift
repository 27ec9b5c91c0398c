import Foundation
import Logging
import NIOHTTP1
public import OrganizerSyncCore

extension ZoomClient {
    /// Lists `status=active`, `inactive` and `pending` in turn, following `next_page_token` until it is
    /// empty.
    ///
    /// An expired token (400, code 300) restarts that status once; duplicates are dropped. Each
    /// status listing is bounded by a ``ListingGuard``: a repeated token, a page without new users, more
    /// pages than `total_records` allows, a count short of `total_records` or the deadline is an error.
    public func listAccounts() async throws -> [ProviderAccount] {
        let pageSize = core.configuration.pageSize ?? 300
        var accounts: [ProviderAccount] = []
        var interner = StorageInterner()
        let started = core.http.clock.now()
        for status in ["active", "inactive", "pending"] {
            var bounds = core.listingGuard("users.list", started: started)
            var seen = Set<String>()
            // This status's accounts go straight into `accounts` (a second array and a copy of it cost as much
            // as the accounts themselves at the moment they are joined); a restart drops them from here.
            let statusStart = accounts.count
            var restarted = false
            var token = ""
            while true {
                try bounds.beginPage()
                var query = [("status", status), ("page_size", "\(pageSize)")]
                if !token.isEmpty { query.append(("next_page_token", token)) }
                let page: ZoomUserPage
                do {
                    page = try await core.http.send(
                        APIRequest("users.list", .GET, URLQuery.url(usersURL, query)),
                        decoding: ZoomUserPage.self
                    )
                } catch let error as ProviderError
                    where !token.isEmpty && !restarted && error.code == .invalidRequest && error.providerCode == "300"
                {
                    core.logger.notice(
                        "Zoom page token expired, listing this status again",
                        metadata: ["zoom.status": "\(status)"]
                    )
                    restarted = true
                    token = ""
                    seen.removeAll()
                    accounts.removeSubrange(statusStart...)
                    bounds.restart()
                    continue
                }
                var added = 0
                for user in page.users ?? [] where seen.insert(user.id ?? user.email.lowercased()).inserted {
                    accounts.append(user.account(listedStatus: status, sharing: &interner))
                    added += 1
                }
                token = page.nextPageToken ?? ""
                if !token.isEmpty { try bounds.follow(token, kind: "next_page_token") }
                try bounds.observe(
                    total: page.totalRecords,
                    itemsOnPage: page.users?.count ?? 0,
                    newItems: added,
                    requestedPageSize: pageSize,
                    hasNext: !token.isEmpty
                )
                if token.isEmpty { break }
            }
            try bounds.finish(count: seen.count)
        }
        return accounts
    }

    /// `GET /users/{email}`; 404 (code 1001) means no such user.
    public func account(email: String) async throws -> ProviderAccount? {
        let url = usersURL + "/" + URLQuery.encode(email)
        do {
            return try await core.http.send(APIRequest("users.get", .GET, url), decoding: ZoomUser.self).account()
        } catch let error as ProviderError where error.code == .notFound {
            return nil
        }
    }

    /// `POST /users` `{"action","user_info"}`.
    ///
    /// 409 (code 1005, email taken) and lost answers are resolved by
    /// looking the email up. With `action=create` the user stays pending until they accept the invitation.
    public func create(_ fields: AccountFields) async throws -> ProviderAccount {
        let action = core.configuration.zoomCreateAction
        let type = fields.userType.flatMap { Int($0) } ?? core.configuration.zoomDefaultUserType
        var info: [String: JSONValue] = ["email": .string(fields.email), "type": .number(Decimal(type))]
        if let value = fields.firstName { info["first_name"] = .string(value) }
        if let value = fields.lastName { info["last_name"] = .string(value) }
        if let value = fields.displayName { info["display_name"] = .string(value) }
        let body = try JSONCoding.encode(["action": JSONValue.string(action), "user_info": .object(info)])
        return try await core.createWithoutDuplicates(email: fields.email) {
            let created = try await core.http.send(
                APIRequest("users.create", .POST, usersURL, body: body),
                decoding: ZoomCreatedUser.self
            )
            return ProviderAccount(
                id: created.id,
                email: created.email ?? fields.email,
                firstName: fields.firstName,
                lastName: fields.lastName,
                displayName: fields.displayName,
                status: action == "create" ? .pending : .active,
                userType: created.type?.value ?? "\(type)"
            )
        } lookup: {
            try await account(email: fields.email)
        }
    }

    /// `PATCH /users/{id}` with the changed fields (204), and `PUT /users/{id}/email` when the email changes.
    public func update(_ account: ProviderAccount, with fields: AccountFields) async throws -> ProviderAccount {
        var body: [String: JSONValue] = [:]
        var updated = account
        if let value = fields.firstName {
            body["first_name"] = .string(value)
            updated.firstName = value
        }
        if let value = fields.lastName {
            body["last_name"] = .string(value)
            updated.lastName = value
        }
        if let value = fields.displayName {
            body["display_name"] = .string(value)
            updated.displayName = value
        }
        // Zoom rebuilds the display name from the first and last name when only those change; the display name
        // as it is (the mapping's, unchanged) is sent with them so the next listing does not differ again.
        if body["display_name"] == nil, body["first_name"] != nil || body["last_name"] != nil,
            let current = account.displayName
        {
            body["display_name"] = .string(current)
        }
        if let value = fields.userType, let type = Int(value) {
            body["type"] = .number(Decimal(type))
            updated.userType = value
        }
        for (name, value) in fields.fields {
            body[name] = .mapped(value, field: name, provider: .zoom)
            updated.fields[name] = value
        }
        if !body.isEmpty {
            _ = try await core.http.send(
                APIRequest("users.update", .PATCH, userURL(account), body: try JSONCoding.encode(body))
            )
        }
        if fields.email.lowercased() != account.email.lowercased() {
            let payload = try JSONCoding.encode(["email": fields.email])
            _ = try await core.http.send(APIRequest("users.email", .PUT, userURL(account) + "/email", body: payload))
            updated.email = fields.email
        }
        return updated
    }

    /// `PUT /users/{id}/status {"action":"deactivate"}`: removes the user's licences and blocks sign-in.
    public func suspend(_ account: ProviderAccount) async throws -> ProviderAccount {
        try await setStatus(account, action: "deactivate", operation: "users.deactivate")
        var suspended = account
        suspended.status = .suspended
        return suspended
    }

    /// `PUT /users/{id}/status {"action":"activate"}`.
    public func reactivate(_ account: ProviderAccount) async throws -> ProviderAccount {
        try await setStatus(account, action: "activate", operation: "users.activate")
        var active = account
        active.status = .active
        return active
    }

    /// `DELETE /users/{id}?action=delete`: the default action, `disassociate`, would leave the person a
    /// free Zoom account.
    ///
    /// A pending user (no id yet) can only be removed with `disassociate`, which for an
    /// invitation just withdraws it. A user already gone counts as deleted.
    public func delete(_ account: ProviderAccount) async throws {
        let action = account.id == nil || account.status == .pending ? "disassociate" : "delete"
        let url = URLQuery.url(userURL(account), [("action", action)])
        try await core.deleteTolerantly(APIRequest("users.delete", .DELETE, url))
    }

    private func setStatus(_ account: ProviderAccount, action: String, operation: String) async throws {
        let body = try JSONCoding.encode(["action": action])
        _ = try await core.http.send(APIRequest(operation, .PUT, userURL(account) + "/status", body: body))
    }
}
