import Testing

@testable import SyncPlanning

/// The matching's position table finds every key it was given, after growing and with colliding hashes.
@Suite struct PositionTableTests {
    @Test func findsEveryKeyAfterGrowing() {
        var table = PositionTable(capacity: 1)
        var list: [String] = []
        for index in 0..<5_000 {
            let key = "user\(index)@example.com"
            #expect(table.position(of: key, hash: key.hashValue, in: list) == nil)
            list.append(key)
            table.insert(list.count - 1, hash: key.hashValue, list: list)
        }
        #expect(table.count == 5_000)
        for (position, key) in list.enumerated() {
            #expect(table.position(of: key, hash: key.hashValue, in: list) == position)
        }
        #expect(table.position(of: "user5000@example.com", hash: "user5000@example.com".hashValue, in: list) == nil)
    }

    @Test func collidingHashesAreToldApartByTheKeys() {
        var table = PositionTable(capacity: 4)
        let list = ["a", "b", "c"]
        for position in list.indices { table.insert(position, hash: 7, list: list) }
        #expect(list.indices.map { table.position(of: list[$0], hash: 7, in: list) } == [0, 1, 2])
        #expect(table.position(of: "d", hash: 7, in: list) == nil)
    }
}
