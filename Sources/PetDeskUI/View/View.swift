import PetDeskRules

/// Draws the whole screen for a state. Pure: the same state gives the same cells.
public func view(_ s: State) -> CellBuffer {
    var b = CellBuffer(width: s.width, height: s.height)
    guard s.width > 0, s.height > 0 else { return b }
    if s.isTooSmall {
        drawTooSmall(s, &b)
        if s.overlay == .help { drawHelp(s, &b) }
        return b
    }
    let layout = Layout(width: s.width, height: s.height)
    drawTitle(s, &b)
    drawQueue(s, layout.queue, &b)
    drawChecklist(s, layout.checklist, &b)
    drawTimers(s, layout.timers, &b)
    drawVerdict(s, layout.verdict, &b)
    drawStatus(s, &b)
    switch s.overlay {
    case .help: drawHelp(s, &b)
    case .detail(let scroll): drawDetail(s, scroll, &b)
    case .decision(let dialog): drawDecision(s, dialog, &b)
    case .note(let text): drawNote(s, text, &b)
    case .printPreview(let scroll): drawPrintPreview(s, scroll, &b)
    case nil: break
    }
    return b
}

// MARK: - Frames

func drawBox(_ r: Rect, title: String, focused: Bool, _ b: inout CellBuffer, role: StyleRole? = nil) {
    guard r.width >= 2, r.height >= 2 else { return }
    let border = role ?? (focused ? .borderFocused : .borderUnfocused)
    b.fill(x: r.x, y: r.y, width: r.width, height: r.height, role: role == .dialog ? .dialog : .text)
    let right = min(b.width, r.x + r.width) - 1, bottom = min(b.height, r.y + r.height) - 1
    guard r.x >= 0, r.y >= 0, right > r.x, bottom > r.y else { return }
    let horizontal = Cell(text: "─", role: border), vertical = Cell(text: "│", role: border)
    for x in (r.x + 1)..<right {
        b[x, r.y] = horizontal
        b[x, bottom] = horizontal
    }
    for y in (r.y + 1)..<bottom {
        b[r.x, y] = vertical
        b[right, y] = vertical
    }
    b[r.x, r.y] = Cell(text: "┌", role: border)
    b[right, r.y] = Cell(text: "┐", role: border)
    b[r.x, bottom] = Cell(text: "└", role: border)
    b[right, bottom] = Cell(text: "┘", role: border)
    let label = focused ? "[\(title)]" : " \(title) "
    b.write(label, x: r.x + 2, y: r.y, maxWidth: r.width - 4, role: focused ? .borderFocused : .header)
}

private func drawTitle(_ s: State, _ b: inout CellBuffer) {
    let L = s.language
    b.fill(x: 0, y: 0, width: s.width, height: 1, role: .title)
    var text = "petdesk · \(s.packID) · \(L.pick("排序", "sort")): \(s.sort.name(L))"
    if !s.filter.isEmpty || s.isEditingFilter { text += " · \(L.pick("筛选", "filter")): \(s.filter)\(s.isEditingFilter ? "▏" : "")" }
    b.write(text, x: 1, y: 0, maxWidth: s.width - 2, role: .title)
}

private func drawTooSmall(_ s: State, _ b: inout CellBuffer) {
    let L = s.language
    let lines = [
        L.pick("终端太小，需要 \(State.minimumWidth)×\(State.minimumHeight)", "terminal too small, need \(State.minimumWidth)×\(State.minimumHeight)"),
        L.pick("当前 \(s.width)×\(s.height)", "now \(s.width)×\(s.height)"),
        L.pick("q 退出  ? 帮助", "q quit  ? help"),
    ]
    for (i, line) in lines.enumerated() where i < s.height {
        b.write(line, x: 0, y: i, maxWidth: s.width, role: i == 0 ? .danger : .text)
    }
}

// MARK: - Queue

private struct QueueColumn {
    var header: String
    var width: Int
    var priority: Int
    var value: (QueueItem, State) -> (String, StyleRole?)
}

