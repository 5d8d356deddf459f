import ArgumentParser
import Foundation
import PetDeskDemo
import PetDeskRules
import PetDeskStore
import PetDeskUI

extension QueueSort: ExpressibleByArgument {}

/// `petdesk list`: the queue as a table.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Print the queue: breached first (most overdue on top), then the nearest deadline.",
        discussion: "EXAMPLES:\n  petdesk list\n  petdesk list --filter 王 --sort paid\n  petdesk list --json --limit 20"
    )

    @Option(help: "Order: urgency, paid or order.") var sort: QueueSort = .urgency
    @Option(help: "Only cases whose order id, buyer, title or species contains TEXT.") var filter: String?
    @Option(help: "At most this many rows.") var limit: Int = 100
    @Flag(help: "JSON instead of a table.") var json = false
    @Option(help: "Language of the table: zh or en.") var lang: Language = .zh
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let db = try store.open()
        let now = SystemClock.now()
        let rows = try storeCall { try db.queue(sort: sort, filter: filter, limit: limit, at: now) }
        if json {
            Output.data(JSONWriter.string(.array(rows.map { .value(QueueTable.json($0)) })))
            return
        }
        let total = try storeCall { try db.count(filter: filter) }
        let table = QueueTable.lines(rows, at: now, language: lang)
        for line in table { Output.line(line) }
        Output.line(lang.pick("共 \(total) 单，显示 \(rows.count) 单", "\(rows.count) of \(total) cases"))
    }
}

/// The queue as aligned text columns (display width: CJK counts two), or as JSON.
enum QueueTable {
    /// One queue row as `list --json` and `next --json` print it.
    static func json(_ r: QueueRow) -> JSONValue {
        var o = JSONObjectBuilder()
        o.add("order_id", r.orderID)
        o.add("title", r.title)
        o.add("buyer", r.buyer)
        o.add("species", r.species)
        o.add("suggested_outcome", r.suggestedOutcome.rawValue)
        o.add("due_at", r.dueAt)
        o.add("due_timer", r.dueTimer?.rawValue)
        o.add("urgency", r.urgencyRank.name)
        o.add("claim_type", r.claimType?.rawValue)
        o.add("claimed_by", r.claimedBy)
        o.add("decided_outcome", r.decidedOutcome?.rawValue)
        o.add("version", .number(String(r.version)))
        return o.value
    }

    static func lines(_ rows: [QueueRow], at now: Instant, language L: Language) -> [String] {
        let header = [" ", L.pick("订单号", "Order"), L.pick("商品", "Item"), L.pick("买家", "Buyer"), L.pick("时限", "Timer"),
                      L.pick("建议", "Suggested"), L.pick("诉求", "Claim"), L.pick("处理人", "Agent")]
        var cells = [header]
        for r in rows {
            let item = Sanitizer.line(r.title.isEmpty ? r.species : "\(r.title) / \(r.species)")
            cells.append([Countdown.marker(for: r.dueAt, at: now), Sanitizer.line(r.orderID), item.truncated(toColumns: 30),
                          Sanitizer.line(r.buyer), Countdown.text(to: r.dueAt, timer: r.dueTimer, at: now, language: L),
                          r.decidedOutcome.map { "✓" + $0.shortName(L) } ?? r.suggestedOutcome.shortName(L),
                          r.claimType.map { L.pick($0.chineseName, $0.rawValue) } ?? "—", Sanitizer.line(r.claimedBy ?? "")])
        }
        var widths = [Int](repeating: 0, count: header.count)
        for row in cells { for (i, c) in row.enumerated() { widths[i] = max(widths[i], c.displayWidth) } }
        return cells.map { row in
            row.enumerated().map { i, c in i == row.count - 1 ? c : c.padded(toColumns: widths[i]) }.joined(separator: "  ")
                .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
    }
}

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
    @Option(help: "Refuse the write unless the case is at this version.") var expectVersion: Int?
    @Flag(help: "Write even though another agent holds the case (recorded in the audit log).") var force = false
    @OptionGroup var store: StoreOptions

