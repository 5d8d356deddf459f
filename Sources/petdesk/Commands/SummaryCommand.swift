import ArgumentParser
import Foundation
import PetDeskDashboard
import PetDeskDemo
import PetDeskRules
import PetDeskStore
import PetDeskUI

/// `petdesk summary ORDER`: the printable verdict summary on stdout.
struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Print a case's ticket-ready opinion (处理意见), the text the dashboard prints and copies.",
        discussion: """
        The claim, the suggested verdict with its rule and the rule's words, the facts, the \
        decision and its reason, the next step, the agent and the instant: a few lines to paste \
        into the platform's dispute ticket. --trace adds every rule's finding, the timers and the \
        evidence still missing.

        EXAMPLES:
          petdesk summary KS2208010111 | lp
          petdesk summary --trace KS2208010111
        """)

    @Argument(help: "The order id.") var order: String
    @Option(help: "Language: zh or en.") var lang: Language = .zh
    @Flag(help: "Add the full rule trace.") var trace = false
    @OptionGroup var store: StoreOptions

    func run() throws {
        let db = try store.open()
        let now = SystemClock.now()
        let stored = try storeCall { try db.storedCase(order, at: now) }
        let verdict = db.pack.evaluate(stored.kase, at: now)
        for line in VerdictSummary.lines(for: stored.kase, verdict: verdict, pack: db.pack, language: lang,
                                         decision: stored.decisions.last.map(DecisionNote.init), agent: store.agent(for: db),
                                         trace: trace) {
            Output.line(line)
        }
    }
}
