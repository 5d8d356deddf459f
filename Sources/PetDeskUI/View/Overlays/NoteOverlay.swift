import PetDeskRules

/// The note box: the item's name, the note wrapped over as many lines as it needs (the last
/// `Tuning.noteLines` in sight, so the caret never leaves the box), and its keys.
func drawNote(_ s: State, _ text: String, _ b: inout CellBuffer) {
    let L = s.language
    let key = s.cursorKey
    let width = min(Tuning.noteWidth, s.width - 2)
    var lines: [(String, StyleRole)] = [(L.pick(key.chineseName, key.englishName), .header)]
    let wrapped = (text + "▏").wrapped(toColumns: width - 4)
    if wrapped.count > Tuning.noteLines {
        lines.append((L.pick("▲ 上方还有 \(wrapped.count - Tuning.noteLines) 行", "▲ \(wrapped.count - Tuning.noteLines) more lines"), .dim))
    }
    for line in wrapped.suffix(Tuning.noteLines) { lines.append((line, .dialogInput)) }
    lines.append((Keymap.hintLine(for: .note, L), .dim))
    let r = centered(s, width: width, height: lines.count + 2)
    drawBox(r, title: OverlayKind.note.name(L), focused: true, &b, role: .dialog)
    drawLines(lines, in: r, scroll: 0, &b)
}