    func run() throws {
        let db = try store.open()
        let stored = try storeCall {
            try db.saveMark(order, item: item, status: status, note: note, agent: store.agent(for: db), at: SystemClock.now(),
                            expectedVersion: expectVersion, force: force)
        }
        Output.line("\(order) \(item.rawValue) = \(status.rawValue) (version \(stored.version)); suggested \(stored.suggestedOutcome.rawValue)")
    }
}

/// `petdesk undo ORDER`.
struct UndoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo", abstract: "Undo your last mark on a case.",
        discussion: "EXAMPLES:\n  petdesk undo KS2208010111")

    @Argument(help: "The order id.") var order: String
    @Option(help: "Refuse the write unless the case is at this version.") var expectVersion: Int?
    @Flag(help: "Write even though another agent holds the case (recorded in the audit log).") var force = false
    @OptionGroup var store: StoreOptions

    func run() throws {
        let db = try store.open()
        let stored = try storeCall {
            try db.undoLastMark(order, agent: store.agent(for: db), at: SystemClock.now(), expectedVersion: expectVersion, force: force)
        }
        Output.line("\(order): last mark undone (version \(stored.version)); suggested \(stored.suggestedOutcome.rawValue)")
    }
}

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
    @Option(help: "Refuse the write unless the case is at this version.") var expectVersion: Int?
    @Flag(help: "Write even though another agent holds the case (recorded in the audit log).") var force = false
    @OptionGroup var store: StoreOptions

    func run() throws {
        let db = try store.open()
        let stored = try storeCall {
            try db.recordDecision(order, outcome: outcome, reason: reason, agent: store.agent(for: db), at: SystemClock.now(),
                                  expectedVersion: expectVersion, force: force)
        }
        let d = stored.decisions.last!
        Output.line("\(order): \(d.outcome.rawValue) recorded\(d.isOverride ? " (overrides suggested \(d.suggestedOutcome.rawValue))" : " (accepts the suggestion)"); version \(stored.version)")
    }
}

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
            let box = switch e.effectiveStatus { case .done: "[x]"; case .missing: "[!]"; case .offPlatform: "[~]"; case .unknown: "[ ]" }
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

/// `petdesk demo`: a realistic queue to try petdesk on.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a demo queue (labelled DEMO) with live timers relative to now.",
        discussion: "EXAMPLES:\n  petdesk demo --orders 500 --db /tmp/demo.sqlite\n  petdesk --db /tmp/demo.sqlite")

    @Option(help: "How many orders.") var orders: Int = 300
    @Option(help: "Seed of the generator.") var seed: UInt64 = 7
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if orders < 1 || orders > 2_000_000 { throw ValidationError("--orders must be between 1 and 2000000") }
    }

    func run() throws {
        let location = store.location
        let path = location.isExplicit ? location.path : StoreOptions.demoPath
        let db = try storeCall { try CaseStore.open(at: path) }
        // Fake orders never go into a real queue: only an empty database or a demo one.
        if try storeCall({ try db.count() }) > 0, !(try storeCall { try db.isDemo() }) {
            throw CommandFailure("petdesk: \(Sanitizer.line(path)) holds real orders; a demo queue goes into an empty or demo database "
                + "(pass another --db)", status: 1)
        }
        try DemoQueue.fill(db, orders: orders, seed: seed, now: SystemClock.now())
        Output.line("demo queue of \(orders) orders in \(path)")
    }
}

/// Builds the demo queue.
enum DemoQueue {
    static func fill(_ db: CaseStore, orders: Int, seed: UInt64, now: Instant) throws {
        var generator = CaseGenerator(seed: seed, now: now)
        let records = (0..<orders).map { ImportRecord(kase: generator.next(index: $0)) }
        try storeCall {
            try db.markAsDemo()
            try db.importRecords(records, agent: "demo", at: now)
        }
    }
}
