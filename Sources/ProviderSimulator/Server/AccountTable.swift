/// The accounts of one provider, indexed by id and by email, in a stable listing order.
///
/// Listing is cursor based: every account gets an increasing sequence number when inserted, and a cursor is the
/// last sequence number a page returned, so a page costs a binary search plus the page itself, even with 100,000
/// accounts. Deletions leave holes that are compacted on the next listing.
struct AccountTable: Sendable {
    private struct Record: Sendable {
        var account: SimulatedAccount
        let seq: Int
    }

    private var records: [String: Record] = [:]
    private var order: [String] = []
    private var orderSeqs: [Int] = []
    private var emailIndex: [String: String] = [:]
    private var nextSeq = 1
    private var hasHoles = false
    private(set) var countByStatus: [SimulatedAccount.Status: Int] = [:]

    init(accounts: [SimulatedAccount]) {
        records.reserveCapacity(accounts.count)
        for account in accounts { _ = insert(account) }
    }

    var count: Int { records.count }

    func account(id: String) -> SimulatedAccount? { records[id]?.account }

    func account(email: String) -> SimulatedAccount? {
        emailIndex[email.lowercased()].flatMap { records[$0]?.account }
    }

    /// Inserts at the end of the listing order; false if the id or email is taken.
    mutating func insert(_ account: SimulatedAccount) -> Bool {
        let key = account.email.lowercased()
        guard records[account.id] == nil, emailIndex[key] == nil else { return false }
        records[account.id] = Record(account: account, seq: nextSeq)
        order.append(account.id)
        orderSeqs.append(nextSeq)
        nextSeq += 1
        emailIndex[key] = account.id
        countByStatus[account.status, default: 0] += 1
        return true
    }

    /// Replaces an account (same id), keeping its place; false if missing or the new email is taken by another.
    mutating func replace(_ account: SimulatedAccount) -> Bool {
        guard let old = records[account.id] else { return false }
        let oldKey = old.account.email.lowercased()
        let newKey = account.email.lowercased()
        if oldKey != newKey {
            if emailIndex[newKey] != nil { return false }
            emailIndex[oldKey] = nil
            emailIndex[newKey] = account.id
        }
        countByStatus[old.account.status, default: 0] -= 1
        countByStatus[account.status, default: 0] += 1
        records[account.id] = Record(account: account, seq: old.seq)
        return true
    }

    @discardableResult
    mutating func remove(id: String) -> SimulatedAccount? {
        guard let old = records.removeValue(forKey: id) else { return nil }
        emailIndex[old.account.email.lowercased()] = nil
        countByStatus[old.account.status, default: 0] -= 1
        hasHoles = true
        return old.account
    }

    private mutating func compact() {
        guard hasHoles else { return }
        var newOrder: [String] = []
        var newSeqs: [Int] = []
        newOrder.reserveCapacity(records.count)
        newSeqs.reserveCapacity(records.count)
        for (id, seq) in zip(order, orderSeqs) where records[id]?.seq == seq {
            newOrder.append(id)
            newSeqs.append(seq)
        }
        order = newOrder
        orderSeqs = newSeqs
        hasHoles = false
    }

    /// All accounts in listing order.
    mutating func all() -> [SimulatedAccount] {
        compact()
        return order.compactMap { records[$0]?.account }
    }

    /// Accounts `offset..<offset+limit` in listing order.
    mutating func slice(offset: Int, limit: Int) -> [SimulatedAccount] {
        compact()
        guard offset < order.count, limit > 0 else { return [] }
        return order[offset..<min(order.count, offset + limit)].compactMap { records[$0]?.account }
    }

    /// Up to `limit` matching accounts after the cursor `afterSeq` (0 = from the start).
    /// - Returns: The accounts, the cursor for the next page, and whether another match follows.
    mutating func page(
        afterSeq: Int,
        limit: Int,
        where matches: (SimulatedAccount) -> Bool = { _ in true }
    ) -> (accounts: [SimulatedAccount], lastSeq: Int, hasMore: Bool) {
        compact()
        var low = 0
        var high = orderSeqs.count
        while low < high {
            let mid = (low + high) / 2
            if orderSeqs[mid] <= afterSeq { low = mid + 1 } else { high = mid }
        }
        var result: [SimulatedAccount] = []
        result.reserveCapacity(min(limit, 4096))
        var lastSeq = afterSeq
        var index = low
        while index < order.count {
            guard let record = records[order[index]] else {
                index += 1
                continue
            }
            if matches(record.account) {
                if result.count == limit { return (result, lastSeq, true) }
                result.append(record.account)
                lastSeq = record.seq
            }
            index += 1
        }
        return (result, lastSeq, false)
    }
}