private func queueColumns(_ s: State, width: Int) -> [QueueColumn] {
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

private func drawQueue(_ s: State, _ r: Rect, _ b: inout CellBuffer) {
    let L = s.language
    let position = s.total == 0 ? "0/0" : "\(s.selected + 1)/\(s.total)"
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

// MARK: - Checklist

private func statusBox(_ status: ItemStatus) -> (String, StyleRole) {
    switch status {
    case .done: ("[x]", .checklistDone)
    case .unknown: ("[ ]", .checklistUnknown)
    case .missing: ("[!]", .checklistMissing)
    case .offPlatform: ("[~]", .checklistOffPlatform)
    }
}

private func drawChecklist(_ s: State, _ r: Rect, _ b: inout CellBuffer) {
    let L = s.language
    let version = s.current.map { " v\($0.version)" } ?? ""
    let holder = s.current?.claimedBy.map { " · " + L.pick("处理人 ", "claimed by ") + $0 } ?? ""
    drawBox(r, title: Pane.checklist.name(L) + version + holder, focused: s.focus == .checklist, &b)
    let inner = r.inner
    guard let c = s.current, inner.height > 0 else {
        if inner.height > 0 { b.write(L.pick("未选择订单", "no case selected"), x: inner.x, y: inner.y, maxWidth: inner.width, role: .dim) }
        return
    }
    let keys = ChecklistKey.all
    let first = max(0, min(s.checklistCursor - inner.height / 2, keys.count - inner.height))
    drawMoreMarkers(above: first, below: keys.count - first - min(inner.height, keys.count), in: r, L, &b)
    let nameWidth = min(inner.width / 2, L == .zh ? 26 : 30)
    for line in 0..<min(inner.height, keys.count) {
        let i = first + line
        let key = keys[i]
        let e = c.kase.checklist[key]
        let y = inner.y + line
        let (box, role) = statusBox(e.effectiveStatus)
        b.write(box, x: inner.x, y: y, role: role)
        let group = key.group == .disclosure ? "D" : key.group == .confirmation ? "C" : "P"
        b.write(group, x: inner.x + 4, y: y, role: .dim)
        b.write(L.pick(key.chineseName, key.englishName), x: inner.x + 6, y: y, maxWidth: nameWidth, role: .text)
        var detail = [e.value, e.at.map { PlatformTime.formatShort($0).dropFirst(5).description }, e.note.map { "(\($0))" }]
            .compactMap { $0 }.joined(separator: " ")
        if s.savingItem == key { detail = L.pick("保存中…", "saving…") }
        let x = inner.x + 7 + nameWidth
        b.write(detail, x: x, y: y, maxWidth: inner.x + inner.width - x, role: s.savingItem == key ? .dim : .text)
        if i == s.checklistCursor && s.focus == .checklist {
            b.restyle(x: inner.x, y: y, width: inner.width, role: .selection)
        }
    }
}

/// Says on a pane's border how many rows are out of sight above and below (the 16th checklist
/// item may be the one NEEDS_EVIDENCE names).
private func drawMoreMarkers(above: Int, below: Int, in r: Rect, _ L: Language, _ b: inout CellBuffer) {
    if above > 0 {
        let text = L.pick(" ▲ 上方 \(above) 项 ", " ▲ \(above) more ")
        b.write(text, x: r.x + r.width - 2 - text.displayWidth, y: r.y, role: .dim)
    }
    if below > 0 {
        let text = L.pick(" ▼ 还有 \(below) 项 ", " ▼ \(below) more ")
        b.write(text, x: r.x + r.width - 2 - text.displayWidth, y: r.y + r.height - 1, role: .dim)
    }
}

// MARK: - Timers

private func timerRole(_ t: CaseTimer, at now: Instant) -> StyleRole {
    if t.isClosed { return .dim }
    if t.state.isOverdue { return .timerOverdue }
    guard t.state == .running, let left = t.secondsRemaining(at: now) else { return .timerOK }
    if left <= 2 * PlatformTime.secondsPerHour { return .timerCritical }
    if left <= 24 * PlatformTime.secondsPerHour { return .timerWarning }
    return .timerOK
}

private func drawTimers(_ s: State, _ r: Rect, _ b: inout CellBuffer) {
    let L = s.language
    drawBox(r, title: Pane.timers.name(L), focused: s.focus == .timers, &b)
    let inner = r.inner
    guard let v = s.verdict, inner.height > 0 else { return }
    if v.timers.isEmpty {
        b.write(L.pick("无计时（不适用本标准）", "no timers (out of scope)"), x: inner.x, y: inner.y, maxWidth: inner.width, role: .dim)
        return
    }
    let skipped = min(s.timersScroll, max(0, v.timers.count - 1))
    let timers = Array(v.timers.dropFirst(skipped))
    drawMoreMarkers(above: skipped, below: max(0, timers.count - inner.height), in: r, L, &b)
    for (line, t) in timers.prefix(inner.height).enumerated() {
        let y = inner.y + line
        let role = timerRole(t, at: s.now)
        let sign = t.isClosed ? " " : t.state.isOverdue ? "!" : t.state == .running ? "·" : " "
        b.write(sign, x: inner.x, y: y, role: role)
        let name = TimerText.name(t, L).padded(toColumns: L == .zh ? 13 : 17)
        b.write(name, x: inner.x + 2, y: y, role: .text)
        var x = inner.x + 2 + name.displayWidth + 1
        let count = t.asksForAction ? TimerText.countdown(t, at: s.now, language: L) : TimerText.stateName(t.state, L)
        let state = t.asksForAction ? " " + TimerText.stateName(t.state, L) : ""
        x += b.write(count + state, x: x, y: y, maxWidth: inner.x + inner.width - x, role: role) + 2
        if let d = t.deadline {
            b.write("→ " + PlatformTime.formatShort(d.instant).dropFirst(5), x: x, y: y, maxWidth: inner.x + inner.width - x, role: .dim)
        }
    }
}

// MARK: - Verdict

/// The verdict pane's lines (also used to size scrolling).
func verdictLines(_ s: State, width: Int) -> [(String, StyleRole)] {
    let L = s.language
    guard let v = s.verdict, let c = s.current else { return [] }
    var lines: [(String, StyleRole)] = []
    let role = StyleRole.verdict(v.outcome)
    lines.append((L.pick(v.outcome.chineseName, v.outcome.englishName), role))
    lines.append(("[\(v.outcome.rawValue)]" + (v.liabilityCap.map { "  " + L.pick("上限", "cap") + " ¥\($0)" } ?? ""), role))
    if let d = c.decision {
        lines.append((L.pick("已决定：", "Decided: ") + L.pick(d.outcome.chineseName, d.outcome.englishName) + " · \(d.agent)"
                       + (d.isOverride ? L.pick("（改判）", " (override)") : "")
                       + (d.reason.map { L.pick(" · 理由：\($0)", " · reason: \($0)") } ?? ""), .header))
        if d.outcome != v.outcome {
            lines.append((L.pick("注意：决定与当前建议不同，请按 v 复核", "Note: the decision differs from the current suggestion; press v to revisit"),
                          .verdictNeedsEvidence))
        }
    }
    lines.append((DisputeText.claim(c.kase, L), .text))
    for fact in DisputeText.facts(c.kase, L, full: false) { lines.append((fact, .text)) }
    if !v.nextSteps.isEmpty {
        lines.append((L.pick("下一步：", "Next:"), .header))
        for step in v.nextSteps { lines.append(("→ " + StepText.line(step, language: L), .text)) }
    }
    for id in v.grounds {
        lines.append(("▸ " + id.rawValue, .rule))
        if let rule = s.pack.rule(id) {
            for w in "「\(rule.chineseText)」".wrapped(toColumns: width - 2) { lines.append(("  " + w, .dim)) }
        }
        if let f = v.findings.first(where: { $0.rule == id }) {
            for w in ("→ " + L.pick(f.detail.chinese, f.detail.english)).wrapped(toColumns: width - 2) { lines.append(("  " + w, .text)) }
        }
    }
    if !v.missing.isEmpty {
        lines.append((L.pick("缺少证据：", "Missing: ") + v.missing.map { EvidenceText.name($0, L) }.joined(separator: L.pick("、", ", ")),
                       .verdictNeedsEvidence))
    }
    for flag in v.flags { lines.append(("⚑ " + flag.description, .flag)) }
    if v.grounds.isEmpty && v.missing.isEmpty {
        for w in OutcomeText.meaning(v.outcome, L).wrapped(toColumns: width) { lines.append((w, .dim)) }
    }
    return lines.flatMap { line, role in line.wrapped(toColumns: width).map { ($0, role) } }
}

private func drawVerdict(_ s: State, _ r: Rect, _ b: inout CellBuffer) {
    drawBox(r, title: Pane.verdict.name(s.language), focused: s.focus == .verdict, &b)
    let inner = r.inner
    guard inner.height > 0, inner.width > 4 else { return }
    let lines = verdictLines(s, width: inner.width)
    let first = min(s.verdictScroll, max(0, lines.count - inner.height))
    for (i, (text, role)) in lines.dropFirst(first).prefix(inner.height).enumerated() {
        b.write(text, x: inner.x, y: inner.y + i, maxWidth: inner.width, role: role)
    }
}

// MARK: - Status bar

private func drawStatus(_ s: State, _ b: inout CellBuffer) {
    let L = s.language
    let y = s.height - 1
    b.fill(x: 0, y: y, width: s.width, height: 1, role: .statusBar)
    var x = 0
    if s.isDemo { x += b.write(" DEMO ", x: x, y: y, role: .demo) + 1 }
    let position = s.total == 0 ? "0/0" : "\(s.selected + 1)/\(s.total)"
    var left = "[\(s.focus.name(L))] \(position)"
    if !s.filter.isEmpty { left += " /\(s.filter)" }
    left += " \(s.agent) \(PlatformTime.format(s.now).dropFirst(5).prefix(14).replacingOccurrences(of: "T", with: " "))"
    x += b.write(left, x: x, y: y, role: .statusBar) + 2
    if let m = s.message {
        b.write(m.text, x: x, y: y, maxWidth: s.width - x, role: m.isError ? .statusError : .statusBar)
        return
    }
    if s.isEditingFilter {
        b.write(L.pick("输入筛选词 · Enter 确定 · Esc 清除", "type to filter · Enter keep · Esc clear"), x: x, y: y, maxWidth: s.width - x, role: .statusKey)
        return
    }
    for hint in Keymap.hints(in: s.focus) {
        let key = hint.keys.first!.description
        let label = L.pick(hint.chinese, hint.english)
        let need = key.displayWidth + label.displayWidth + 2
        guard x + need <= s.width else { break }
        x += b.write(key, x: x, y: y, role: .statusKey)
        x += b.write(" " + label + " ", x: x, y: y, role: .statusBar)
    }
}

// MARK: - Overlays

private func centered(_ s: State, width: Int, height: Int) -> Rect {
    let w = min(width, s.width - 2), h = min(height, s.height - 2)
    return Rect(x: (s.width - w) / 2, y: (s.height - h) / 2, width: w, height: h)
}

private func drawLines(_ lines: [(String, StyleRole)], in r: Rect, scroll: Int, _ b: inout CellBuffer) {
    let inner = r.inner
    let first = min(scroll, max(0, lines.count - inner.height))
    for (i, (text, role)) in lines.dropFirst(first).prefix(inner.height).enumerated() {
        b.write(text, x: inner.x + 1, y: inner.y + i, maxWidth: inner.width - 2, role: role)
    }
}

private func drawHelp(_ s: State, _ b: inout CellBuffer) {
    let L = s.language
    var lines: [(String, StyleRole)] = []
    for scope in [KeyScope.global] + Pane.allCases.map(KeyScope.pane) {
        let bindings = Keymap.bindings.filter { $0.scope == scope }
        guard !bindings.isEmpty else { continue }
        let title: String = switch scope {
        case .global: L.pick("全局", "Everywhere")
        case .pane(let p): p.name(L)
        }
        lines.append((title, .header))
        for binding in bindings {
            let keys = binding.keys.map(\.description).joined(separator: " ")
            lines.append(("  " + keys.padded(toColumns: 12) + L.pick(binding.chinese, binding.english), .help))
        }
    }
    lines.append((L.pick("Esc 或 ? 关闭", "Esc or ? closes"), .dim))
    let r = centered(s, width: 48, height: lines.count + 2)
    drawBox(r, title: L.pick("按键", "Keys"), focused: true, &b, role: .dialog)
    drawLines(lines, in: r, scroll: 0, &b)
}

/// The tracking history with gaps over the stall limit highlighted, stall replies, messages.
func detailLines(_ s: State, width: Int) -> [(String, StyleRole)] {
    let L = s.language
    guard let c = s.current else { return [] }
    let k = c.kase
    var lines: [(String, StyleRole)] = []
    lines.append(("\(k.orderID)  \(k.title ?? "")", .header))
    lines.append(("  " + DisputeText.claim(k, L), .text))
    for fact in DisputeText.facts(k, L, full: true) { lines.append(("  " + fact, .text)) }
    lines.append((L.pick("物流轨迹", "Tracking"), .header))
    let stallSeconds = Int64(s.parameters.stallHours) * PlatformTime.secondsPerHour
    if let tracking = k.tracking {
        var events: [(Instant, String)] = tracking.map { ($0.at, $0.text) }
        if let shipped = k.shipment.shippedAt { events.append((shipped, L.pick("商家发货", "shipped"))) }
        if let offered = k.delivery.offeredAt { events.append((offered, L.pick("派送至买家", "offered to the buyer"))) }
        events.sort { $0.0 < $1.0 }
        var previous: Instant?
        for (at, text) in events {
            if let p = previous, at.seconds(since: p) > stallSeconds {
                lines.append(("  !! " + L.pick("停滞 ", "stall ") + PlatformTime.formatDuration(at.seconds(since: p)), .stallGap))
            }
            lines.append(("  " + PlatformTime.formatShort(at) + "  " + text, .text))
            previous = at
        }
        if events.isEmpty { lines.append(("  " + L.pick("无扫描记录", "no scans"), .dim)) }
    } else {
        lines.append(("  " + L.pick("未提供物流轨迹", "tracking not supplied"), .verdictNeedsEvidence))
    }
    lines.append((L.pick("停滞答复", "Stall replies"), .header))
    if k.stallReplies.isEmpty { lines.append(("  —", .dim)) }
    for r in k.stallReplies {
        let channel = ChannelText.name(r.channel, L)
        lines.append(("  \(PlatformTime.formatShort(r.at)) [\(channel)] \(r.reason ?? "—") / \(r.courierResult ?? "—")", .text))
    }
    lines.append((L.pick("客服消息", "CS messages"), .header))
    if k.messages.isEmpty { lines.append(("  —", .dim)) }
    for m in k.messages {
        lines.append(("  \(m.at.map(PlatformTime.formatShort) ?? "") \(SenderText.name(m.from, L)): \(m.text)", .text))
    }
    return lines.flatMap { text, role in text.wrapped(toColumns: width).map { ($0, role) } }
}

private func drawDetail(_ s: State, _ scroll: Int, _ b: inout CellBuffer) {
    let r = Rect(x: 2, y: 1, width: s.width - 4, height: s.height - 2)
    drawBox(r, title: s.language.pick("详情 · ↑↓ 滚动 · Esc 关闭", "Detail · ↑↓ scroll · Esc close"), focused: true, &b, role: .dialog)
    drawLines(detailLines(s, width: r.inner.width - 2), in: r, scroll: scroll, &b)
}

private func drawPrintPreview(_ s: State, _ scroll: Int, _ b: inout CellBuffer) {
    guard let c = s.current, let v = s.verdict else { return }
    let r = Rect(x: 2, y: 1, width: s.width - 4, height: s.height - 2)
    drawBox(r, title: s.language.pick("打印预览 · Enter 打印 · y 复制 · Esc 取消", "Print preview · Enter print · y copy · Esc cancel"), focused: true, &b, role: .dialog)
    let lines = VerdictSummary.lines(for: c.kase, verdict: v, pack: s.pack, language: s.language)
        .flatMap { $0.wrapped(toColumns: r.inner.width - 2) }.map { ($0, StyleRole.dialog) }
    drawLines(lines, in: r, scroll: scroll, &b)
}

private func drawDecision(_ s: State, _ d: DecisionDialog, _ b: inout CellBuffer) {
    let L = s.language
    var lines: [(String, StyleRole)] = []
    if let c = s.current { lines.append(("\(c.kase.orderID)  \(c.kase.title ?? "")", .header)) }
    lines.append((L.pick("建议：", "Suggested: ") + "\(d.suggested.chineseName) \(d.suggested.rawValue)", .verdict(d.suggested)))
    if let v = s.verdict, !v.grounds.isEmpty { lines.append((L.pick("依据：", "Grounds: ") + v.grounds.map(\.rawValue).joined(separator: ", "), .rule)) }
    lines.append(("", .dialog))
    lines.append((L.pick("决定（↑↓ 选择）：", "Decision (↑↓ to choose):"), .header))
    lines.append(("  ▶ \(d.selected.chineseName) \(d.selected.rawValue)" + (d.isOverride ? L.pick("  改判", "  OVERRIDE") : L.pick("  采纳建议", "  accept")),
                  d.isOverride ? .danger : .verdict(d.selected)))
    lines.append((L.pick("理由：", "Reason: ") + d.reason + "▏", .dialogInput))
    if let e = d.error { lines.append((e, .danger)) }
    lines.append(("", .dialog))
    lines.append((L.pick("Enter 确认记录 · Esc 取消", "Enter record · Esc cancel"), .dim))
    let r = centered(s, width: 64, height: lines.count + 2)
    drawBox(r, title: L.pick("记录决定", "Record decision"), focused: true, &b, role: .dialog)
    drawLines(lines, in: r, scroll: 0, &b)
}

private func drawNote(_ s: State, _ text: String, _ b: inout CellBuffer) {
    let L = s.language
    let key = s.cursorKey
    let lines: [(String, StyleRole)] = [
        (L.pick(key.chineseName, key.englishName), .header),
        (text + "▏", .dialogInput),
        (L.pick("Enter 保存 · Esc 取消", "Enter save · Esc cancel"), .dim),
    ]
    let r = centered(s, width: 60, height: lines.count + 2)
    drawBox(r, title: L.pick("备注", "Note"), focused: true, &b, role: .dialog)
    drawLines(lines, in: r, scroll: 0, &b)
}
