import ArgumentParser
import Foundation
import PetDeskDashboard
import PetDeskDemo
import PetDeskRules
import PetDeskStore
import PetDeskUI

/// `petdesk claim ORDER`.
struct ClaimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claim", abstract: "Take (or renew, or release) a lease on a case so others see who works it.",
        discussion: "EXAMPLES:\n  petdesk claim KS2208010111\n  petdesk claim KS2208010111 --release")

    @Argument(help: "The order id.") var order: String
    @OptionGroup var length: LeaseLength
    @Flag(help: "Release your lease instead.") var release = false
    @OptionGroup var store: StoreOptions

    func run() throws {
        let db = try store.open()
        let now = SystemClock.now()
        if release {
            try storeCall { try db.release(order, agent: store.agent(for: db), at: now) }
            Output.line("\(order): released")
            return
        }
        let lease = try storeCall { try db.claim(order, agent: store.agent(for: db), at: now, duration: length.seconds) }
        Output.line("\(order): claimed by \(lease.agent) until \(PlatformTime.formatShort(lease.expiresAt))")
    }
}

/// `--minutes`: how long a lease lasts unless renewed.
struct LeaseLength: ParsableArguments {
    @Option(help: "Lease length in minutes (1 to 1440).") var minutes: Int = 5

    func validate() throws {
        if minutes < 1 || minutes > 24 * 60 { throw ValidationError("--minutes must be between 1 and 1440") }
    }

    /// The lease length in seconds.
    var seconds: Int64 { Int64(minutes) * 60 }
}
