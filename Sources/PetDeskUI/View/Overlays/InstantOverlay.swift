import PetDeskRules

/// The instant dialog: which item, with which status, confirmed when (typed; prefilled with
/// the instant the case records for it, else now).
func drawInstant(_ s: State, _ d: InstantDialog, _ b: inout CellBuffer) {
    let L = s.language
    var lines: [(String, StyleRole)] = [
        (L.pick(d.item.chineseName, d.item.englishName) + " = " + StatusText.name(d.status, L), .header),
        (L.pick("确认时间（北京时间）：", "Confirmed at (UTC+8): ") + d.text + "▏", .dialogInput),
    ]
    if let e = d.error { lines.append((e, .danger)) }
    lines.append((Keymap.hintLine(for: .instant, L), .dim))
    let r = centered(s, width: min(Tuning.dialogWidth, s.width - 2), height: lines.count + 2)
    drawBox(r, title: OverlayKind.instant.name(L), focused: true, &b, role: .dialog)
    drawLines(lines, in: r, scroll: 0, &b)
}
