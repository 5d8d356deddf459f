/// Makes data safe to draw: control, escape and bidi-override characters are replaced where data
/// enters the UI, so a buyer name can neither move the cursor nor reverse a line.
public enum Sanitizer {
    /// The visible stand-in for a removed character.
    public static let replacement: Character = "\u{FFFD}"

    /// `text` as one line: controls, C1 controls, DEL and bidi controls become U+FFFD; tabs and
    /// line breaks become spaces.
    public static func line(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsWork) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            switch s.value {
            case 0x09, 0x0A, 0x0D: out.append(" ")
            default: out.append(isUnsafe(s) ? "\u{FFFD}" : s)
            }
        }
        return String(out)
    }

    private static func needsWork(_ s: Unicode.Scalar) -> Bool { s.value == 0x09 || s.value == 0x0A || s.value == 0x0D || isUnsafe(s) }

    /// Whether a scalar must never reach the terminal.
    public static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x20 || (0x7F...0x9F).contains(v) { return true }
        switch v {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
