import Foundation
import OrganizerSyncCore
import OrganizerSyncTestSupport
import SyncConfiguration
import Testing

/// A configuration with a minimal directory section and `targets` below it.
private func withTargets(_ targets: String) -> String {
    """
    directory:
      preset: openldap
      url: ldap://ldap.example.com
      users:
        base: ou=people,dc=example,dc=com
      groups:
        base: ou=groups,dc=example,dc=com
    \(targets)
    """
}

/// Writes the file into a fresh folder and loads it; returns the targets and the file's path.
private func loadTargets(_ yaml: String) throws -> (targets: [TargetConfiguration], file: String, folder: String) {
    let folder = try TemporaryDirectory(prefix: "targets")
    defer { folder.remove() }
    let file = folder.url.appendingPathComponent("organizer-sync.yaml").path
    try yaml.write(toFile: file, atomically: true, encoding: .utf8)
    let mappings = SlapdServer.repositoryRoot().appendingPathComponent("Mappings").path
    let configuration = try ConfigurationLoader(environment: ["ORGANIZER_SYNC_MAPPINGS": mappings]).load(file: file)
    return (configuration.targets, file, folder.url.standardizedFileURL.path)
}

/// A Zoom target `zoom` with inline credentials, as an item of `targets:`.
private let inlineZoomTarget = """
      - name: zoom
        provider: zoom
        credentials: { account_id: a, client_id: b, client_secret_env: C }
    """

/// The first target of a configuration whose `targets:` section is `targets`, loaded as ``loadTargets(_:)`` does.
private func firstTarget(
    _ targets: String,
    sourceLocation: SourceLocation = #_sourceLocation
) throws
    -> TargetConfiguration
{
    try #require(try loadTargets(withTargets(targets)).targets.first, sourceLocation: sourceLocation)
}

