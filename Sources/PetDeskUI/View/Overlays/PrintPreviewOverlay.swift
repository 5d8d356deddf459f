import PetDeskRules

/// The ticket summary as it will print, wrapped to the preview's width.
func printPreviewLines(_ s: State, trace: Bool, width: Int) -> [(String, StyleRole)] {
    s.summaryLines(trace: trace).flatMap { $0.wrapped(toColumns: width) }.map { ($0, StyleRole.dialog) }
}

func drawPrintPreview(_ s: State, _ scroll: Int, trace: Bool, _ b: inout CellBuffer) {
    guard s.current != nil, s.verdict != nil else { return }
    let r = Rect(x: 2, y: 1, width: s.width - 4, height: s.height - 2)
    drawBox(r, title: OverlayKind.printPreview.name(s.language) + " · " + Keymap.hintLine(for: .printPreview, s.language),
            focused: true, &b, role: .dialog)
    drawLines(printPreviewLines(s, trace: trace, width: r.inner.width - 2), in: r, scroll: scroll, &b)
}
