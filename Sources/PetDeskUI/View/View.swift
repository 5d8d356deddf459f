import PetDeskRules

/// Draws the whole screen for a state. Pure: the same state gives the same cells.
public func view(_ s: State) -> CellBuffer {
    var b = CellBuffer(width: s.width, height: s.height)
    guard s.width > 0, s.height > 0 else { return b }
    if s.isTooSmall {
        drawTooSmall(s, &b)
        if case .help(let scroll) = s.overlay { drawHelp(s, scroll, &b) }
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
    case .help(let scroll): drawHelp(s, scroll, &b)
    case .detail(let scroll): drawDetail(s, scroll, &b)
    case .decision(let dialog): drawDecision(s, dialog, &b)
    case .note(let text): drawNote(s, text, &b)
    case .printPreview(let scroll, let trace): drawPrintPreview(s, scroll, trace: trace, &b)
    case .instant(let dialog): drawInstant(s, dialog, &b)
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
    let horizontal = Cell(glyph: Glyph("─" as Unicode.Scalar), role: border), vertical = Cell(glyph: Glyph("│" as Unicode.Scalar), role: border)
    for x in (r.x + 1)..<right {
        b[x, r.y] = horizontal
        b[x, bottom] = horizontal
    }
    for y in (r.y + 1)..<bottom {
        b[r.x, y] = vertical
        b[right, y] = vertical
    }
    b[r.x, r.y] = Cell(glyph: Glyph("┌" as Unicode.Scalar), role: border)
    b[right, r.y] = Cell(glyph: Glyph("┐" as Unicode.Scalar), role: border)
    b[r.x, bottom] = Cell(glyph: Glyph("└" as Unicode.Scalar), role: border)
    b[right, bottom] = Cell(glyph: Glyph("┘" as Unicode.Scalar), role: border)
    let label = focused ? "[\(title)]" : " \(title) "
    b.write(label, x: r.x + 2, y: r.y, maxWidth: r.width - 4, role: focused ? .borderFocused : .header)
}

func drawTitle(_ s: State, _ b: inout CellBuffer) {
    let L = s.language
    b.fill(x: 0, y: 0, width: s.width, height: 1, role: .title)
    var text = "petdesk · \(s.packID) · \(L.pick("排序", "sort")): \(s.sort.name(L))"
    if !s.filter.isEmpty || s.isEditingFilter { text += " · \(L.pick("筛选", "filter")): \(s.filter)\(s.isEditingFilter ? "▏" : "")" }
    b.write(text, x: 1, y: 0, maxWidth: s.width - 2, role: .title)
}

func drawTooSmall(_ s: State, _ b: inout CellBuffer) {
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

// MARK: - Overlays

func centered(_ s: State, width: Int, height: Int) -> Rect {
    let w = min(width, s.width - 2), h = min(height, s.height - 2)
    return Rect(x: (s.width - w) / 2, y: (s.height - h) / 2, width: w, height: h)
}

func drawLines(_ lines: [(String, StyleRole)], in r: Rect, scroll: Int, _ b: inout CellBuffer) {
    let inner = r.inner
    let first = min(scroll, max(0, lines.count - inner.height))
    for (i, (text, role)) in lines.dropFirst(first).prefix(inner.height).enumerated() {
        b.write(text, x: inner.x + 1, y: inner.y + i, maxWidth: inner.width - 2, role: role)
    }
}
