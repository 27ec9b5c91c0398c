import Reports

/// The plan review's templates, kept in the binary (see ``Reports/ReportTemplate``).
///
/// Every `{{value}}` is
/// escaped by the renderer for the format.
enum PlanReviewTemplates {
    static let html = ReportTemplate(
        name: "plan.html",
        format: .html,
        text: """
            {{<layout}}{{$content}}
            {{#isBlocked}}
            <p class="banner alert" id="blocked">BLOCKED by a safety gate: apply refuses this plan unless every \
            gate under “Gates tripped” is overridden.</p>
            {{/isBlocked}}
            {{^hasChanges}}<p class="banner ok" id="no-changes">No changes: the accounts match the directory.</p>{{/hasChanges}}
            <section id="summary">
            <h2>Summary</h2>
            <dl class="figures">
            {{#figures}}<div><dt>{{label}}</dt><dd data-figure="{{key}}">{{value}}</dd></div>
            {{/figures}}
            </dl>
            <table class="data sortable" id="targets" aria-label="targets">
            <thead><tr><th>Target</th><th>Provider</th><th class="number">In scope</th><th class="number">Accounts</th>\
            <th class="number">Create</th><th class="number">Update</th><th class="number">Reactivate</th>\
            <th class="number">Suspend</th><th class="number">Delete</th><th class="number">Conflicts</th>\
            <th class="number">Protected</th><th class="number">Unmanaged</th><th>Gates</th></tr></thead>
            <tbody>
            {{#targets}}<tr><td>{{name}}</td><td>{{provider}}</td><td class="number">{{inScope}}</td>\
            <td class="number">{{accounts}}</td><td class="number">{{create}}</td><td class="number">{{update}}</td>\
            <td class="number">{{reactivate}}</td><td class="number">{{suspend}}</td><td class="number">{{delete}}</td>\
            <td class="number">{{conflicts}}</td><td class="number">{{protected}}</td>\
            <td class="number">{{unmanaged}}</td><td>{{#isBlocked}}BLOCKED{{/isBlocked}}{{^isBlocked}}clear{{/isBlocked}}</td></tr>
            {{/targets}}
            </tbody>
            </table>
            </section>
            <section id="seal">
            <h2>Seal</h2>
            <dl class="facts">
            <dt>Digest</dt><dd><code id="digest">{{digest}}</code> ({{sealCheck}})</dd>
            <dt>Configuration</dt><dd><code>{{configDigest}}</code></dd>
            <dt>Made</dt><dd>{{createdAt}} by organizer-sync {{toolVersion}}</dd>
            <dt>Signature</dt><dd id="signature">{{#signature}}key {{keyName}} (<code>{{keyFingerprint}}</code>), \
            {{check}}{{/signature}}{{^signature}}not signed{{/signature}}</dd>
            <dt>Approvals</dt><dd>{{^approvals}}none{{/approvals}}{{#approvals}}<div>{{name}}, {{approvedAt}}: \
            {{reason}} (<code>{{keyFingerprint}}</code>)</div>{{/approvals}}</dd>
            {{#directoryWarnings}}<dt>Directory</dt><dd>{{.}}</dd>
            {{/directoryWarnings}}
            </dl>
            </section>
            {{#creates}}{{> plan.actions.html}}{{/creates}}
            {{#updates}}
            <section id="{{id}}">
            <h2 class="kind-{{id}}">{{heading}} ({{count}})</h2>
            {{^hasRows}}<p class="muted">None.</p>{{/hasRows}}
            {{#hasRows}}
            <table class="data sortable filterable" aria-label="{{heading}}">
            <thead><tr><th>Target</th><th>Account</th><th>Field</th><th>Before</th><th>After</th><th>Why</th></tr></thead>
            <tbody>
            {{#rows}}<tr><td>{{target}}</td><td>{{email}}</td><td>{{field}}</td><td class="before">{{before}}</td>\
            <td class="after">{{after}}</td><td>{{reasons}}</td></tr>
            {{/rows}}
            </tbody>
            </table>
            {{/hasRows}}
            </section>
            {{/updates}}
            {{#laterActions}}{{> plan.actions.html}}{{/laterActions}}
            {{#gates}}
            <section id="{{id}}">
            <h2>{{heading}} ({{count}})</h2>
            {{^hasRows}}<p class="muted">None: no threshold or guard tripped.</p>{{/hasRows}}
            {{#hasRows}}
            <table class="data" aria-label="{{heading}}">
            <thead><tr><th>Target</th><th>Gate</th><th>Figures</th><th>Blocks</th></tr></thead>
            <tbody>
            {{#rows}}<tr><td>{{target}}</td><td><code>{{name}}</code></td><td>{{summary}}</td><td>{{blocks}}</td></tr>
            {{/rows}}
            </tbody>
            </table>
            {{/hasRows}}
            </section>
            {{/gates}}
            {{#conflicts}}
            <section id="{{id}}">
            <h2>{{heading}} ({{count}})</h2>
            {{^hasRows}}<p class="muted">None.</p>{{/hasRows}}
            {{#hasRows}}
            <p>Users and accounts that could not be matched one to one. None of them is touched.</p>
            <table class="data sortable" aria-label="{{heading}}">
            <thead><tr><th>Target</th><th>Kind</th><th>Anchors</th><th>Emails</th><th>Provider ids</th></tr></thead>
            <tbody>
            {{#rows}}<tr><td>{{target}}</td><td>{{kind}}</td><td>{{anchors}}</td><td>{{emails}}</td>\
            <td>{{providerIDs}}</td></tr>
            {{/rows}}
            </tbody>
            </table>
            {{/hasRows}}
            </section>
            {{/conflicts}}
            {{#skipped}}
            <section id="{{id}}">
            <h2>{{heading}} ({{count}})</h2>
            {{^hasRows}}<p class="muted">None.</p>{{/hasRows}}
            {{#hasRows}}
            <table class="data sortable filterable" aria-label="{{heading}}">
            <thead><tr><th>Target</th><th>Account</th><th>Why</th><th>Detail</th></tr></thead>
            <tbody>
            {{#rows}}<tr><td>{{target}}</td><td>{{email}}</td><td>{{why}}</td><td>{{detail}}</td></tr>
            {{/rows}}
            </tbody>
            </table>
            {{/hasRows}}
            </section>
            {{/skipped}}
            {{/content}}{{/layout}}
            """
    )