/// The error for a configuration with one target, `name` of `provider`, with `lines` (such as `credentials: {…}`).
private func oneTargetError(
    _ name: String,
    _ provider: String,
    _ lines: String...,
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> ConfigurationError {
    let target = ["targets:", "  - name: \(name)", "    provider: \(provider)"] + lines.map { "    " + $0 }
    return try targetsError(target.joined(separator: "\n"), sourceLocation: sourceLocation)
}

/// The error loading a configuration whose `targets:` section is `targets` fails with.
private func targetsError(
    _ targets: String,
    sourceLocation: SourceLocation = #_sourceLocation
) throws
    -> ConfigurationError
{
    do {
        _ = try loadTargets(withTargets(targets))
    } catch let error as ConfigurationError {
        return error
    }
    Issue.record("expected a configuration error", sourceLocation: sourceLocation)
    throw CancellationError()
}

@Suite("The targets: section")
struct TargetsSectionTests {
    @Test("A file without targets has none, as before")
    func noTargets() throws {
        #expect(try loadTargets(withTargets("")).targets.isEmpty)
    }

    @Test("A GoTo target with a personal access token, every optional key and a relative secret file")
    func gotoTarget() throws {
        let loaded = try loadTargets(
            withTargets(
                """
                targets:
                  - name: goto-prod
                    provider: goto
                    api_base_url: https://api.getgo.com
                    auth_base_url: https://authentication.logmeininc.com
                    credentials:
                      client_id: goto-client
                      client_secret_file: secrets/goto-secret
                      personal_access_token_env: GOTO_PAT
                      account_key: "200000000000215929"
                    rate_limit:
                      requests_per_second: 5
                      burst: 2
                    timeout_seconds: 12.5
                    page_size: 500
                """
            )
        )
        let target = try #require(loaded.targets.first)
        #expect(target.name == "goto-prod")
        #expect(target.provider == .goto)
        #expect(target.apiBaseURL == "https://api.getgo.com")
        #expect(target.authBaseURL == "https://authentication.logmeininc.com")
        #expect(target.rateLimit == .init(requestsPerSecond: 5, burst: 2))
        #expect(target.timeoutSeconds == 12.5)
        #expect(target.pageSize == 500)
        #expect(target.location.line == 9)
        #expect(
            target.credentials
                == .gotoPersonalAccessToken(
                    clientID: .literal("goto-client"),
                    clientSecret: .file(loaded.folder + "/secrets/goto-secret"),
                    personalAccessToken: .environment("GOTO_PAT"),
                    accountKey: "200000000000215929"
                )
        )
    }

    @Test("GoTo with a refresh token; defaults leave hosts, limits, timeout and page size to the client")
    func gotoRefreshToken() throws {
        let target = try firstTarget(
            """
            targets:
              - name: goto
                provider: GoTo
                credentials:
                  client_id_env: GOTO_CLIENT_ID
                  client_secret_env: GOTO_SECRET
                  refresh_token_file: /run/secrets/goto-refresh
            """
        )
        #expect(target.apiBaseURL == nil && target.authBaseURL == nil)
        #expect(target.rateLimit == nil && target.timeoutSeconds == nil && target.pageSize == nil)
        #expect(
            target.credentials
                == .gotoRefreshToken(
                    clientID: .reference(.environment("GOTO_CLIENT_ID")),
                    clientSecret: .environment("GOTO_SECRET"),
                    refreshToken: .file("/run/secrets/goto-refresh"),
                    accountKey: nil
                )
        )
    }

    @Test("A Zoom Server-to-Server target")
    func zoomTarget() throws {
        let target = try firstTarget(
            """
            targets:
              - name: zoom-prod
                provider: zoom
                api_base_url: http://127.0.0.1:8080/zoom
                allow_insecure_http: true
                credentials:
                  account_id: zoomDemoAccount01
                  client_id: zoom-client
                  client_secret_env: ZOOM_SECRET
                rate_limit: { requests_per_second: 20 }
            """
        )
        #expect(target.provider == .zoom)
        #expect(target.apiBaseURL == "http://127.0.0.1:8080/zoom")
        #expect(target.rateLimit == .init(requestsPerSecond: 20, burst: nil))
        #expect(
            target.credentials
                == .zoomServerToServer(
                    accountID: "zoomDemoAccount01",
                    clientID: .literal("zoom-client"),
                    clientSecret: .environment("ZOOM_SECRET")
                )
        )
    }

    @Test("Webex with a refresh token and Webex as a Service App, side by side")
    func webexTargets() throws {
        let targets = try loadTargets(
            withTargets(
                """
                targets:
                  - name: webex-integration
                    provider: webex
                    credentials:
                      client_id: webex-client
                      client_secret_env: WEBEX_SECRET
                      refresh_token_env: WEBEX_REFRESH
                  - name: webex-app
                    provider: webex
                    credentials:
                      client_id_file: app-id
                      client_secret_file: app-secret
                      service_app:
                        application_id: app-123
                        target_org_id: org-456
                        integration_token_env: WEBEX_INTEGRATION_TOKEN
                """
            )
        )
        #expect(targets.targets.map(\.name) == ["webex-integration", "webex-app"])
        #expect(
            targets.targets[0].credentials
                == .webexRefreshToken(
                    clientID: .literal("webex-client"),
                    clientSecret: .environment("WEBEX_SECRET"),
                    refreshToken: .environment("WEBEX_REFRESH")
                )
        )
        #expect(
            targets.targets[1].credentials
                == .webexServiceApp(
                    applicationID: "app-123",
                    targetOrgID: "org-456",
                    clientID: .reference(.file(targets.folder + "/app-id")),
                    clientSecret: .file(targets.folder + "/app-secret"),
                    integrationToken: .environment("WEBEX_INTEGRATION_TOKEN")
                )
        )
    }

    @Test("A duplicate name is an error naming both lines")
    func duplicateName() throws {
        let error = try targetsError(
            """
            targets:
            \(inlineZoomTarget)
            \(inlineZoomTarget)
            """
        )
        #expect(error.code == .conflict)
        #expect(error.location?.line == 12)
        #expect(error.keyPath == "targets[1].name")
        #expect(error.description.contains("line 9"))
        #expect(error.description.contains("line 12"))
    }

    @Test("An unknown key names file, line, column and key path, with a suggestion")
    func unknownKey() throws {
        let error = try targetsError(
            """
            targets:
              - name: zoom
                provider: zoom
                page_sise: 100
                credentials: { account_id: a, client_id: b, client_secret_env: C }
            """
        )
        #expect(error.code == .unknownKey)
        #expect(error.location?.line == 11)
        #expect(error.location?.column == 5)
        #expect(error.location?.file.hasSuffix("organizer-sync.yaml") == true)
        #expect(error.keyPath == "targets[0].page_sise")
        #expect(error.description.contains("organizer-sync.yaml:11:5"))
        #expect(error.description.contains("did you mean 'page_size'"))
    }

    @Test("An unknown credentials key for the provider is refused", arguments: ["refresh_token_env", "service_app"])
    func keyOfAnotherProvider(key: String) throws {
        let error = try targetsError(
            """
            targets:
              - name: zoom
                provider: zoom
                credentials:
                  account_id: a
                  client_id: b
                  client_secret_env: C
                  \(key): X
            """
        )
        #expect(error.code == .unknownKey)
        #expect(error.keyPath == "targets[0].credentials.\(key)")
    }

    @Test(
        "A secret written in the file is refused, pointing to _env and _file, without echoing it",
        arguments: [
            ("client_secret", "zoom"), ("refresh_token", "webex"), ("personal_access_token", "goto"),
        ]
    )
    func literalSecret(key: String, provider: String) throws {
        let error = try targetsError(
            """
            targets:
              - name: t
                provider: \(provider)
                credentials:
                  account_id: a
                  client_id: b
                  \(key): s3cr3t-value
            """
        )
        #expect(error.code == .invalidValue)
        #expect(error.location?.line == 14)
        #expect(error.keyPath == "targets[0].credentials.\(key)")
        #expect(error.description.contains("\(key)_env"))
        #expect(error.description.contains("\(key)_file"))
        #expect(!error.description.contains("s3cr3t-value"))
    }

    @Test("An integration token written under service_app is refused too")
    func literalIntegrationToken() throws {
        let error = try targetsError(
            """
            targets:
              - name: t
                provider: webex
                credentials:
                  client_id: b
                  client_secret_env: S
                  service_app: { application_id: a, target_org_id: o, integration_token: tok-value }
            """
        )
        #expect(error.keyPath == "targets[0].credentials.service_app.integration_token")
        #expect(!error.description.contains("tok-value"))
    }

    @Test("A provider other than goto, zoom or webex is refused")
    func badProvider() throws {
        let error = try oneTargetError("teams", "teams", "credentials: { client_id: b }")
        #expect(error.code == .invalidValue)
        #expect(error.location?.line == 10)
        #expect(error.keyPath == "targets[0].provider")
        #expect(error.description.contains("expected one of goto, zoom, webex, got 'teams'"))
    }

    @Test(
        "Bad values are refused with their key",
        arguments: [
            ("api_base_url: ftp://example.com", "targets[0].api_base_url"),
            ("auth_base_url: https://user:pw@example.com", "targets[0].auth_base_url"),
            ("timeout_seconds: 0", "targets[0].timeout_seconds"),
            ("page_size: -1", "targets[0].page_size"),
            ("rate_limit: { burst: 3 }", "targets[0].rate_limit.requests_per_second"),
        ]
    )
    func badValues(line: String, keyPath: String) throws {
        let error = try targetsError(
            """
            targets:
              - name: zoom
                provider: zoom
                \(line)
                credentials: { account_id: a, client_id: b, client_secret_env: C }
            """
        )
        #expect(error.keyPath == keyPath)
        #expect(!error.description.contains("pw@"))
    }

    @Test("Missing or conflicting credentials are named")
    func credentialChoices() throws {
        let neither = try oneTargetError("g", "goto", "credentials: { client_id: b, client_secret_env: S }")
        #expect(neither.code == .missingKey)
        #expect(neither.description.contains("personal_access_token_env"))
        let both = try oneTargetError(
            "g",
            "goto",
            "credentials: { client_id: b, client_secret_env: S, refresh_token_env: R, personal_access_token_env: P }"
        )
        #expect(both.code == .conflict)
        let noSecret = try oneTargetError("z", "zoom", "credentials: { account_id: a, client_id: b }")
        #expect(noSecret.code == .missingKey)
        #expect(noSecret.keyPath == "targets[0].credentials.client_secret_env")
    }

    @Test("mapping: and policy: decode strictly; a relative mapping file is resolved beside the configuration")
    func mappingAndPolicy() throws {
        let folder = try TemporaryDirectory(prefix: "targets-policy")
        defer { folder.remove() }
        try FileManager.default.createDirectory(
            at: folder.url.appendingPathComponent("mappings"),
            withIntermediateDirectories: true
        )
        try "preset: zoom\n".write(
            to: folder.url.appendingPathComponent("mappings/zoom.yaml"),
            atomically: true,
            encoding: .utf8
        )
        let file = folder.url.appendingPathComponent("organizer-sync.yaml").path
        try withTargets(
            """
            targets:
              - name: zoom-prod
                provider: zoom
                credentials: { account_id: a, client_id: b, client_secret_env: C }
                mapping: mappings/zoom.yaml
                policy:
                  protected_emails: ["*@ops.example.com", "admin-*@example.com"]
                  protect_admins: false
                  protected_roles: [owner, billing]
                  unmanaged: suspend
                  deprovision: { suspend_then_delete_after_days: 30 }
                  max_creates: { count: 500 }
                  max_suspends: { count: 50, share: 0.05 }
                  max_deletes: { share: 0.01 }
                  guards: { block_on_empty_directory: false, min_in_scope_share: 0.8 }
              - name: webex-prod
                provider: webex
                credentials: { client_id: b, client_secret_env: C, refresh_token_env: R }
                mapping: webex
                policy: { deprovision: delete }
              - name: goto-prod
                provider: goto
                credentials: { client_id: b, client_secret_env: C, refresh_token_env: R }
            """
        ).write(toFile: file, atomically: true, encoding: .utf8)
        let mappings = SlapdServer.repositoryRoot().appendingPathComponent("Mappings").path
        let targets = try ConfigurationLoader(environment: ["ORGANIZER_SYNC_MAPPINGS": mappings]).load(file: file)
            .targets
        #expect(targets.count == 3)
        let zoom = targets[0]
        let expectedFile = folder.url.appendingPathComponent("mappings/zoom.yaml").standardizedFileURL.path
        #expect(zoom.mapping == .file(expectedFile))
        #expect(
            zoom.policy
                == TargetConfiguration.Policy(
                    protectedEmails: ["*@ops.example.com", "admin-*@example.com"],
                    protectsAdministrators: false,
                    protectedRoles: ["owner", "billing"],
                    unmanaged: .suspend,
                    deprovisioning: .suspendThenDelete(afterDays: 30),
                    maxCreates: .init(count: 500),
                    maxSuspends: .init(count: 50, share: 0.05),
                    maxDeletes: .init(share: 0.01),
                    blocksEmptyDirectory: false,
                    minimumInScopeShare: 0.8
                )
        )
        #expect(targets[1].mapping == .preset("webex"))
        #expect(targets[1].policy == TargetConfiguration.Policy(deprovisioning: .delete))
        // Without mapping: the provider's preset; without policy: every default.
        #expect(targets[2].mapping == .preset("goto"))
        #expect(targets[2].policy == TargetConfiguration.Policy())
        #expect(targets[2].policy.protectsAdministrators)
        #expect(targets[2].policy.unmanaged == .leave)
        #expect(targets[2].policy.deprovisioning == .suspend)
        #expect(
            try ConfigurationLoader(environment: ["ORGANIZER_SYNC_MAPPINGS": mappings])
                .mappingsFolders(configurationFile: file).first == mappings
        )
    }

    @Test(
        "A wrong policy or mapping value names file, line, column and key path",
        arguments: [
            ("policy: { unmanaged: archive }", "targets[0].policy.unmanaged", "leave, suspend, delete"),
            ("policy: { deprovision: disable }", "targets[0].policy.deprovision", "suspend_then_delete_after_days"),
            ("policy: { deprovision: { after_days: 3 } }", "targets[0].policy.deprovision.after_days", "unknown key"),
            (
                "policy: { deprovision: { suspend_then_delete_after_days: -1 } }",
                "targets[0].policy.deprovision.suspend_then_delete_after_days", "from 0 to 3650"
            ),
            ("policy: { max_deletes: {} }", "targets[0].policy.max_deletes", "give count, share or both"),
            ("policy: { max_deletes: { share: 5 } }", "targets[0].policy.max_deletes.share", "from 0.0 to 1.0"),
            ("policy: { max_deletes: { count: -1 } }", "targets[0].policy.max_deletes.count", "whole number"),
            ("policy: { protect_admin: true }", "targets[0].policy.protect_admin", "did you mean 'protect_admins'"),
            ("policy: { protect_admins: maybe }", "targets[0].policy.protect_admins", "true or false"),
            (
                "policy: { guards: { min_in_scope_share: 2 } }", "targets[0].policy.guards.min_in_scope_share",
                "0.0 to 1.0"
            ),
            ("policy: { guards: { block_on_empty: true } }", "targets[0].policy.guards.block_on_empty", "unknown key"),
            ("mapping: missing/zoom.yaml", "targets[0].mapping", "does not exist"),
            ("mapping: 'zoom preset'", "targets[0].mapping", "preset name"),
        ]
    )
    func badPolicy(line: String, keyPath: String, message: String) throws {
        let error = try targetsError(
            """
            targets:
            \(inlineZoomTarget)
                \(line)
            """
        )
        #expect(error.keyPath == keyPath)
        #expect(error.location?.line == 12)
        #expect(error.description.contains("organizer-sync.yaml:12:"))
        #expect(error.description.contains(message), "\(error)")
    }
}

