import Reports

/// The audit report's templates, kept in the binary (see ``Reports/ReportTemplate``).
///
/// Every `{{value}}` is
/// escaped by the renderer for the format; the context is an ``AuditReportPage``.
enum AuditReportTemplates {
    static let html = ReportTemplate(
        name: "audit-report.html",
        format: .html,
        text: """
            {{<layout}}{{$content}}
            {{#isBroken}}<p class="banner alert" id="verdict" role="alert">{{verdict}}</p>{{/isBroken}}
            {{^isBroken}}<p class="banner ok" id="verdict">{{verdict}}</p>{{/isBroken}}
            <section id="summary">
            <h2>Summary</h2>
            <dl class="figures">
            {{#figures}}<div><dt>{{label}}</dt><dd data-figure="{{key}}">{{value}}</dd></div>
            {{/figures}}
            </dl>
            {{#hasTargets}}
            <table class="data sortable" id="targets" aria-label="changes by target">
            <thead><tr><th>Target</th><th class="number">Create</th><th class="number">Update</th>\
            <th class="number">Reactivate</th><th class="number">Suspend</th><th class="number">Delete</th>\
            <th class="number">All</th></tr></thead>
            <tbody>
            {{#targets}}<tr><td>{{target}}</td><td class="number">{{create}}</td><td class="number">{{update}}</td>\
            <td class="number">{{reactivate}}</td><td class="number">{{suspend}}</td><td class="number">{{delete}}</td>\
            <td class="number">{{total}}</td></tr>
            {{/targets}}
            </tbody>
            </table>
            {{/hasTargets}}
            </section>
            <section id="verification">
            <h2>Verification</h2>
            <dl class="facts">
            {{#verification}}<dt>{{label}}</dt><dd>{{value}}</dd>
            {{/verification}}
            </dl>
            </section>
            {{#chart}}
            <section id="chart">
            <h2>Changes per day</h2>
            <p class="muted">{{summary}}</p>
            {{#hasBars}}
            <svg viewBox="0 0 {{width}} {{height}}" width="100%" role="img" aria-label="{{summary}}" \
            xmlns="http://www.w3.org/2000/svg">
            <line x1="{{plotLeft}}" y1="{{plotBottom}}" x2="{{width}}" y2="{{plotBottom}}" stroke="#d5dbe1"/>
            <line x1="{{plotLeft}}" y1="{{plotTop}}" x2="{{plotLeft}}" y2="{{plotBottom}}" stroke="#d5dbe1"/>
            <text x="4" y="20" font-size="12" fill="#5e6a75">{{top}}</text>
            <text x="4" y="{{plotBottom}}" font-size="12" fill="#5e6a75">0</text>
            {{#bars}}<rect class="bar kind-{{kind}}" fill="{{colour}}" x="{{x}}" y="{{y}}" width="{{width}}" \
            height="{{height}}"><title>{{title}}</title></rect>
            {{/bars}}
            {{#labels}}<text x="{{x}}" y="{{y}}" font-size="11" text-anchor="middle" fill="#5e6a75">{{text}}</text>
            {{/labels}}
            {{#legend}}<rect fill="{{colour}}" x="{{x}}" y="218" width="12" height="12"/>\
            <text x="{{x}}" y="{{y}}" dx="16" font-size="12" fill="#1d2125">{{text}}</text>
            {{/legend}}
            </svg>
            {{/hasBars}}
            </section>
            {{/chart}}
            <section id="runs">
            <h2>Runs</h2>
            {{^hasRuns}}<p class="muted">No run started in the period.</p>{{/hasRuns}}
            {{#hasRuns}}
            <table class="data sortable filterable" id="runs-table" aria-label="runs">
            <thead><tr><th>Started</th><th>Run</th><th>Who</th><th>Scheduler</th><th>Why</th><th>Plan</th>\
            <th>Vouched, overrides</th><th>Result</th><th>Counts</th><th class="number">Changes</th></tr></thead>
            <tbody>
            {{#runs}}<tr><td>{{started}}</td><td><a href="#{{anchor}}"><code>{{id}}</code></a></td><td>{{who}}</td>\
            <td>{{scheduler}}</td><td>{{why}}</td><td><code>{{plan}}</code></td><td>{{vouchers}}</td>\
            <td{{#isTrouble}} class="kind-delete"{{/isTrouble}}>{{result}}</td><td>{{counts}}</td>\
            <td class="number">{{changes}}</td></tr>
            {{/runs}}
            </tbody>
            </table>
            {{/hasRuns}}
            {{#hasLeftOut}}<p class="banner alert" id="left-out">{{leftOut}} change(s) are counted above but not \
            listed below (a page lists at most 5,000): use audit report --format json, or narrow --since, --until, \
            --target or --kind.</p>{{/hasLeftOut}}
            </section>
            {{#sections}}
            <section id="{{anchor}}" class="run">
            <h2>{{heading}}</h2>
            <dl class="facts">
            {{#facts}}<dt>{{label}}</dt><dd>{{value}}</dd>
            {{/facts}}
            </dl>
            {{^hasChanges}}<p class="muted">No changes listed for this run.</p>{{/hasChanges}}
            {{#pages}}
            <details{{#isFirst}} open{{/isFirst}}>
            <summary>{{label}}</summary>
            <table class="data sortable filterable changes" aria-label="{{label}}">
            <thead><tr><th class="number">Seq</th><th>Time</th><th>Target</th><th>Change</th><th>Account</th>\
            <th>Directory reason</th><th>Result</th><th>Provider's answer</th></tr></thead>
            <tbody>
            {{#rows}}<tr><td class="number">{{seq}}</td><td>{{time}}</td><td>{{target}}</td>\
            <td class="kind-{{kind}}">{{kind}}</td><td>{{account}}</td><td>{{why}}</td>\
            <td{{#isTrouble}} class="kind-delete"{{/isTrouble}}>{{result}}</td><td>{{answer}}</td></tr>
            {{/rows}}
            </tbody>
            </table>
            </details>
            {{/pages}}
            {{#hasLeft}}<p class="muted">{{left}} more change(s) of this run are not listed on this page.</p>{{/hasLeft}}
            </section>
            {{/sections}}
            {{/content}}{{/layout}}
            """
    )

