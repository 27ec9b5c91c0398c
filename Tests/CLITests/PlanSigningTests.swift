import Foundation
import OrganizerSyncTestSupport
import ProviderSimulator
import SyncPlanning
import Testing

/// Keyed plan seals and four-eyes approval, end to end: `keygen`, `plan` signing with `signing.private_key_file`,
/// `apply` refusing what the trusted keys did not sign, `approve` and `apply.require_approvals`.
@Suite("organizer-sync plan signatures and approvals")
struct PlanSigningTests {
    /// A key pair made with `organizer-sync keygen` in the test's `keys/` folder (outside the state folder).
    struct KeyPair {
        var privateFile: String
        var publicKey: String
    }

    /// Runs `keygen --out keys/NAME.key`.
    static func keygen(_ world: ApplyFixture, _ name: String) async throws -> KeyPair {
        let keys = world.folder.appendingPathComponent("keys")
        try FileManager.default.createDirectory(at: keys, withIntermediateDirectories: true)
        let file = keys.appendingPathComponent("\(name).key").path
        let result = try await CLIProcess.run(["keygen", "--out", file], in: world.folder, timeout: 30)
        try #require(result.status == 0, "\(result)")
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600, "the private key is owner-only")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(
            !result.stdout.contains(text.trimmingCharacters(in: .whitespacesAndNewlines)),
            "never prints the private key"
        )
        return KeyPair(privateFile: file, publicKey: result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Adds a `signing:` section (the plan maker's key and the trusted keys) and, optionally, approval settings.
    static func configure(
        _ world: ApplyFixture,
        maker: KeyPair?,
        trusted: [(String, KeyPair)],
        requireApprovals: Int = 0,
        reviewers: [(String, KeyPair)] = []
    ) throws {
        var yaml = try String(contentsOfFile: world.config, encoding: .utf8)
        if !reviewers.isEmpty {
            let list = reviewers.map { "    - { name: \($0.0), public_key: \"\($0.1.publicKey)\" }" }.joined(
                separator: "\n"
            )
            yaml = yaml.replacingOccurrences(
                of: "apply:\n",
                with: "apply:\n  require_approvals: \(requireApprovals)\n  reviewers:\n\(list)\n"
            )
        }
        yaml += "signing:\n"
        if let maker { yaml += "  private_key_file: \(maker.privateFile)\n  key_name: planner\n" }
        if !trusted.isEmpty {
            yaml += "  trusted_keys:\n"
            for (name, pair) in trusted { yaml += "    - { name: \(name), public_key: \"\(pair.publicKey)\" }\n" }
        }
        try yaml.write(toFile: world.config, atomically: true, encoding: .utf8)
    }

    /// Writes `plan` as a plan file and returns its path.
    static func write(_ plan: Plan, _ world: ApplyFixture, _ name: String) throws -> String {
        let file = world.folder.appendingPathComponent(name).path
        try plan.encoded().write(to: URL(fileURLWithPath: file))
        return file
    }

    @Test(
        "Forged plans are refused (exit 7) and nothing changes: a recomputed checksum, a stale signature, an unlisted key"
    )
    func forgedPlansAreRefused() async throws {
        try await ApplyFixture.with(targets: [.standard(.webex)], seed: ApplyCommandTests.lifecycleSeed(.webex)) {
            world in
            let maker = try await Self.keygen(world, "maker")
            let stranger = try await Self.keygen(world, "stranger")
            try Self.configure(world, maker: maker, trusted: [("planner", maker)])
            let made = try await world.plan()
            try #require(made.result.status == 2, "\(made.result)")
            let signed = try #require(made.plan)
            try #require(signed.signature?.keyName == "planner", "plan signs with the configured key")
            let mode = try FileManager.default.attributesOfItem(atPath: made.file)[.posixPermissions] as? Int
            #expect(mode == 0o600, "plan --out writes the plan owner-only")

            // The attacker drops a change and re-seals: a valid old-style checksum, with or without the old signature.
            var forged = signed
            forged.targets[0].actions.removeLast()
            forged.digest = nil
            var checksumOnly = try forged.sealed()
            checksumOnly.signature = nil
            let staleSignature = try forged.sealed()
            let otherKey = try PlanSigningKey(base64: String(contentsOfFile: stranger.privateFile, encoding: .utf8))
            let unlisted = try forged.sealed().signed(with: otherKey, keyName: "planner")
            let before = await world.accounts(.webex)
            for (name, plan, message) in [
                ("checksum-only.json", checksumOnly, "plan is not signed"),
                ("stale-signature.json", staleSignature, "plan signature does not verify"),
                ("unlisted.json", unlisted, "not in signing.trusted_keys"),
            ] {
                let result = try await world.run(["apply", try Self.write(plan, world, name)])
                #expect(result.status == 7, "\(name): \(result)")
                #expect(result.stderr.contains(message), "\(name): \(result.stderr)")
                #expect(await world.writeRequests().isEmpty, "\(name): nothing was sent to the provider")
                #expect(await world.accounts(.webex) == before)
            }
            #expect(!FileManager.default.fileExists(atPath: world.auditLog), "a refused plan starts no run")

            let genuine = try await world.run(["apply", made.file])
            #expect(genuine.status == 0, "the plan as signed applies: \(genuine)")
            #expect(!genuine.stderr.contains("only checksummed"), "\(genuine.stderr)")
            let start = try #require(try world.auditRecords().first { $0["type"] as? String == "run-start" })
            let vouchers = start["reasons"] as? [String] ?? []
            #expect(vouchers.contains { $0.hasPrefix("signed by planner (sha256:") }, "\(start)")
        }
    }

    @Test("Reconcile keeps its plan signed, like plan --out: the kept plan verifies against the trusted key")
    func reconcileKeepsSignedPlans() async throws {
        try await ApplyFixture.with(targets: [.standard(.zoom)], seed: ApplyCommandTests.lifecycleSeed(.zoom)) {
            world in
            let maker = try await Self.keygen(world, "maker")
            try Self.configure(world, maker: maker, trusted: [("planner", maker)])
            let reconcile = try await world.run(["reconcile"])
            #expect(reconcile.status == 0, "\(reconcile)")
            let run = try #require(try world.keptRuns().last)
            let kept = try Plan.decodeVerified(
                from: Data(contentsOf: run.appendingPathComponent("plan.json"))
            )
            #expect(kept.hasChanges, "the kept plan is the one reconcile applied")
            let signature = try #require(kept.signature, "the kept plan is signed")
            #expect(signature.keyName == "planner")
            let trusted = try PlanPublicKey(name: "planner", base64: maker.publicKey)
            #expect(try kept.verifySignature(trusted: [trusted]).name == "planner")
        }
    }

    @Test("Without a signing section plans are accepted, with a warning on validate and apply")
    func unsignedPlansWarn() async throws {
        try await ApplyFixture.with(targets: [.standard(.zoom)], seed: ApplyCommandTests.lifecycleSeed(.zoom)) {
            world in
            let validate = try await world.run(["validate", "--offline"])
            #expect(validate.stdout.contains("signing: WARNING: plans are only checksummed"), "\(validate)")
            let made = try await world.plan()
            #expect(made.plan?.signature == nil)
            let apply = try await world.run(["apply", made.file])
            #expect(apply.status == 0, "\(apply)")
            #expect(apply.stderr.contains("plans are only checksummed, not signed"), "\(apply.stderr)")
        }
    }

    @Test("A key file inside the state folder is refused by the configuration")
    func keyInsideStateFolderIsRefused() async throws {
        try await ApplyFixture.with(targets: [.standard(.zoom)], seed: .demo) { world in
            let pair = try await Self.keygen(world, "maker")
            try FileManager.default.createDirectory(at: world.stateFolder, withIntermediateDirectories: true)
            let inside = world.stateFolder.appendingPathComponent("plan.key").path
            try FileManager.default.copyItem(atPath: pair.privateFile, toPath: inside)
            try Self.configure(world, maker: KeyPair(privateFile: inside, publicKey: pair.publicKey), trusted: [])
            let result = try await world.run(["validate", "--offline"])
            #expect(result.status == 1, "\(result)")
            #expect(result.stdout.contains("is inside the state folder"), "\(result.stdout)")
        }
    }

    @Test(
        "apply.require_approvals: too few distinct reviewer approvals are refused (exit 7); enough are applied and audited"
    )
    func approvalsAreCounted() async throws {
        try await ApplyFixture.with(targets: [.standard(.goto)], seed: ApplyCommandTests.lifecycleSeed(.goto)) {
            world in
            let maker = try await Self.keygen(world, "maker")
            let alice = try await Self.keygen(world, "alice")
            let bob = try await Self.keygen(world, "bob")
            let mallory = try await Self.keygen(world, "mallory")
            try Self.configure(
                world,
                maker: maker,
                trusted: [("planner", maker)],
                requireApprovals: 2,
                reviewers: [("alice", alice), ("bob", bob)]
            )
            let made = try await world.plan()
            try #require(made.result.status == 2, "\(made.result)")
            func approve(_ pair: KeyPair, _ name: String) async throws {
                let result = try await CLIProcess.run(
                    [
                        "approve", made.file, "--key-file", pair.privateFile, "--name", name, "--reason",
                        "ticket CHG-42",
                    ],
                    in: world.folder,
                    timeout: 30
                )
                try #require(result.status == 0, "\(result)")
            }
            func apply() async throws -> CLIProcess.Result { try await world.run(["apply", made.file]) }

            var result = try await apply()
            #expect(result.status == 7, "no approval: \(result)")
            #expect(result.stderr.contains("0 valid approval(s)"), "\(result.stderr)")
            try await approve(alice, "Alice")
            try await approve(alice, "Alice again")
            try await approve(mallory, "Mallory")
            result = try await apply()
            #expect(result.status == 7, "one reviewer twice and an unlisted key count once: \(result)")
            #expect(result.stderr.contains("1 valid approval(s)"), "\(result.stderr)")
            #expect(await world.writeRequests().isEmpty)

            try await approve(bob, "Bob")
            result = try await apply()
            #expect(result.status == 0, "two distinct reviewers: \(result)")
            let start = try #require(try world.auditRecords().first { $0["type"] as? String == "run-start" })
            let vouchers = start["reasons"] as? [String] ?? []
            #expect(
                vouchers.contains { $0.hasPrefix("approved by alice (") && $0.hasSuffix(": ticket CHG-42") },
                "\(start)"
            )
            #expect(vouchers.contains { $0.hasPrefix("approved by bob (") }, "\(start)")
        }
    }
}