    /// A section of creates, reactivations, suspensions or deletions (the context is a ``PlanReview/Section``).
    static let actions = ReportTemplate(
        name: "plan.actions.html",
        format: .html,
        text: """
            <section id="{{id}}">
            <h2 class="kind-{{id}}">{{heading}} ({{count}})</h2>
            {{^hasRows}}<p class="muted">None.</p>{{/hasRows}}
            {{#hasRows}}
            <table class="data sortable filterable" aria-label="{{heading}}">
            <thead><tr><th>Target</th><th>Account</th><th>Directory entry</th><th>Provider id</th><th>Status</th>\
            <th>Why</th>{{#withFields}}<th>Fields</th>{{/withFields}}</tr></thead>
            <tbody>
            {{#rows}}<tr><td>{{target}}</td><td>{{email}}</td><td>{{dn}}</td><td><code>{{providerID}}</code></td>\
            <td>{{status}}</td><td>{{reasons}}</td>{{#withFields}}<td>{{#fields}}<div>{{field}}: {{value}}</div>\
            {{/fields}}</td>{{/withFields}}</tr>
            {{/rows}}
            </tbody>
            </table>
            {{/hasRows}}
            </section>

            """
    )

    /// The plan for a change ticket or a pull request.
    static let markdown = ReportTemplate(
        name: "plan.md",
        format: .markdown,
        text: """
            # Plan for review

            {{#isBlocked}}
            > **BLOCKED by a safety gate**: apply refuses this plan unless every gate under "Gates tripped" is overridden.

            {{/isBlocked}}
            {{^hasChanges}}
            No changes: the accounts match the directory.

            {{/hasChanges}}
            ## Summary

            |{{#figures}} {{label}} |{{/figures}}
            |{{#figures}}---:|{{/figures}}
            |{{#figures}} {{value}} |{{/figures}}

            | Target | Provider | In scope | Accounts | Create | Update | Reactivate | Suspend | Delete | Conflicts | Protected | Unmanaged | Gates |
            |---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|
            {{#targets}}
            | {{name}} | {{provider}} | {{inScope}} | {{accounts}} | {{create}} | {{update}} | {{reactivate}} | {{suspend}} | {{delete}} | {{conflicts}} | {{protected}} | {{unmanaged}} | {{#isBlocked}}**BLOCKED**{{/isBlocked}}{{^isBlocked}}clear{{/isBlocked}} |
            {{/targets}}

            ## Seal

            - Digest: {{digest}} ({{sealCheck}})
            - Configuration: {{configDigest}}
            - Made: {{createdAt}} by organizer-sync {{toolVersion}}
            {{#signature}}
            - Signature: key {{keyName}} ({{keyFingerprint}}), {{check}}
            {{/signature}}
            {{^signature}}
            - Signature: not signed
            {{/signature}}
            {{^approvals}}
            - Approvals: none
            {{/approvals}}
            {{#approvals}}
            - Approved by {{name}} at {{approvedAt}} ({{keyFingerprint}}): {{reason}}
            {{/approvals}}
            {{#directoryWarnings}}
            - Directory: {{.}}
            {{/directoryWarnings}}

            {{#creates}}
            {{> plan.actions.md}}

            {{/creates}}
            {{#updates}}
            ## {{heading}} ({{count}})

            {{^hasRows}}
            None.
            {{/hasRows}}
            {{#hasRows}}
            | Target | Account | Field | Before | After | Why |
            |---|---|---|---|---|---|
            {{#rows}}
            | {{target}} | {{email}} | {{field}} | {{before}} | {{after}} | {{reasons}} |
            {{/rows}}
            {{/hasRows}}

            {{/updates}}
            {{#laterActions}}
            {{> plan.actions.md}}

            {{/laterActions}}
            {{#gates}}
            ## {{heading}} ({{count}})

            {{^hasRows}}
            None: no threshold or guard tripped.
            {{/hasRows}}
            {{#hasRows}}
            | Target | Gate | Figures | Blocks |
            |---|---|---|---|
            {{#rows}}
            | {{target}} | {{name}} | {{summary}} | {{blocks}} |
            {{/rows}}
            {{/hasRows}}

            {{/gates}}
            {{#conflicts}}
            ## {{heading}} ({{count}})

            {{^hasRows}}
            None.
            {{/hasRows}}
            {{#hasRows}}
            Users and accounts that could not be matched one to one. None of them is touched.

            | Target | Kind | Anchors | Emails | Provider ids |
            |---|---|---|---|---|
            {{#rows}}
            | {{target}} | {{kind}} | {{anchors}} | {{emails}} | {{providerIDs}} |
            {{/rows}}
            {{/hasRows}}

            {{/conflicts}}
            {{#skipped}}
            ## {{heading}} ({{count}})

            {{^hasRows}}
            None.
            {{/hasRows}}
            {{#hasRows}}
            | Target | Account | Why | Detail |
            |---|---|---|---|
            {{#rows}}
            | {{target}} | {{email}} | {{why}} | {{detail}} |
            {{/rows}}
            {{/hasRows}}
            {{/skipped}}

            """
    )

    /// A Markdown section of creates, reactivations, suspensions or deletions.
    static let markdownActions = ReportTemplate(
        name: "plan.actions.md",
        format: .markdown,
        text: """
            ## {{heading}} ({{count}})

            {{^hasRows}}
            None.
            {{/hasRows}}
            {{#hasRows}}
            | Target | Account | Directory entry | Provider id | Status | Why |{{#withFields}} Fields |{{/withFields}}
            |---|---|---|---|---|---|{{#withFields}}---|{{/withFields}}
            {{#rows}}
            | {{target}} | {{email}} | {{dn}} | {{providerID}} | {{status}} | {{reasons}} |{{#withFields}}{{#fields}} {{field}}: {{value}};{{/fields}} |{{/withFields}}
            {{/rows}}
            {{/hasRows}}

            """
    )
}
