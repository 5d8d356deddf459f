import ArgumentParser
import Foundation
import PetDeskDashboard
import PetDeskDemo
import PetDeskRules
import PetDeskStore
import PetDeskUI

/// `petdesk history ORDER`.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Print a case's audit trail: who did what, when, old → new.",
        discussion: "EXAMPLES:\n  petdesk history KS2208010111")

    @Argument(help: "The order id.") var order: String
    @Flag(help: "JSON instead of text.") var json = false
    @OptionGroup var store: StoreOptions

    func run() throws {
        let db = try store.open()
        let entries = try storeCall { try db.history(order) }
        if json {
            Output.data(JSONWriter.string(.array(entries.map { e in
                var o = JSONObjectBuilder()
                o.add("at", e.at)
                o.add("agent", e.agent)
                o.add("action", e.action)
                o.add("field", e.field)
                o.add("old", e.oldValue)
                o.add("new", e.newValue)
                return .value(o.value)
            })))
            return
        }
        for e in entries {
            let change = [e.field, e.oldValue.map { "\($0) →" }, e.newValue].compactMap { $0 }.joined(separator: " ")
            Output.line("\(PlatformTime.formatSeconds(e.at))  \(Sanitizer.line(e.agent))  \(e.action)  \(Sanitizer.line(change))")
        }
    }
}