    static let markdown = ReportTemplate(
        name: "audit-report.md",
        format: .markdown,
        text: """
            # {{title}}

            {{subtitle}}

            {{#isBroken}}> **⚠ {{verdict}}**{{/isBroken}}{{^isBroken}}> ✔ {{verdict}}{{/isBroken}}

            ## Summary

            | Figure | Value |
            |---|---:|
            {{#figures}}| {{label}} | {{value}} |
            {{/figures}}

            {{#hasTargets}}
            | Target | Create | Update | Reactivate | Suspend | Delete | All |
            |---|---:|---:|---:|---:|---:|---:|
            {{#targets}}| {{target}} | {{create}} | {{update}} | {{reactivate}} | {{suspend}} | {{delete}} | {{total}} |
            {{/targets}}
            {{/hasTargets}}

            ## Verification

            {{#verification}}- **{{label}}**: {{value}}
            {{/verification}}

            ## Runs

            {{^hasRuns}}No run started in the period.{{/hasRuns}}
            {{#hasRuns}}
            | Started | Run | Who | Scheduler | Why | Plan | Vouched, overrides | Result | Counts | Changes |
            |---|---|---|---|---|---|---|---|---|---:|
            {{#runs}}| {{started}} | {{id}} | {{who}} | {{scheduler}} | {{why}} | {{plan}} | {{vouchers}} | {{result}} | {{counts}} | {{changes}} |
            {{/runs}}
            {{/hasRuns}}
            {{#hasLeftOut}}

            **{{leftOut}} change(s) are counted above but not listed below**: use `--format json`, or narrow the period, targets or kinds.
            {{/hasLeftOut}}
            {{#sections}}

            ### {{heading}}

            {{#facts}}- **{{label}}**: {{value}}
            {{/facts}}
            {{#hasChanges}}

            | Seq | Time | Target | Change | Account | Directory reason | Result | Provider's answer |
            |---:|---|---|---|---|---|---|---|
            {{#pages}}{{#rows}}| {{seq}} | {{time}} | {{target}} | {{kind}} | {{account}} | {{why}} | {{result}} | {{answer}} |
            {{/rows}}{{/pages}}
            {{/hasChanges}}
            {{#hasLeft}}

            {{left}} more change(s) of this run are not listed.
            {{/hasLeft}}
            {{/sections}}

            ---
            {{footer}}

            """
    )
}
