public import OrganizerSyncCore

/// A field expression of a mapping file: how directory attributes become one provider field.
///
/// ## Language reference
///
/// An expression evaluates, for one directory user, to a list of strings: an LDAP attribute may hold
/// several values. The field takes the first non-empty value; an empty list means "no value".
///
/// - **Attribute reference**: `mail`, `givenName`, `department`: every value of the attribute (names
///   ignore case). The names `dn`, `anchor`, `username` and `email` give the user's DN, immutable
///   anchor, login name and primary email (as the source preset chose them) when the entry has no
///   attribute of that name. A missing attribute is an empty list, never an error.
/// - **String literal**: `"text"` or `'text'`, escapes `\\` `\"` `\'` `\$` `\n` `\t`.
/// - **Template**: in a double-quoted string, `${expression}` inserts the first value of the expression
///   (nothing when it has none): `"${givenName} ${sn}"`, `"${upper(first(sn))}"`.
/// - **Functions** (names ignore case; wrong names and argument counts are load errors):
///   - `lower(x)`, `upper(x)`, `trim(x)`: each value lower-cased, upper-cased (Unicode-aware) or with
///     surrounding white space removed.
///   - `first(x)`: the first non-empty value.
///   - `default(x, y, ...)`: the first argument that has a non-empty value.
///   - `join(separator, x, ...)`: every non-empty value of every argument after the separator, joined
///     into one string (`join(", ", mail)` joins a multi-valued attribute); nothing when there are none.
///   - `replace(x, "regex", "replacement")`: each value with every match of the regular expression
///     (ICU syntax; `(?i)` ignores case) replaced; `$1` in the replacement is the first group.
///   - `if(condition, then)` and `if(condition, then, else)`: `then` when the condition holds, else
///     `else` (or nothing).
/// - **Conditions** (only as `if`'s first argument or inside `not`, `and`, `or`):
///   - `in_group("meeting-hosts")`, `in_group("cn=Hosts,ou=groups,dc=example,dc=com")`: membership,
///     direct or through nested groups; text with `=` is a DN, anything else a group name (`cn`),
///     both compared ignoring case.
///   - `has(x)`: `x` has a non-empty value.
///   - `equals(x, y)`: some value of `x` equals some value of `y`, ignoring case.
///   - `matches(x, "regex")`: some value of `x` matches the regular expression.
///   - `not(c)`, `and(c1, c2, ...)`, `or(c1, c2, ...)`.
///
/// Regular expressions and group names must be string literals, so they are checked when the
/// mapping loads.
///
/// ```
/// expression := call | attribute | string
/// call       := name "(" [ expression { "," expression } ] ")"
/// attribute  := name
/// name       := (letter | "_") { letter | digit | "_" | "-" }
/// string     := '"' { character | escape | "${" expression "}" } '"'
///             | "'" { character | escape } "'"
/// ```
public struct MappingExpression: Sendable, CustomStringConvertible {
    /// The expression as written.
    public let source: String
    let root: ExpressionNode

    /// Parses and type-checks an expression.
    /// - Parameter source: the expression text.
    /// - Throws: ``ExpressionError`` with the 1-based character position of the problem.
    public init(_ source: String) throws(ExpressionError) {
        self.source = source
        root = try ExpressionParser.parse(source)
    }

    public var description: String { source }

    /// The attribute names (lower-cased) the expression reads.
    ///
    /// A caller can check that the source reads them. Built-in names (`dn`, `anchor`, `username`, `email`) are included.
    public var referencedAttributes: [String] { root.attributes }

    /// The groups the expression names with `in_group`, so they can be checked against the directory.
    public var referencedGroups: [GroupReference] { root.groups }

    /// Every value the expression gives for a user.
    /// - Parameters:
    ///   - user: the directory user.
    ///   - index: the snapshot's groups, for `in_group` with a group name.
    /// - Returns: the values, possibly empty.
    public func values(for user: DirectoryUser, index: DirectoryIndex) -> [String] {
        values(for: MappingSubject(user, index: index))
    }

    /// The field value for a user: the first non-empty value, or `nil`.
    public func value(for user: DirectoryUser, index: DirectoryIndex) -> String? {
        value(for: MappingSubject(user, index: index))
    }

    func values(for subject: MappingSubject) -> [String] {
        ExpressionEvaluator(subject: subject).values(root)
    }

    func value(for subject: MappingSubject) -> String? {
        values(for: subject).first { !$0.isEmpty }
    }
}
