import PetDeskRules

/// Every binding of the keymap, by where it applies: everywhere, each pane, each overlay.
func helpLines(_ s: State) -> [(String, StyleRole)] {
    let L = s.language
    var lines: [(String, StyleRole)] = []
    let scopes = [KeyScope.global] + Pane.allCases.map(KeyScope.pane) + OverlayKind.allCases.map(KeyScope.overlay)
    for scope in scopes {
        let bindings = Keymap.bindings.filter { $0.scope == scope }
        guard !bindings.isEmpty else { continue }
        let title: String = switch scope {
        case .global: L.pick("全局", "Everywhere")
        case .pane(let p): p.name(L)
        case .overlay(let o): o.name(L)
        }
        lines.append((title, .header))
        for binding in bindings {
            let keys = binding.keys.map(\.description).joined(separator: " ")
            lines.append(("  " + keys.padded(toColumns: 14) + L.pick(binding.chinese, binding.english), .help))
        }
        if case .overlay(let o) = scope, o.takesText {
            lines.append(("  " + L.pick("其他键", "other keys").padded(toColumns: 14) + L.pick("输入文字", "type text"), .help))
        }
    }
    return lines
}

func drawHelp(_ s: State, _ scroll: Int, _ b: inout CellBuffer) {
    let lines = helpLines(s)
    let r = centered(s, width: 52, height: lines.count + 2)
    drawBox(r, title: OverlayKind.help.name(s.language) + " · " + Keymap.hintLine(for: .help, s.language), focused: true, &b, role: .dialog)
    drawLines(lines, in: r, scroll: scroll, &b)
}
