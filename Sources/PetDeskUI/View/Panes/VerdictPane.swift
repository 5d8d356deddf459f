import PetDeskRules

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
    for flag in v.flags { lines.append(("⚑ " + FlagText.line(flag, L), .flag)) }
    if v.grounds.isEmpty && v.missing.isEmpty {
        for w in OutcomeText.meaning(v.outcome, L).wrapped(toColumns: width) { lines.append((w, .dim)) }
    }
    return lines.flatMap { line, role in line.wrapped(toColumns: width).map { ($0, role) } }
}

func drawVerdict(_ s: State, _ r: Rect, _ b: inout CellBuffer) {
    drawBox(r, title: Pane.verdict.name(s.language), focused: s.focus == .verdict, &b)
    let inner = r.inner
    guard inner.height > 0, inner.width > 4 else { return }
    let lines = verdictLines(s, width: inner.width)
    let first = min(s.verdictScroll, max(0, lines.count - inner.height))
    for (i, (text, role)) in lines.dropFirst(first).prefix(inner.height).enumerated() {
        b.write(text, x: inner.x, y: inner.y + i, maxWidth: inner.width, role: role)
    }
}
