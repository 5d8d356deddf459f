import ArgumentParser
import Foundation
import PetDeskDashboard
import PetDeskDemo
import PetDeskRules
import PetDeskStore
import PetDeskUI

extension ItemStatus: ExpressibleByArgument {}
extension ChecklistKey: ExpressibleByArgument {}

/// `petdesk mark ORDER ITEM STATUS`.
struct MarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mark",
        abstract: "Mark a checklist item of a case: done, missing, off_platform or unknown.",
        discussion: """
        ITEM is a checklist key: \(ChecklistKey.allCases.map(\.rawValue).joined(separator: ", ")).
        Exit status 3 when --expect-version is stale (someone else changed the case).

        EXAMPLES:
          petdesk mark KS2208010111 identity done --note "芯片码已核对"
          petdesk mark KS2208010111 packaging_video off_platform --expect-version 4
        """
    )

    @Argument(help: "The order id.") var order: String
    @Argument(help: "The checklist item.") var item: ChecklistKey
    @Argument(help: "done, missing, off_platform or unknown.") var status: ItemStatus
    @Option(help: "A note kept with the mark.") var note: String?
    @OptionGroup var guards: WriteGuards
    @OptionGroup var store: StoreOptions

    func run() throws {
        let db = try store.open()
        let stored = try storeCall {
            try db.saveMark(order, item: item, status: status, note: note, agent: store.agent(for: db), at: SystemClock.now(),
                            expectedVersion: guards.expectVersion, force: guards.force)
        }
        Output.line("\(order) \(item.rawValue) = \(status.rawValue) (version \(stored.version)); suggested \(stored.suggestedOutcome.rawValue)")
    }
}
