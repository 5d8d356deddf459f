import PetDeskRules

func drawStatus(_ s: State, _ b: inout CellBuffer) {
    let L = s.language
    let y = s.height - 1
    b.fill(x: 0, y: y, width: s.width, height: 1, role: .statusBar)
    var x = 0
    if s.isDemo { x += b.write(" DEMO ", x: x, y: y, role: .demo) + 1 }
    let position = s.total == 0 ? "0/0" : "\(s.selected + 1)/\(s.total)\(s.isTotalLowerBound ? "+" : "")"
    var left = "[\(s.focus.name(L))] \(position)"
    if !s.filter.isEmpty { left += " /\(s.filter)" }
    left += " \(s.agent) \(PlatformTime.formatSeconds(s.now).dropFirst(5))"  // month, day and time
    x += b.write(left, x: x, y: y, role: .statusBar) + 2
    if let m = s.message {
        b.write(m.text, x: x, y: y, maxWidth: s.width - x, role: m.isError ? .statusError : .statusBar)
        return
    }
    if s.isEditingFilter {
        b.write(L.pick("输入筛选词 · Enter 确定 · Esc 清除", "type to filter · Enter keep · Esc clear"), x: x, y: y, maxWidth: s.width - x, role: .statusKey)
        return
    }
    for hint in s.overlay.map({ Keymap.hints(in: $0.kind) }) ?? Keymap.hints(in: s.focus) {
        let key = hint.keys.first!.description
        let label = L.pick(hint.chinese, hint.english)
        let need = key.displayWidth + label.displayWidth + 2
        guard x + need <= s.width else { break }
        x += b.write(key, x: x, y: y, role: .statusKey)
        x += b.write(" " + label + " ", x: x, y: y, role: .statusBar)
    }
}