@Suite("Target limits: page size by contract, insecure HTTP, listing bounds, Zoom create action")
struct TargetLimitsTests {
    @Test(
        "A page size above the provider's maximum names the file, line and the maximum",
        arguments: [
            ("zoom", 2001, "at most 2000"), ("goto", 1001, "at most 1000"), ("webex", 10_000, "at most 1000"),
        ]
    )
    func pageSizeAboveTheContract(provider: String, size: Int, says: String) throws {
        let credentials: String =
            switch provider {
            case "zoom": "{ account_id: a, client_id: b, client_secret_env: C }"
            case "goto": "{ client_id: b, client_secret_env: C, refresh_token_env: R }"
            default: "{ client_id: b, client_secret_env: C, refresh_token_env: R }"
            }
        let error = try targetsError(
            """
            targets:
              - name: t
                provider: \(provider)
                page_size: \(size)
                credentials: \(credentials)
            """
        )
        #expect(error.keyPath == "targets[0].page_size")
        #expect(error.location?.line == 11)
        #expect(error.description.contains("organizer-sync.yaml:11"))
        #expect(error.description.contains(says), "\(error)")
    }

    @Test("The maximum itself is accepted, and the new keys decode")
    func limitsDecode() throws {
        let target = try firstTarget(
            """
            targets:
              - name: zoom
                provider: zoom
                page_size: 2000
                api_base_url: http://127.0.0.1:8080/zoom
                auth_base_url: http://127.0.0.1:8080/zoom
                allow_insecure_http: true
                list_max_pages: 100
                list_deadline_seconds: 60
                retry_budget_seconds: 5
                create_action: ssocreate
                credentials: { account_id: a, client_id: b, client_secret_env: C }
            """
        )
        #expect(target.pageSize == 2000)
        #expect(target.allowInsecureHTTP)
        #expect(target.limits == .init(listMaxPages: 100, listDeadlineSeconds: 60, retryBudgetSeconds: 5))
        #expect(target.zoomCreateAction == .ssoCreate)
    }

    @Test("An http:// URL without allow_insecure_http is refused, naming the key")
    func insecureURLRefused() throws {
        let error = try targetsError(
            """
            targets:
              - name: zoom
                provider: zoom
                auth_base_url: http://zoom.example.com
                credentials: { account_id: a, client_id: b, client_secret_env: C }
            """
        )
        #expect(error.keyPath == "targets[0].auth_base_url")
        #expect(error.description.contains("allow_insecure_http: true"))
    }

    @Test("create_action is Zoom's four values, on Zoom targets only")
    func createAction() throws {
        let wrong = try oneTargetError(
            "zoom",
            "zoom",
            "create_action: invite",
            "credentials: { account_id: a, client_id: b, client_secret_env: C }"
        )
        #expect(wrong.description.contains("create, autoCreate, custCreate, ssoCreate"))
        let notZoom = try oneTargetError(
            "webex",
            "webex",
            "create_action: create",
            "credentials: { client_id: b, client_secret_env: C, refresh_token_env: R }"
        )
        #expect(notZoom.keyPath == "targets[0].create_action")
    }
}
