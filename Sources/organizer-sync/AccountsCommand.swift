import ArgumentParser
import Foundation
import Logging
import OrganizerSyncCore
import SyncConfiguration
import SyncRuns

/// `organizer-sync accounts --target NAME`: the organizer accounts a provider target holds now.
struct AccountsCommand: OrganizerSyncCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts",
        abstract: "List a provider target's accounts with id, email, name, status, licences and roles.",
        discussion: """
            Reads every page of the provider's user list. Exits 0 on success, 6 when SIGINT or SIGTERM stopped \
            the listing (nothing printed), 1 on any other error.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "The target's name, as in the configuration's targets: list.")
    var target: String

    @Option(help: "Output: table, json, or summary (counts only).")
    var format: OutputFormat = .table

    func execute() async throws -> ExitReason {
        let (logger, configuration) = try global.loggerAndConfiguration()
        let target = try TargetProviders.target(named: self.target, in: configuration)
        let accounts = try await ListingInterruption.run("accounts", logger: logger) {
            try await TargetProviders.withAccountProvider(target, logger: logger) { provider in
                try await provider.listAccounts()
            }
        }
        switch format {
        case .json: print(try AccountsRendering.json(accounts, target: target))
        case .summary: print(AccountsRendering.summary(accounts))
        case .table: print(AccountsRendering.table(accounts, provider: target.provider), terminator: "")
        }
        return .success
    }
}

/// Text forms of a provider's accounts.
enum AccountsRendering {
    private struct Document: Encodable {
        var target: String
        var provider: ProviderKind
        var count: Int
        var accounts: [ProviderAccount]
    }

    static func json(_ accounts: [ProviderAccount], target: TargetConfiguration) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let document = Document(
            target: target.name,
            provider: target.provider,
            count: accounts.count,
            accounts: accounts
        )
        return String(decoding: try encoder.encode(document), as: UTF8.self)
    }

    static func summary(_ accounts: [ProviderAccount]) -> String {
        let counts = ProviderAccount.Status.allStatuses.map { status in
            "\(status) \(accounts.filter { $0.status == status }.count)"
        }
        return "accounts: \(accounts.count) (\(counts.joined(separator: ", ")))"
    }

    static func table(_ accounts: [ProviderAccount], provider: ProviderKind) -> String {
        let rows = accounts.map { account in
            [
                account.id ?? "-",
                account.email,
                name(of: account),
                account.isAdmin ? "\(account.status) (admin)" : account.status.description,
                typeOrLicences(account, provider: provider),
                account.roles.isEmpty ? "-" : account.roles.joined(separator: ","),
            ]
        }
        return TextTable(header: ["ID", "EMAIL", "NAME", "STATUS", "TYPE/LICENCES", "ROLES"], rows: rows).render()
            + summary(accounts) + "\n"
    }

    private static func name(of account: ProviderAccount) -> String {
        if let display = account.displayName, !display.isEmpty { return display }
        let parts = [account.firstName, account.lastName].compactMap { $0 }.filter { !$0.isEmpty }
        return parts.isEmpty ? "-" : parts.joined(separator: " ")
    }

    /// Zoom has a user type instead of licences; GoTo and Webex hold licence keys.
    private static func typeOrLicences(_ account: ProviderAccount, provider: ProviderKind) -> String {
        if let type = account.userType {
            let label = ["1": "Basic", "2": "Licensed", "4": "Unassigned"][type].map { " (\($0))" } ?? ""
            return "type \(type)\(label)"
        }
        return account.licences.isEmpty ? "-" : account.licences.joined(separator: ",")
    }
}

extension ProviderAccount.Status {
    /// Every status, in reading order.
    static let allStatuses: [Self] = [.active, .suspended, .pending, .unknown]
}
