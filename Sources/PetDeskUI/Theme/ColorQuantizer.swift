/// Maps theme colours to what a terminal has: 256 colours, 16, 8, or none.
public enum ColorQuantizer {
    /// The xterm 16-colour palette as RGB.
    static let ansi16: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
    static let cubeLevels = [0, 95, 135, 175, 215, 255]

    /// The RGB of an xterm colour index.
    public static func rgb(ofIndex i: Int) -> (Int, Int, Int) {
        if i < 16 { return ansi16[max(0, i)] }
        if i < 232 {
            let n = i - 16
            return (cubeLevels[n / 36], cubeLevels[n / 6 % 6], cubeLevels[n % 6])
        }
        let g = 8 + (min(i, 255) - 232) * 10
        return (g, g, g)
    }

    private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let dr = a.0 - b.0, dg = a.1 - b.1, db = a.2 - b.2
        return dr * dr * 2 + dg * dg * 4 + db * db * 3
    }

    /// The nearest of the first `count` palette colours.
    static func nearest(_ c: (Int, Int, Int), among count: Int) -> Int {
        (0..<count).min { distance(rgb(ofIndex: $0), c) < distance(rgb(ofIndex: $1), c) } ?? 0
    }

    /// `#rrggbb` on a 256-colour terminal: the nearest of the 6×6×6 cube and the grey ramp.
    public static func index256(_ r: Int, _ g: Int, _ b: Int) -> Int {
        func level(_ v: Int) -> Int { cubeLevels.indices.min { abs(cubeLevels[$0] - v) < abs(cubeLevels[$1] - v) }! }
        let cube = 16 + 36 * level(r) + 6 * level(g) + level(b)
        let grey = 232 + max(0, min(23, (((r + g + b) / 3) - 8 + 5) / 10))
        return distance(rgb(ofIndex: cube), (r, g, b)) <= distance(rgb(ofIndex: grey), (r, g, b)) ? cube : grey
    }

    /// The terminal colour number for `color` on a terminal with `colors` colours; -1 = default.
    public static func resolve(_ color: ThemeColor, colors: Int) -> Int {
        switch color {
        case .terminalDefault:
            return -1
        case .ansi(let n):
            let i = max(0, min(15, n))
            return colors >= 16 ? i : i % 8
        case .indexed(let n):
            let i = max(0, min(255, n))
            if colors >= 256 { return i }
            return nearest(rgb(ofIndex: i), among: colors >= 16 ? 16 : 8)
        case .rgb(let r, let g, let b):
            if colors >= 256 { return index256(Int(r), Int(g), Int(b)) }
            return nearest((Int(r), Int(g), Int(b)), among: colors >= 16 ? 16 : 8)
        }
    }
}

/// How many colours to draw with: NO_COLOR (any non-empty value) and `--no-color` always win.
public enum ColorMode {
    /// The colours to draw with (0 = monochrome) for a terminal that has `terminalColors`.
    public static func colors(noColorFlag: Bool, environment: [String: String], terminalColors: Int) -> Int {
        if noColorFlag { return 0 }
        if let v = environment["NO_COLOR"], !v.isEmpty { return 0 }
        return terminalColors
    }
}
