import PetDeskRules

func drawDecision(_ s: State, _ d: DecisionDialog, _ b: inout CellBuffer) {
    let L = s.language
    let width = min(Tuning.dialogWidth, s.width - 2)
    var lines: [(String, StyleRole)] = []
    if let c = s.current { lines.append(("\(c.kase.orderID)  \(c.kase.title ?? "")", .header)) }
    lines.append((L.pick("建议：", "Suggested: ") + "\(L.pick(d.suggested.chineseName, d.suggested.englishName)) \(d.suggested.rawValue)",
                  .verdict(d.suggested)))
    if let v = s.verdict, !v.grounds.isEmpty { lines.append((L.pick("依据：", "Grounds: ") + v.grounds.map(\.rawValue).joined(separator: ", "), .rule)) }
    lines.append(("", .dialog))
    lines.append((L.pick("决定（↑↓ 选择）：", "Decision (↑↓ to choose):"), .header))
    lines.append(("  ▶ \(L.pick(d.selected.chineseName, d.selected.englishName)) \(d.selected.rawValue)"
                  + (d.isOverride ? L.pick("  改判", "  OVERRIDE") : L.pick("  采纳建议", "  accept")),
                  d.isOverride ? .danger : .verdict(d.selected)))
    for line in (L.pick("理由：", "Reason: ") + d.reason + "▏").wrapped(toColumns: width - 4).suffix(Tuning.noteLines) {
        lines.append((line, .dialogInput))
    }
    if let e = d.error { lines.append((e, .danger)) }
    lines.append(("", .dialog))
    lines.append((Keymap.hintLine(for: .decision, L), .dim))
    let r = centered(s, width: width, height: lines.count + 2)
    drawBox(r, title: OverlayKind.decision.name(L), focused: true, &b, role: .dialog)
    drawLines(lines, in: r, scroll: 0, &b)
}
