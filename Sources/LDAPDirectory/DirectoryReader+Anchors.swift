public import OrganizerSyncCore

extension DirectoryReader {
    /// Reads only the users whose anchors are given (and the groups, for their membership), for `apply`'s fresh
    /// look at the users a plan creates, reactivates or links.
    ///
    /// Users not found (deleted, moved out of the search
    /// base or no longer matching the configured filter) are simply absent.
    ///
    /// The users are searched with the configured users filter ANDed with an OR of anchor equalities, in batches;
    /// each anchor is escaped (RFC 4515), and an Active Directory `objectGUID` is matched on its binary value.
    /// - Parameter anchors: the anchors, as the snapshot renders them.
    /// - Returns: a snapshot of those users, with group membership resolved.
    /// - Throws: connection, bind and search errors; an anchor that is not a GUID when the schema says it is one.
    public func read(anchors: [String]) async throws -> DirectorySnapshot {
        guard !anchors.isEmpty else { return DirectorySnapshot(users: [], groups: [], warnings: []) }
        let filters = try anchors.map { try Self.equality(configuration.schema, anchor: $0) }
        return try await runOnDedicatedThread { try readBlocking(anchorFilters: filters) }
    }

    private func readBlocking(anchorFilters: [String]) throws -> DirectorySnapshot {
        warnAboutWeakTLS()
        let connection = try connect()
        var decoder = UserEntryDecoder(schema: configuration.schema)
        var users: [DirectoryUser] = []
        var warnings: [DirectoryWarning] = []
        let base = LDAPFilter.filter(for: configuration.users)
        for start in stride(from: 0, to: anchorFilters.count, by: 200) {
            let batch = anchorFilters[start..<min(start + 200, anchorFilters.count)].joined()
            try connection.pagedSearchMessages(
                base: configuration.users.base,
                scope: configuration.users.scope,
                filter: "(&\(base)(|\(batch)))",
                attributes: decoder.requestedAttributes,
                pageSize: configuration.pageSize,
                operation: "search users by anchor"
            ) { entry in
                switch try decoder.decode(entry, connection: connection) {
                case .success(let user): users.append(user)
                case .failure(let warning): warnings.append(warning.warning)
                }
            }
        }
        let index = GroupIndex(
            groups: try GroupReader(connection: try connect(), configuration: configuration, afterPage: pageObserver)
                .readGroups()
        )
        let resolved = GroupResolver().resolve(users: &users, index: index)
        return DirectorySnapshot(users: users, groups: resolved.groups, warnings: warnings + resolved.warnings)
    }

    /// `(attribute=value)` for one anchor: escaped text, or a GUID's 16 bytes in Active Directory's order, each
    /// written `\xx`.
    static func equality(_ schema: DirectorySchema, anchor: String) throws -> String {
        switch schema.anchorFormat {
        case .text:
            return "(\(schema.anchorAttribute)=\(LDAPFilter.escape(anchor)))"
        case .guid:
            guard let bytes = GUIDFormatter.bytes(from: anchor) else {
                throw LDAPError(
                    .badFilter,
                    operation: "search users by anchor",
                    message: "an anchor in the plan is not a GUID"
                )
            }
            let escaped = bytes.map { "\\" + String($0 >> 4, radix: 16) + String($0 & 0x0F, radix: 16) }.joined()
            return "(\(schema.anchorAttribute)=\(escaped))"
        }
    }
}

extension GUIDFormatter {
    /// The 16 `objectGUID` bytes of a canonical GUID string (the inverse of ``string(from:)``), or `nil` when the
    /// text is not one.
    static func bytes(from text: String) -> [UInt8]? {
        let digits = Array(text.utf8.filter { $0 != UInt8(ascii: "-") })
        guard text.utf8.count == 36, digits.count == 32 else { return nil }
        var canonical: [UInt8] = []
        for pair in stride(from: 0, to: 32, by: 2) {
            guard let high = hexValue(digits[pair]), let low = hexValue(digits[pair + 1]) else { return nil }
            canonical.append(high << 4 | low)
        }
        let order = [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15]
        var bytes = [UInt8](repeating: 0, count: 16)
        for (position, index) in order.enumerated() { bytes[index] = canonical[position] }
        return bytes
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
