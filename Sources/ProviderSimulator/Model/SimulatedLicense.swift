/// A licence (GoTo licence, Webex licence) that accounts can hold.
public struct SimulatedLicense: Sendable, Codable, Equatable, Hashable {
    /// The licence id (GoTo `key`, Webex `id`).
    public var id: String
    /// Display name (Webex `name`, GoTo `description`).
    public var name: String
    /// Products the licence grants (GoTo `products`, for example `["G2M"]`).
    public var products: [String]
    /// Seats available (GoTo `seats`, Webex `totalUnits`).
    public var seats: Int

    /// Creates a licence.
    public init(id: String, name: String, products: [String] = [], seats: Int = 100_000) {
        self.id = id
        self.name = name
        self.products = products
        self.seats = seats
    }

    private enum CodingKeys: String, CodingKey { case id, name, products, seats }

    /// Decodes a licence; `products` and `seats` are optional.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id),
            name: try c.decodeIfPresent(String.self, forKey: .name) ?? "",
            products: try c.decodeIfPresent([String].self, forKey: .products) ?? [],
            seats: try c.decodeIfPresent(Int.self, forKey: .seats) ?? 100_000
        )
    }
}
