import ArgumentParser
import Foundation
import PetDeskDashboard
import PetDeskDemo
import PetDeskRules
import PetDeskStore
import PetDeskUI

/// `petdesk show ORDER`.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Print a case: version, checklist with marks, current verdict, decisions.",
        discussion: "EXAMPLES:\n  petdesk show KS2208010111\n  petdesk show KS2208010111 --json")

    @Argument(help: "The order id.") var order: String
    @Flag(help: "JSON: the case, its version and the verdict contract.") var json = false
    @Option(help: "Language: zh or en.") var lang: Language = .zh
    @OptionGroup var store: StoreOptions

    func run() throws {
        let db = try store.open()
        let now = SystemClock.now()
        let stored = try storeCall { try db.storedCase(order, at: now) }
        let verdict = db.pack.evaluate(stored.kase, at: now)
        if json {
            var o = JSONObjectBuilder()
            o.add("version", .number(String(stored.version)))
            o.add("case", ExportFormat.json(ImportRecord(kase: stored.kase, marks: stored.marks, decisions: stored.decisions)))
            o.add("verdict", VerdictEncoder.json(verdict, english: lang == .en))
            Output.data(JSONWriter.string(o.value))
            return
        }
        Output.line(lang.pick("版本", "Version") + " \(stored.version)" + (stored.lease.map { "  " + lang.pick("处理人", "claimed by") + " \($0.agent)" } ?? ""))
        Output.line(lang.pick("核对清单", "Checklist") + ":")
        for key in ChecklistKey.all {
            let e = stored.kase.checklist[key]
            let box = StatusText.box(e.effectiveStatus)
            let name = lang.pick(key.chineseName, key.englishName).padded(toColumns: 30)
            let value = Sanitizer.line(e.value ?? "").truncated(toColumns: 40)
            Output.line("  \(box) \(name) \(value)\(e.at.map { "  " + PlatformTime.formatShort($0) } ?? "")\(e.note.map { "  (\(Sanitizer.line($0)))" } ?? "")")
        }
        for line in VerdictSummary.lines(for: stored.kase, verdict: verdict, pack: db.pack, language: lang,
                                         decision: stored.decisions.last.map(DecisionNote.init), trace: true) {
            Output.line(line)
        }
        if !stored.decisions.isEmpty {
            Output.line(lang.pick("处理决定", "Decisions") + ":")
            for d in stored.decisions {
                Output.line("  \(PlatformTime.formatSeconds(d.at)) \(d.agent): \(d.outcome.rawValue)"
                    + (d.isOverride ? " (override of \(d.suggestedOutcome.rawValue))" : "") + (d.reason.map { " — \($0)" } ?? ""))
            }
        }
    }
}
