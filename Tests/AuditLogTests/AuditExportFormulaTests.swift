import AuditLog
import Testing

/// CSV injection: cells a spreadsheet would evaluate are made text, unless the auditor asks for `--raw`.
@Suite struct AuditExportFormulaTests {
    @Test("CSV cells starting with = + - @, tab or CR get a leading '; --raw keeps them; others are untouched")
    func formulasAreNeutralised() throws {
        var record = AuditRecord(seq: 1, time: "2025-03-01T09:00:00.000Z", run: "r", type: .intent, prev: "p")
        record.email = #"=HYPERLINK("http://x")@evil.example"#
        record.message = "+1 tab\tinside is fine"
        record.user = "@admin"
        record.host = "-host"
        record.command = "\tcmd"
        record.target = "\rtarget"
        record.anchor = "plain"
        let entry = AuditEntry(line: 1, record: record, text: "{}", hash: "h")
        let row = AuditQueryTests().parseCSV(AuditExport.csv([entry]))[1]
        let column = { (name: String) in row[try #require(AuditExport.csvColumns.firstIndex(of: name))] }
        #expect(try column("email") == #"'=HYPERLINK("http://x")@evil.example"#)
        #expect(try column("message") == "'+1 tab\tinside is fine")
        #expect(try column("user") == "'@admin")
        #expect(try column("host") == "'-host")
        #expect(try column("command") == "'\tcmd")
        #expect(try column("target") == "'\rtarget")
        #expect(try column("anchor") == "plain")
        let raw = AuditQueryTests().parseCSV(AuditExport.csv([entry], raw: true))[1]
        #expect(raw.contains(#"=HYPERLINK("http://x")@evil.example"#))
    }
}
