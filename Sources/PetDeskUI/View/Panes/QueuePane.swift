import PetDeskRules

struct QueueColumn {
    var header: String
    var width: Int
    var priority: Int
    var value: (QueueItem, State) -> (String, StyleRole?)
}

func queueColumns(_ s: State, width: Int) -> [QueueColumn] {
    let L = s.language
    // Below this pane width the timer column names its timer with one letter.
    let narrow = width < Layout.wideQueueColumns
    var columns = [
        QueueColumn(header: " ", width: 1, priority: 0) { r, s in (Countdown.marker(for: r.decidedOutcome == nil ? r.dueAt : nil, at: s.now), nil) },
        QueueColumn(header: L.pick("订单号", "Order"), width: narrow ? 12 : 14, priority: 0) { r, _ in (r.orderID, nil) },
        QueueColumn(header: L.pick("时限", "Timer"), width: narrow ? 9 : 13, priority: 1) { r, s in
            guard r.decidedOutcome == nil else { return (L.pick("已处理", "decided"), .dim) }
            let text = Countdown.queueText(to: r.dueAt, timer: r.dueTimer, at: s.now, language: L, narrow: narrow)
            return (text, r.dueAt.map { $0 <= s.now } == true ? .timerOverdue : nil)
        },
        QueueColumn(header: L.pick("建议", "Suggested"), width: 10, priority: 1) { r, _ in
            (r.decidedOutcome.map { "✓" + $0.shortName(L) } ?? r.suggestedOutcome.shortName(L), .verdict(r.decidedOutcome ?? r.suggestedOutcome))
        },
        QueueColumn(header: L.pick("买家", "Buyer"), width: 6, priority: 4) { r, _ in (r.buyer, nil) },
        // The buyer's claim at every width: in a narrow pane as one character (DisputeText.letter).
        narrow
            ? QueueColumn(header: L.pick("诉", "C"), width: 2, priority: 1) { r, _ in (DisputeText.letter(r.claimType, L), r.claimType == nil ? .dim : nil) }
            : QueueColumn(header: L.pick("诉求", "Claim"), width: 10, priority: 5) { r, _ in (r.claimType.map { L.pick($0.chineseName, $0.rawValue) } ?? "—", nil) },
        QueueColumn(header: L.pick("处理人", "Agent"), width: 8, priority: 6) { r, _ in (r.claimedBy ?? "", nil) },
        QueueColumn(header: L.pick("商品/品种", "Item/species"), width: 10, priority: 2) { r, _ in
            (r.title.isEmpty ? r.species : "\(r.title)/\(r.species)", nil)
        },
    ]
    // Drop the least important columns until the rest fit; the last column takes the slack.
    while columns.reduce(0, { $0 + $1.width + 1 }) > width, let drop = columns.indices.max(by: { columns[$0].priority < columns[$1].priority }),
          columns[drop].priority > 1 {
        columns.remove(at: drop)
    }
    let used = columns.dropLast().reduce(0) { $0 + $1.width + 1 }
    columns[columns.count - 1].width = max(4, width - used)
    return columns
}

func drawQueue(_ s: State, _ r: Rect, _ b: inout CellBuffer) {
    let L = s.language
    let position = s.total == 0 ? "0/0" : "\(s.selected + 1)/\(s.total)\(s.isTotalLowerBound ? "+" : "")"
    drawBox(r, title: "\(Pane.queue.name(L)) \(position)", focused: s.focus == .queue, &b)
    let inner = r.inner
    guard inner.width > 4, inner.height > 1 else { return }
    let columns = queueColumns(s, width: inner.width)
    var x = inner.x
    for c in columns {
        b.write(c.header, x: x, y: inner.y, maxWidth: c.width, role: .header)
        x += c.width + 1
    }
    if s.total == 0 {
        b.write(L.pick(s.filter.isEmpty ? "队列为空：petdesk import 文件 导入订单，或 petdesk demo 生成演示" : "没有匹配“\(s.filter)”的订单",
                       s.filter.isEmpty ? "the queue is empty: petdesk import FILE, or petdesk demo" : "nothing matches “\(s.filter)”"),
                x: inner.x, y: inner.y + 1, maxWidth: inner.width, role: .dim)
        return
    }
    let visible = inner.height - 1
    for line in 0..<visible {
        let index = s.scroll + line
        guard index < s.total else { break }
        let y = inner.y + 1 + line
        guard let row = s.row(at: index) else {
            b.write("…", x: inner.x + 2, y: y, role: .dim)
            continue
        }
        let isSelected = index == s.selected
        let overdue = row.decidedOutcome == nil && row.dueAt.map { $0 <= s.now } == true
        let base: StyleRole = row.decidedOutcome != nil ? .queueDecided : overdue ? .queueOverdue : .queueRow
        var x = inner.x
        for c in columns {
            let (text, role) = c.value(row, s)
            b.write(text, x: x, y: y, maxWidth: c.width, role: role ?? base)
            x += c.width + 1
        }
        if isSelected {
            b.restyle(x: inner.x, y: y, width: inner.width, role: s.focus == .queue ? .selection : .checklistCursor)
        }
    }
}
