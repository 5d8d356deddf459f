import ArgumentParser
import Foundation
import PetDeskDashboard
import PetDeskDemo
import PetDeskRules
import PetDeskStore
import PetDeskUI

extension Outcome: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.uppercased()) }
}

/// `petdesk decide ORDER OUTCOME`.
struct DecideCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decide",
        abstract: "Record a decision: accept the suggested verdict, or override it with a reason.",
        discussion: """
        OUTCOME is one of \(Outcome.allCases.map(\.rawValue).joined(separator: ", ")).
        The suggested verdict and the rule pack are recorded beside the decision.

        EXAMPLES:
          petdesk decide KS2208010111 FULL_REFUND --reason "停滞未答复"
          petdesk decide KS2208010104 FULL_REFUND --reason "延误" --expect-version 3
        """
    )

    @Argument(help: "The order id.") var order: String
    @Argument(help: "The outcome code.") var outcome: Outcome
    @Option(help: "Why (required to override the suggestion).") var reason: String?
    @OptionGroup var guards: WriteGuards
    @OptionGroup var store: StoreOptions

    func run() throws {
        let db = try store.open()
        let stored = try storeCall {
            try db.recordDecision(order, outcome: outcome, reason: reason, agent: store.agent(for: db), at: SystemClock.now(),
                                  expectedVersion: guards.expectVersion, force: guards.force)
        }
        let d = stored.decisions.last!
        Output.line("\(order): \(d.outcome.rawValue) recorded\(d.isOverride ? " (overrides suggested \(d.suggestedOutcome.rawValue))" : " (accepts the suggestion)"); version \(stored.version)")
    }
}
