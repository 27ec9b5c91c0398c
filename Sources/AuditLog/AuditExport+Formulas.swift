extension AuditExport {
    /// The first characters that make a spreadsheet read a cell as a formula (`=`, `+`, `-`, `@`) or that some
    /// spreadsheets strip before doing so (tab, CR): OWASP's list for CSV injection.
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// `value` made inert for spreadsheets: a cell starting with a formula character gets a leading `'`, which
    /// spreadsheets show as text and do not evaluate.
    ///
    /// An LDAP mail or a provider message such as
    /// `=HYPERLINK("http://x")` then stays text in the auditor's spreadsheet.
    /// - Parameter value: the cell's text.
    /// - Returns: the text, prefixed with `'` when it starts with a formula character.
    public static func neutralised(_ value: String) -> String {
        guard let first = value.first, formulaStarts.contains(first) else { return value }
        return "'" + value
    }
}
