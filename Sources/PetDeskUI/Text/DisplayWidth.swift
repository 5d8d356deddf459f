/// Display-column measurement that matches glibc's `wcwidth` under a UTF-8 locale (CJK two
/// columns, combining marks zero), without needing a locale. `PetDeskTerminalTests` compares it
/// with `wcwidth` over every printable scalar of the Basic Multilingual Plane.
public enum DisplayWidth {
    /// The columns a scalar occupies: 0, 1 or 2.
    @inline(__always)
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x7F { return v >= 0x20 ? 1 : 0 }
        // The Basic Multilingual Plane from a table of what `measure` says (CJK punctuation,
        // arrows and symbols each asked Unicode for their category: 5 % of drawing a frame).
        return v < 0x10000 ? Int(basicPlane[Int(v)]) : measure(scalar)
    }

    /// Every scalar of the Basic Multilingual Plane's width, worked out once (64 KiB).
    private static let basicPlane: [UInt8] = (0..<0x10000).map { v in
        Unicode.Scalar(UInt32(v)).map { UInt8(measure($0)) } ?? 1  // surrogates never reach here
    }

    /// A scalar's columns, from the Unicode properties.
    static func measure(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x7F { return v >= 0x20 ? 1 : 0 }
        if v < 0xA0 { return 0 }
        // Hanzi and Hangul syllables first: most of what petdesk draws is Chinese, and each
        // scalar here is two wide without the Unicode property lookup below (bench ui: the
        // width of text was 4 % of a keystroke).
        if (0x4E00...0x9FFF).contains(v) || (0xAC00...0xD7A3).contains(v) { return 2 }
        if v == 0x200B || v == 0x200C || v == 0x200D || v == 0x2060 || v == 0xFEFF { return 0 }
        if (0xFE00...0xFE0F).contains(v) || (0xE0100...0xE01EF).contains(v) { return 0 }
        // Format characters take no column, except the soft hyphen and the prepended
        // concatenation marks (Arabic number signs), which glibc draws one wide.
        if v == 0xAD || (0x600...0x605).contains(v) || v == 0x6DD || v == 0x70F || v == 0x890 || v == 0x891 || v == 0x8E2 { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        // Hangul medial vowels and final consonants join the syllable before them.
        if (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v) { return 0 }
        return isWide(v) ? 2 : 1
    }

    /// The columns a grapheme cluster occupies: its widest scalar, at most 2.
    public static func of(_ character: Character) -> Int {
        if let a = character.asciiValue { return a >= 0x20 && a < 0x7F ? 1 : 0 }
        var width = 0
        for s in character.unicodeScalars { width = max(width, of(s)) }
        return min(width, 2)
    }

    /// The columns a string occupies.
    public static func of(_ text: some StringProtocol) -> Int {
        var total = 0
        if let string = text as? String, string.isSimpleText {
            for s in string.unicodeScalars { total += of(s) }
            return total
        }
        for c in text {
            if c.isASCII, let a = c.asciiValue { total += a >= 0x20 && a < 0x7F ? 1 : 0 } else { total += of(c) }
        }
        return total
    }

    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0, 0x23F3...0x23F3,
        0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F, 0x2693...0x2693, 0x26A1...0x26A1,
        0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA,
        0x26F2...0x26F3, 0x26F5...0x26F5, 0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B,
        0x2728...0x2728, 0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
        0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DFF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
        0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18AFF, 0x1B000...0x1B2FF,
        0x1F004...0x1F004, 0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251,
        0x1F300...0x1F320, 0x1F32D...0x1F335, 0x1F337...0x1F37C, 0x1F37E...0x1F393, 0x1F3A0...0x1F3CA,
        0x1F3CF...0x1F3D3, 0x1F3E0...0x1F3F0, 0x1F3F4...0x1F3F4, 0x1F3F8...0x1F43E, 0x1F440...0x1F440,
        0x1F442...0x1F4FC, 0x1F4FF...0x1F53D, 0x1F54B...0x1F54E, 0x1F550...0x1F567, 0x1F57A...0x1F57A,
        0x1F595...0x1F596, 0x1F5A4...0x1F5A4, 0x1F5FB...0x1F64F, 0x1F680...0x1F6C5, 0x1F6CC...0x1F6CC,
        0x1F6D0...0x1F6D2, 0x1F6D5...0x1F6D7, 0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC, 0x1F7E0...0x1F7EB,
        0x1F90C...0x1F93A, 0x1F93C...0x1F945, 0x1F947...0x1F9FF, 0x1FA70...0x1FAFF,
        0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    private static func isWide(_ v: UInt32) -> Bool {
        if v < 0x1100 { return false }
        var lo = 0, hi = wideRanges.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            let r = wideRanges[mid]
            if v < r.lowerBound { hi = mid - 1 } else if v > r.upperBound { lo = mid + 1 } else { return true }
        }
        return false
    }
}

extension StringProtocol {
    /// The display columns of this text (CJK counts two).
    public var displayWidth: Int { DisplayWidth.of(self) }
}

extension String {
    /// The longest prefix that fits `columns`, never splitting a character; `ellipsis` marks a cut.
    public func truncated(toColumns columns: Int, ellipsis: String = "…") -> String {
        guard columns > 0 else { return "" }
        if displayWidth <= columns { return self }
        let mark = DisplayWidth.of(ellipsis)
        let budget = columns - mark
        guard budget >= 0 else { return "" }
        var used = 0
        var out = ""
        for c in self {
            let w = DisplayWidth.of(c)
            if used + w > budget { break }
            out.append(c)
            used += w
        }
        return out + ellipsis
    }

    /// This text cut or padded with spaces to exactly `columns` display columns.
    public func padded(toColumns columns: Int, alignRight: Bool = false) -> String {
        let cut = truncated(toColumns: columns)
        let gap = max(0, columns - cut.displayWidth)
        let pad = String(repeating: " ", count: gap)
        return alignRight ? pad + cut : cut + pad
    }
}
