import ArgumentParser
import Foundation
import PetDeskDashboard
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
