import ArgumentParser
import PetDeskRules
import PetDeskStore
import PetDeskUI

/// `petdesk next`: claim the most urgent case no one is working.
struct NextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "next",
        abstract: "Claim the most urgent undecided case that no one holds, and show it.",
        discussion: """
        Two agents asking at once never get the same case (PostgreSQL: FOR UPDATE SKIP LOCKED; \
        SQLite: one writer at a time). The lease lasts --minutes; 'petdesk claim ORDER --release' \
        gives it back. Exit status 1 with a message when nothing is left to claim.

        EXAMPLES:
          petdesk next
          petdesk next --json --db postgresql://li@db.example/petdesk?sslmode=require
        """)

    @OptionGroup var length: LeaseLength
    @Flag(help: "Print the claimed case's queue row as JSON (as 'list --json' does).") var json = false
    @Option(help: "Language: zh or en.") var lang: Language = .zh
    @OptionGroup var store: StoreOptions

    func run() throws {
        let db = try store.open()
        let now = SystemClock.now()
        guard let row = try storeCall({ try db.claimNext(agent: store.agent(for: db), at: now, duration: length.seconds) }) else {
            throw CommandFailure(lang.pick("petdesk: 没有可领取的案件：未决案件都已有人处理", "petdesk: nothing to claim: every undecided case is held by someone"),
                                 status: 1)
        }
        if json {
            Output.data(JSONWriter.string(QueueTable.json(row)))
            return
        }
        for line in QueueTable.lines([row], at: now, language: lang) { Output.line(line) }
    }
}
