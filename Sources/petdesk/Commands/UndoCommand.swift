import ArgumentParser
import Foundation
import PetDeskDashboard
import PetDeskDemo
import PetDeskRules
import PetDeskStore
import PetDeskUI

/// `petdesk undo ORDER`.
struct UndoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo", abstract: "Undo your last mark on a case.",
        discussion: "EXAMPLES:\n  petdesk undo KS2208010111")

    @Argument(help: "The order id.") var order: String
    @OptionGroup var guards: WriteGuards
    @OptionGroup var store: StoreOptions

    func run() throws {
        let db = try store.open()
        let stored = try storeCall {
            try db.undoLastMark(order, agent: store.agent(for: db), at: SystemClock.now(), expectedVersion: guards.expectVersion, force: guards.force)
        }
        Output.line("\(order): last mark undone (version \(stored.version)); suggested \(stored.suggestedOutcome.rawValue)")
    }
}
