/// The type and size each provider's contract gives the account fields a mapping can set, so that a value
/// is converted or refused at plan time and sent with the JSON type the provider declares.
///
/// Zoom: the `POST /users` `user_info` and `PATCH /users/{userId}` schemas of `zoom-users.json`
/// (`first_name` and `last_name` at most 64 characters, `display_name` and `job_title` 128, `use_pmi`
/// boolean, `pronouns_option` one of 1, 2, 3, …). Webex: `POST /people` and `PUT /people/{personId}` in
/// `webex-admin.json` declare strings without a maximum. GoTo has no published schema. Where no maximum is
/// declared, ``undeclaredMaximumLength`` applies (an assumption, see docs/providers-hardening.md).
public enum ProviderFieldContract {
    /// What the contract says of one field.
    public enum Kind: Sendable, Equatable {
        /// Text of at most `maxLength` characters.
        case string(maxLength: Int)
        /// `true` or `false`, sent as a JSON boolean.
        case boolean
        /// A whole number, sent as a JSON number; `allowed` lists the only values the contract accepts.
        case integer(allowed: [Int64]?)
    }

    /// A field's value in its contract's type, for the JSON body.
    public enum Value: Sendable, Equatable {
        case string(String)
        case boolean(Bool)
        case integer(Int64)
    }

    /// The length cap for text the contract declares without a maximum: 1,024 characters.
    public static let undeclaredMaximumLength = 1_024

    /// The contract of `field` (the mapping's name: `first_name`, or a provider field such as `use_pmi`);
    /// `nil` when the provider's update body does not declare the field.
    public static func kind(of field: String, for provider: ProviderKind) -> Kind? {
        switch provider {
        case .zoom: zoom[field]
        case .webex: webex[field]
        case .goto: goto[field]
        }
    }

    /// Checks and converts a mapped value.
    /// - Returns: the value in its contract's type (`"TRUE"` becomes `true`), or the reason it is refused
    ///   (the reason names the rule, never the value).
    public static func convert(_ value: String, as kind: Kind) -> Result<Value, Refusal> {
        switch kind {
        case .string(let maxLength):
            guard value.count <= maxLength else { return .failure(Refusal("longer than \(maxLength) characters")) }
            return .success(.string(value))
        case .boolean:
            switch value.lowercased() {
            case "true": return .success(.boolean(true))
            case "false": return .success(.boolean(false))
            default: return .failure(Refusal("not true or false"))
            }
        case .integer(let allowed):
            guard value.utf8.count <= 20, let number = Int64(value) else {
                return .failure(Refusal("not a whole number"))
            }
            if let allowed, !allowed.contains(number) {
                return .failure(Refusal("not one of \(allowed.map(String.init).joined(separator: ", "))"))
            }
            return .success(.integer(number))
        }
    }

    /// Why a value does not fit its contract (no personal data: the rule, not the value).
    public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    private static let text = Kind.string(maxLength: undeclaredMaximumLength)

    /// `zoom-users.json`, `PATCH /users/{userId}` (and `POST /users` `user_info` for the names and email).
    private static let zoom: [String: Kind] = [
        "email": .string(maxLength: 128), "first_name": .string(maxLength: 64), "last_name": .string(maxLength: 64),
        "display_name": .string(maxLength: 128), "company": .string(maxLength: 255), "dept": text,
        "job_title": .string(maxLength: 128), "location": .string(maxLength: 256), "host_key": .string(maxLength: 10),
        "about_me": .string(maxLength: 150), "timezone": text, "language": text, "cost_center": text,
        "manager": text, "phone_country": text, "phone_number": text, "pronouns": text, "vanity_name": text,
        "group_id": text, "cms_user_id": text, "linkedin_url": text, "use_pmi": .boolean,
        "pmi": .integer(allowed: nil), "pronouns_option": .integer(allowed: [1, 2, 3]),
    ]

    /// `webex-admin.json`, `PUT /people/{personId}`: strings without a declared maximum.
    ///
    /// The mapping's
    /// neutral names (`first_name`) stand for `firstName` and so on.
    private static let webex: [String: Kind] = [
        "email": text, "first_name": text, "last_name": text, "display_name": text, "nickName": text,
        "department": text, "title": text, "manager": text, "managerId": text, "extension": text,
        "locationId": text,
    ]

    /// GoTo publishes no schema for `/admin/rest/v1`; the fields its client sends (docs/goto-evidence.md).
    private static let goto: [String: Kind] = [
        "email": .string(maxLength: 255), "first_name": .string(maxLength: 255),
        "last_name": .string(maxLength: 255), "display_name": .string(maxLength: 255),
        "locale": .string(maxLength: 64), "timeZone": .string(maxLength: 64),
    ]
}
