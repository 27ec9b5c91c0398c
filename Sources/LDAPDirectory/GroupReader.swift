import OrganizerSyncCore

/// Reads the groups with a paged search and completes ranged attributes.
///
/// Active Directory returns at most MaxValRange values of a multi-valued attribute per request: a
/// group with more members comes back as `member;range=0-1499`, and the rest must be asked for with
/// explicit `member;range=1500-*` base searches until a range ends in `*`. The Active Directory
/// preset asks for `member;range=0-1499` from the start: Windows and Samba then both answer in
/// ranges (Samba does not enforce MaxValRange and would otherwise send every value at once), so the
/// same loop runs against both.
struct GroupReader {
    let connection: LDAPConnection
    let configuration: DirectoryConfiguration
    /// Called after each page of each search (operation, page number); a seam for tests.
    var afterPage: (@Sendable (String, Int) -> Void)?

    func readGroups() throws -> [RawGroup] {
        let schema = configuration.schema
        var attributes = [schema.groupNameAttribute] + schema.memberAttributes + schema.memberUidAttributes
        if !attributes.contains(where: { $0.lowercased() == schema.anchorAttribute.lowercased() }) {
            attributes.append(schema.anchorAttribute)
        }
        var groups: [RawGroup] = []
        var incomplete: [(index: Int, next: String)] = []
        let binary: Set<String> = schema.anchorFormat == .guid ? [schema.anchorAttribute.lowercased()] : []
        try connection.pagedSearch(
            base: configuration.groups.base,
            scope: configuration.groups.scope,
            filter: LDAPFilter.filter(for: configuration.groups),
            attributes: attributes,
            binaryAttributes: binary,
            pageSize: configuration.pageSize,
            operation: "search groups",
            afterPage: { afterPage?("search groups", $0) },
            body: { entry in
                let collected = GroupEntryCollector(schema: schema).collect(entry)
                groups.append(collected.group)
                for next in collected.pendingRanges { incomplete.append((groups.count - 1, next)) }
            }
        )
        for (index, next) in incomplete {
            let dn = groups[index].dn
            try RangeCompletion(schema: schema).complete(&groups[index], firstRequest: next) { description in
                // One base search per range; the operation names the range asked for (no personal data).
                let operation = "search group members (\(description))"
                var entries: [LDAPEntry] = []
                try connection.pagedSearch(
                    base: dn,
                    scope: .base,
                    filter: "(objectClass=*)",
                    attributes: [description],
                    pageSize: configuration.pageSize,
                    operation: operation,
                    afterPage: { afterPage?(operation, $0) }
                ) { entries.append($0) }
                return entries
            }
        }
        return groups
    }
}

/// The follow-up loop of ranged retrieval, apart from the connection so recorded responses can drive it.
///
/// Asks for `firstRequest`, appends the values of every range that comes back, and asks for the range
/// after the last index returned until a range ends in `*`. A server that truncates ranges below the
/// size asked for (a MaxValRange under 1,500) simply leads to more requests.
struct RangeCompletion {
    let schema: DirectorySchema

    /// Appends the remaining ranges' values to `group`.
    ///
    /// - Parameters:
    ///   - group: the group whose first range was read; its member lists grow.
    ///   - firstRequest: the first follow-up (`member;range=1500-*`).
    ///   - fetch: runs a base search of the group for one attribute description and returns the
    ///     entries it found.
    /// - Throws: whatever `fetch` throws (an ``LDAPError`` from the connection), and `searchFailed` when an
    ///   answer holds no range before the last (the group changed or vanished during the read): a group
    ///   whose members would be incomplete is an error, never a partial snapshot.
    func complete(_ group: inout RawGroup, firstRequest: String, fetch: (String) throws -> [LDAPEntry]) throws {
        var request: String? = firstRequest
        let collector = GroupEntryCollector(schema: schema)
        while let description = request {
            request = nil
            var found = false
            for entry in try fetch(description) {
                let collected = collector.collect(entry)
                group.memberDNs += collected.group.memberDNs
                group.memberUids += collected.group.memberUids
                request = collected.pendingRanges.first
                found = found || !collected.rangesSeen.isEmpty
            }
            if !found {
                throw LDAPError(
                    .searchFailed,
                    operation: "search group members (\(description))",
                    message: "the server answered without the range asked for, before the last range: the group "
                        + "changed or was deleted during the read, and its members would be incomplete; run again"
                )
            }
        }
    }
}

/// Splits one group entry into its name, anchor and member values, noting ranged attributes that
/// have more values to fetch.
struct GroupEntryCollector {
    let schema: DirectorySchema

    struct Collected {
        var group: RawGroup
        var pendingRanges: [String]
        var rangesSeen: [RangedAttribute]
    }

    func collect(_ entry: LDAPEntry) -> Collected {
        // A configured name may itself ask for a range (`member;range=0-1499`): values come back
        // under the attribute's name with a range, which is what is compared.
        let memberNames = Set(schema.memberAttributes.map { RangedAttribute(description: $0)?.name ?? $0.lowercased() })
        let uidNames = Set(schema.memberUidAttributes.map { RangedAttribute(description: $0)?.name ?? $0.lowercased() })
        var memberDNs: [String] = []
        var memberUids: [String] = []
        var pending: [String] = []
        var ranges: [RangedAttribute] = []
        for (description, values) in entry.attributes {
            let ranged = RangedAttribute(description: description)
            let name = ranged?.name ?? description
            if memberNames.contains(name) {
                // uniqueMember (RFC 4517 NameAndOptionalUID) may carry a `#'…'B` UID after the DN.
                memberDNs +=
                    name == "uniquemember" ? values.map { String(DistinguishedName.withoutOptionalUID($0)) } : values
            } else if uidNames.contains(name) {
                memberUids += values
            } else {
                continue
            }
            if let ranged {
                ranges.append(ranged)
                if let next = ranged.nextRequest { pending.append(next) }
            }
        }
        let anchor = AnchorFormatter(schema: schema).anchor(of: entry)
        let name = entry.string(schema.groupNameAttribute) ?? Self.firstRDNValue(entry.dn)
        return Collected(
            group: RawGroup(dn: entry.dn, name: name, anchor: anchor, memberDNs: memberDNs, memberUids: memberUids),
            pendingRanges: pending,
            rangesSeen: ranges
        )
    }

    static func firstRDNValue(_ dn: String) -> String {
        let rdn = dn.prefix { $0 != "," }
        guard let equals = rdn.firstIndex(of: "=") else { return String(rdn) }
        return String(rdn[rdn.index(after: equals)...])
    }
}
