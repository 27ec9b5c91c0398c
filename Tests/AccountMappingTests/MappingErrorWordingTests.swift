import Foundation
import OrganizerSyncCore
import SyncConfiguration
import Testing

/// Mapping file errors say what failed, where (file, line, column, key) and what to do next, as the admin reads
/// them (the error's `description`).
@Suite("Mapping file errors: what, where, what next")
struct MappingErrorWordingTests {
    @Test("A regular expression that does not compile: located, and how to write a literal parenthesis")
    func badPattern() throws {
        let error = try mappingError("provider: webex\nfields:\n  email: 'replace(mail, \"(\", \"\")'\n")
        #expect(error.description.contains("target.yaml:3:25: fields.email: "), "\(error)")
        #expect(error.description.contains("the regular expression \"(\" does not compile (ICU syntax)"), "\(error)")
        #expect(error.description.contains(#"written \\ in the string ("\\(")"#), "\(error)")
        // The advice works: the escaped parenthesis loads.
        _ = try loadMapping("provider: webex\nfields:\n  email: 'replace(mail, \"\\\\(\", \"\")'\n")
    }

    @Test("An extensible match in the scope filter: located, and what to use instead")
    func extensibleMatch() throws {
        let error = try mappingError("preset: zoom\nscope:\n  filter: '(cn:dn:=x)'\n")
        #expect(error.description.contains("target.yaml:3:15: scope.filter: "), "\(error)")
        #expect(error.description.contains("extensible matches (':=') are not supported"), "\(error)")
        #expect(error.description.contains("compare the attribute with =, ~=, >= or <="), "\(error)")
        #expect(error.description.contains("scope.groups"), "\(error)")
    }

    @Test("A mapping for another provider than its target's: located, and the two ways out")
    func providerMismatch() throws {
        let error = try mappingError("provider: webex\nfields:\n  email: mail\n", provider: .zoom)
        #expect(error.code == .conflict)
        #expect(error.description.contains("target.yaml:1:"), "\(error)")
        #expect(error.description.contains("the mapping is for webex but the target is zoom"), "\(error)")
        #expect(
            error.description.contains("write provider: zoom (or preset: zoom) here, or give the target a mapping"),
            "\(error)"
        )
    }

    @Test(
        "A missing required key says what to write",
        arguments: [
            ("provider: zoom\n", "fields: is required: one provider field: expression per line, at least email: "),
            (
                "provider: webex\nfields:\n  first_name: givenName\n",
                "fields.email: is required: every account needs an email; add email: lower(mail)",
            ),
            (
                "preset: goto\nlicences:\n  rules:\n    - group: hosts\n",
                "licences.rules[0].licences: is required for goto: list the licence ids to grant "
                    + "(organizer-sync accounts shows",
            ),
        ]
    )
    func missingKey(_ yaml: String, _ expected: String) throws {
        let error = try mappingError(yaml)
        #expect(error.code == .missingKey, "\(error)")
        #expect(error.description.contains("target.yaml:"), "\(error)")
        #expect(error.description.contains(expected), "\(error)")
    }

    @Test(
        "A preset that is neither a name nor a file says which forms work",
        arguments: [
            (
                "preset: 'zoom mapping'\n",
                "preset: expected a provider preset name such as zoom, webex or goto, or the path"
            ),
            (
                "preset: presets/mine.yaml\n",
                "/presets/mine.yaml does not exist (a relative path is read from this file's"
            ),
        ]
    )
    func presetForms(_ yaml: String, _ expected: String) throws {
        let error = try mappingError(yaml)
        #expect(error.description.contains("target.yaml:1:9: preset: "), "\(error)")
        #expect(error.description.contains(expected), "\(error)")
    }
}
