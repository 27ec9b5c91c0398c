// swift-tools-version:6.2
import PackageDescription

let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
let httpClient = Target.Dependency.product(name: "AsyncHTTPClient", package: "async-http-client")
/// Child processes: swift-subprocess, and swift-system's `FileDescriptor` and `FilePath` that its API takes.
let childProcesses: [Target.Dependency] = [
    .product(name: "Subprocess", package: "swift-subprocess"),
    .product(name: "SystemPackage", package: "swift-system"),
]
/// Planning and applying from mapping to state: the run library, the executable and the benchmark tool use them all.
let runLibraries: [Target.Dependency] = [
    "OrganizerSyncCore", "AccountMapping", "MappingFiles", "SyncPlanning", "ProviderClients", "AuditLog", "StateStore",
    "SyncApply", logging,
]
/// The run libraries and reading the directory and the configuration: what a whole sync needs.
let syncLibraries = runLibraries + ["LDAPDirectory", "SyncConfiguration"]

let package = Package(
    name: "organizer-sync",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "organizer-sync", targets: ["organizer-sync"]),
        .executable(name: "organizer-sync-simulator", targets: ["organizer-sync-simulator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),  // LogEvent (JSONLogHandler)
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.24.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),  // FileDescriptor for Subprocess
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // libldap and liblber from Debian's libldap-dev, through pkg-config.
        .systemLibrary(name: "CLDAP", pkgConfig: "ldap", providers: [.apt(["libldap-dev"])]),

        // Models, protocols and errors shared by every part. No I/O dependencies.
        .target(
            name: "OrganizerSyncCore",
            dependencies: [logging]
        ),
        // The directory reader: libldap behind a Swift wrapper.
        .target(
            name: "LDAPDirectory",
            dependencies: [
                "CLDAP",
                "OrganizerSyncCore",
                logging,
            ]
        ),
        // The YAML configuration and the presets in Mappings/.
        .target(
            name: "SyncConfiguration",
            dependencies: ["OrganizerSyncCore", .product(name: "Yams", package: "Yams")]
        ),
        // Mappings: who is in scope for a target and how directory attributes become provider fields.
        .target(
            name: "AccountMapping",
            dependencies: ["OrganizerSyncCore", "SyncConfiguration"]
        ),
        // Mapping files: reading a target's mapping YAML (and the preset it names) into a TargetMapping.
        .target(
            name: "MappingFiles",
            dependencies: ["AccountMapping", "OrganizerSyncCore", "SyncConfiguration"]
        ),
        // The planner (pure: no I/O) and the sealed plan file.
        .target(
            name: "SyncPlanning",
            dependencies: ["OrganizerSyncCore", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // The append-only, hash-chained audit log: writing, verifying, querying and exporting.
        .target(
            name: "AuditLog",
            dependencies: ["OrganizerSyncCore", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // The audit report rendered: JSON, Markdown and one self-contained HTML page.
        .target(
            name: "AuditReporting",
            dependencies: ["AuditLog", "Reports"]
        ),
        // The state store (SQLite through GRDB): anchors to provider ids, suspension times, run history; the lock.
        .target(
            name: "StateStore",
            dependencies: ["OrganizerSyncCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // Carrying out a sealed plan: checks, preconditions, concurrent changes, audit records, state updates.
        .target(
            name: "SyncApply",
            dependencies: [
                "OrganizerSyncCore", "SyncPlanning", "AuditLog", "StateStore",
                logging,
            ] + childProcesses
        ),
        // GoTo, Zoom and Webex admin API clients.
        .target(
            name: "ProviderClients",
            dependencies: [
                "OrganizerSyncCore",
                httpClient,
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                logging,
            ]
        ),
        // A local HTTP server speaking the three admin APIs, for tests, benchmarks and the demo.
        .target(
            name: "ProviderSimulator",
            dependencies: [
                "OrganizerSyncCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                logging,
            ]
        ),
        // Pages for people: templates as string constants, a renderer that escapes every value, the shared HTML
        // layout (inline CSS and script, no external resources) and Markdown escaping.
        .target(
            name: "Reports",
            dependencies: [
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // A plan rendered for review (a change ticket, a pull request): Markdown and HTML through Reports.
        .target(
            name: "PlanReview",
            dependencies: ["OrganizerSyncCore", "SyncPlanning", "Reports"]
        ),
        // One run, as values: read the directory, list, plan, keep the plan, apply, summary and metrics, the lock,
        // interruption and the exit status. The executable only parses arguments and renders.
        .target(
            name: "SyncRuns",
            dependencies: syncLibraries + [
                httpClient, .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "organizer-sync",
            dependencies: syncLibraries + ["SyncRuns", "AuditReporting", "Reports", "PlanReview", argumentParser]
        ),
        .executableTarget(
            name: "organizer-sync-bench",
            dependencies: runLibraries + [
                "ProviderSimulator", httpClient, argumentParser,
            ] + childProcesses
        ),
        .executableTarget(
            name: "organizer-sync-simulator",
            dependencies: [
                "ProviderSimulator",
                argumentParser,
                logging,
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        // Test harnesses: a throw-away slapd on loopback, fixtures.
        .target(
            name: "OrganizerSyncTestSupport",
            dependencies: ["OrganizerSyncCore", "ProviderSimulator", logging] + childProcesses
        ),
        .testTarget(
            name: "LDAPDirectoryTests",
            dependencies: ["LDAPDirectory", "SyncConfiguration", "OrganizerSyncTestSupport"]
        ),
        .testTarget(
            name: "OrganizerSyncCoreTests",
            dependencies: ["OrganizerSyncCore"]
        ),
        .testTarget(
            name: "SyncConfigurationTests",
            dependencies: ["SyncConfiguration", "OrganizerSyncTestSupport"]
        ),
        .testTarget(
            name: "AccountMappingTests",
            dependencies: ["AccountMapping", "MappingFiles", "OrganizerSyncTestSupport"]
        ),
        .testTarget(
            name: "SyncPlanningTests",
            dependencies: ["SyncPlanning", "OrganizerSyncTestSupport"]
        ),
        .testTarget(
            name: "ProviderClientsTests",
            dependencies: ["ProviderClients", "ProviderSimulator", "OrganizerSyncTestSupport"]
        ),
        .testTarget(
            name: "ProviderSimulatorTests",
            dependencies: ["ProviderSimulator", "OrganizerSyncTestSupport"]
        ),
        .testTarget(
            name: "AuditLogTests",
            dependencies: ["AuditLog", "OrganizerSyncTestSupport"]
        ),
        .testTarget(
            name: "StateStoreTests",
            dependencies: ["StateStore", "OrganizerSyncTestSupport"]
        ),
        .testTarget(
            name: "SyncApplyTests",
            dependencies: ["SyncApply", "OrganizerSyncTestSupport"]
        ),
        .testTarget(
            name: "ActiveDirectoryTests",
            dependencies: ["LDAPDirectory", "SyncConfiguration", "OrganizerSyncTestSupport"]
        ),
        .testTarget(
            name: "ReportsTests",
            dependencies: ["Reports", "OrganizerSyncTestSupport"]
        ),
        .testTarget(
            name: "PlanReviewTests",
            dependencies: ["PlanReview", "Reports", "SyncPlanning", "OrganizerSyncCore", "OrganizerSyncTestSupport"]
        ),
        .testTarget(
            name: "AuditReportingTests",
            dependencies: ["AuditReporting", "AuditLog", "OrganizerSyncCore", "OrganizerSyncTestSupport"]
        ),
        .testTarget(
            name: "TestSupportTests",
            dependencies: ["OrganizerSyncTestSupport"]
        ),
        .testTarget(
            name: "SyncRunsTests",
            dependencies: [
                "SyncRuns", "OrganizerSyncTestSupport", "OrganizerSyncCore", "SyncConfiguration", "SyncPlanning",
                "SyncApply", "StateStore", "AuditLog", "ProviderSimulator",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "OrganizerSyncCLITests",
            dependencies: [
                "organizer-sync", "SyncRuns", "AuditLog", "StateStore", "SyncApply", "SyncPlanning",
                "OrganizerSyncCore", "OrganizerSyncTestSupport",
                argumentParser,
            ],
            exclude: ["Snapshots"]
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["OrganizerSyncTestSupport", "OrganizerSyncCore", "ProviderSimulator", "SyncPlanning"]
        ),
    ]
)

// Strict settings for every target of ours (after swift-log's Package.swift).
for target in package.targets where [.regular, .test, .executable].contains(target.type) {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    settings.append(.treatAllWarnings(as: .error))
    target.swiftSettings = settings
}
