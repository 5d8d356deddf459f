import PetDeskRules

func statusBox(_ status: ItemStatus) -> (String, StyleRole) {
    let role: StyleRole = switch status {
    case .done: .checklistDone
    case .unknown: .checklistUnknown
    case .missing: .checklistMissing
    case .offPlatform: .checklistOffPlatform
    }
    return (StatusText.box(status), role)
}

func drawChecklist(_ s: State, _ r: Rect, _ b: inout CellBuffer) {
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
    let (first, listHeight, detail) = checklistWindow(s)
    let hidden = (above: first, below: keys.count - first - min(listHeight, keys.count))
    if detail.isEmpty {
        drawMoreMarkers(above: hidden.above, below: hidden.below, in: r, L, &b)
    } else {
        drawMoreMarkers(above: hidden.above, below: 0, in: r, L, &b)
        let ruleY = inner.y + listHeight
        let more = hidden.below > 0 ? L.pick("▼ 还有 \(hidden.below) 项 ", "▼ \(hidden.below) more ") : ""
        b.write(String(repeating: "┄", count: inner.width), x: inner.x, y: ruleY, role: .dim)
        if !more.isEmpty { b.write(more, x: inner.x + inner.width - more.displayWidth, y: ruleY, role: .dim) }
        for (i, line) in detail.dropFirst().enumerated() {
            b.write(line, x: inner.x, y: ruleY + 1 + i, maxWidth: inner.width, role: .text)
        }
    }
    let nameWidth = min(inner.width / 2, L == .zh ? 26 : 30)
    for line in 0..<min(listHeight, keys.count) {
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
func drawMoreMarkers(above: Int, below: Int, in r: Rect, _ L: Language, _ b: inout CellBuffer) {
    if above > 0 {
        let text = L.pick(" ▲ 上方 \(above) 项 ", " ▲ \(above) more ")
        b.write(text, x: r.x + r.width - 2 - text.displayWidth, y: r.y, role: .dim)
    }
    if below > 0 {
        let text = L.pick(" ▼ 还有 \(below) 项 ", " ▼ \(below) more ")
        b.write(text, x: r.x + r.width - 2 - text.displayWidth, y: r.y + r.height - 1, role: .dim)
    }
}

/// Which checklist items the pane shows: from `first`, `listHeight` rows; with focus the item
/// under the cursor also gets the pane's last rows in full (`detail`: a note of any length stays
/// readable at 80 columns; empty without focus) and the list scrolls in the rows above.
func checklistWindow(_ s: State) -> (first: Int, listHeight: Int, detail: [String]) {
    let inner = Layout(width: s.width, height: s.height).checklist.inner
    var detail: [String] = []
    if s.focus == .checklist, inner.height >= Tuning.itemDetailMinimumHeight, let c = s.current {
        detail = itemDetailLines(c.kase.checklist[s.cursorKey], s.cursorKey, s.language, width: inner.width,
                                 rows: max(Tuning.itemDetailRows, inner.height - Tuning.checklistMinimumRows))
    }
    let listHeight = inner.height - detail.count
    let count = ChecklistKey.all.count
    return (max(0, min(s.checklistCursor - listHeight / 2, count - listHeight)), listHeight, detail)
}

/// The item under the cursor in full, for the bottom of the checklist pane: a rule line, then
/// its status, value, when it was confirmed and where, and its note, wrapped to `width` (at
/// most `rows` rows in all; the last ends in "…" when the text needs more, and `n` shows it all).
func itemDetailLines(_ e: ChecklistEntry, _ key: ChecklistKey, _ L: Language, width: Int, rows: Int) -> [String] {
    var parts = [StatusText.name(e.effectiveStatus, L)]
    if let value = e.value { parts.append(value) }
    parts.append(e.at.map { L.pick("确认于 ", "confirmed ") + PlatformTime.formatShort($0) } ?? L.pick("确认时间未知", "confirmed: unknown"))
    if let channel = e.channel { parts.append(ChannelText.name(channel, L)) }
    if let note = e.note { parts.append(L.pick("备注：", "note: ") + note) }
    var text = parts.joined(separator: " · ").wrapped(toColumns: width)
    let room = max(1, rows - 1)
    if text.count > room {
        text = Array(text.prefix(room))
        text[room - 1] = text[room - 1].truncated(toColumns: width - 1) + "…"
    }
    return [""] + text
}
