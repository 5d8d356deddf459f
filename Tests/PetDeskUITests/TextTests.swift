import PetDeskDemo
import Testing
@testable import PetDeskUI

struct DisplayWidthTests {
    @Test(arguments: [("abc", 3), ("英短", 4), ("猫三联（两针）", 14), ("e\u{301}", 1), ("", 0), ("全角：", 6), ("ｱ", 1), ("🐱", 2), ("[x]", 3)])
    func measuresColumns(_ text: String, _ columns: Int) {
        #expect(text.displayWidth == columns)
    }

    @Test func truncationNeverSplitsAWideCharacter() {
        #expect("英短金渐层".truncated(toColumns: 6) == "英短…")
        #expect("英短金渐层".truncated(toColumns: 5) == "英短…")
        #expect("英短金渐层".truncated(toColumns: 10) == "英短金渐层")
        #expect("abc英".padded(toColumns: 6) == "abc英 ")
        #expect("英".padded(toColumns: 4, alignRight: true) == "  英")
    }

    @Test func wrappingCountsColumns() {
        #expect("买家在商户发货前取消订单".wrapped(toColumns: 10) == ["买家在商户", "发货前取消", "订单"])
        #expect("the quick brown fox".wrapped(toColumns: 10) == ["the quick", "brown fox"])
    }

    @Test func aWideCharacterThatDoesNotFitIsLeftOut() {
        var b = CellBuffer(width: 5, height: 1)
        let used = b.write("ab英短", x: 0, y: 0, role: .text)
        #expect(used == 4)
        #expect(b.lines() == ["ab英 "])
    }
}

struct SanitizerTests {
    @Test func controlEscapeAndBidiCharactersAreReplaced() {
        #expect(Sanitizer.line("李\u{1b}[2J\u{202E}**") == "李\u{FFFD}[2J\u{FFFD}**")
        #expect(Sanitizer.line("a\nb\tc") == "a b c")
        #expect(Sanitizer.line("\u{7}\u{9b}\u{2066}x") == "\u{FFFD}\u{FFFD}\u{FFFD}x")
        #expect(Sanitizer.line("正常文本") == "正常文本")
    }

    @Test func queueItemsAreSanitisedWhereDataEnters() {
        let item = items()[2]
        #expect(!item.buyer.unicodeScalars.contains { Sanitizer.isUnsafe($0) })
    }
}

/// A popup edge over half a wide glyph never leaves half a glyph in the buffer.
struct WideGlyphBufferTests {
    @Test func overwritingEitherHalfOfAWideGlyphBlanksTheOtherHalf() {
        var b = CellBuffer(width: 10, height: 1)
        b.write("全额退款", x: 0, y: 0, role: .text)
        #expect(b.lines() == ["全额退款  "])
        b.write("│", x: 3, y: 0, role: .border)          // the right half of 额
        #expect(b.lines() == ["全 │退款  "])
        #expect(b.lines()[0].displayWidth == 10)
        b.write("│", x: 4, y: 0, role: .border)          // the left half of 退
        #expect(b.lines() == ["全 ││ 款  "])
        b.restyle(x: 0, y: 0, width: 10, role: .selection)  // a new style keeps every glyph whole
        #expect(b.lines() == ["全 ││ 款  "])
    }
}

/// Text drawn scalar by scalar (the fast path for ASCII, CJK punctuation, Hanzi and fullwidth
/// forms) lands in the cells exactly as drawing it grapheme by grapheme does.
struct SimpleTextTests {
    /// The cells `text` takes, grapheme by grapheme: the reference.
    static func reference(_ text: String, width: Int) -> (cells: [String], used: Int) {
        var cells = [String](repeating: " ", count: width)
        var col = 0
        for ch in text {
            let w = DisplayWidth.of(ch)
            if w == 0 { continue }
            if col + w > width { break }
            cells[col] = String(ch)
            if w == 2 { cells[col + 1] = "" }
            col += w
        }
        return (cells, col)
    }

    @Test func simpleTextDrawsAsGraphemesDo() {
        let texts = ["KS2208010111 金毛幼犬", "（全额退款）：¥3000，顺丰特快", "猫猫猫猫猫猫猫猫猫猫猫猫", "a", "",
                     "e\u{301}cole 猫", "👨‍👩‍👧 家庭", "가각 한글", "ｆｕｌｌ　ｗｉｄｔｈ", "“引号”·▸ → ¥3,000 Müller", "☺\u{FE0F} 笑", "a\u{20DD}", "x\u{200D}y", "🇨🇳 中国", "零\u{200B}宽\u{200B}",
                     "猫e\u{301}猫", "KS\u{301}22", "金毛☺\u{FE0F}", "\u{301}开头", "a🇨🇳🇨b"]
        for text in texts {
            for width in [1, 2, 5, 11, 40] {
                var buffer = CellBuffer(width: width, height: 1)
                let used = buffer.write(text, x: 0, y: 0, role: .text)
                let expected = Self.reference(text, width: width)
                #expect(buffer.cells.map(\.text) == expected.cells, "\(text) in \(width)")
                #expect(used == expected.used, "\(text) in \(width)")
                #expect(DisplayWidth.of(text) == text.reduce(0) { $0 + DisplayWidth.of($1) }, "\(text)")
            }
        }
        // Wrapping too: the same lines as a grapheme-by-grapheme reference.
        for text in texts {
            for columns in [1, 3, 8, 20] {
                var lines: [String] = [], current = "", used = 0
                for ch in text {
                    let w = DisplayWidth.of(ch)
                    if used + w > columns, !text.contains(" ") { lines.append(current); current = ""; used = 0 }
                    current.append(ch)
                    used += w
                }
                if !current.isEmpty || lines.isEmpty { lines.append(current) }
                if !text.contains(" ") { #expect(text.wrapped(toColumns: columns) == lines, "\(text) in \(columns)") }
                #expect(text.wrapped(toColumns: columns).joined().replacingOccurrences(of: " ", with: "")
                        == text.replacingOccurrences(of: " ", with: ""), "\(text) in \(columns)")
            }
        }
        #expect("金毛 KS，（）".isSimpleText && !"e\u{301}".isSimpleText && !"👨‍👩‍👧".isSimpleText && !"한".isSimpleText
                && "“引号”·▸ →".isSimpleText && !"☺\u{FE0F}".isSimpleText && !"a\u{20DD}".isSimpleText)
    }

    /// Simple text is wrapped by cutting it at indices: the same lines as a character at a time,
    /// spaces in any place (leading, doubled, at a line's end) and wide glyphs at the margin.
    @Test func simpleWrappingCutsTheSameLinesAsCharacterWrapping() {
        var random = SplitMix64(seed: 11)
        func next(_ n: Int) -> Int { random.below(n) }
        let alphabet = ["a", "b", " ", " ", "猫", "（", "，", "→", "é", "：", "KS"]
        var broken = 0
        for _ in 0..<4_000 {
            let text = (0..<next(30)).map { _ in alphabet[next(alphabet.count)] }.joined()
            let columns = 1 + next(12)
            #expect(text.isSimpleText)
            let lines = text.wrappedSimple(toColumns: columns)
            #expect(lines == text.wrappedByCharacter(toColumns: columns), "\(text) in \(columns)")
            if lines.count > 1 { broken += 1 }
        }
        #expect(broken > 2_000)  // most samples break at least once
    }

    /// Writes, restyles and single cells set over one another in any order, wide glyphs cut at
    /// either half, rows beside each other, text starting left of the screen: the buffer is what
    /// a cell-by-cell model of the rules says (a glyph losing either half leaves a blank, a new
    /// style alone keeps it whole).
    @Test func overwritingKeepsWideGlyphsWholeAsACellByCellModelSays() {
        var random = SplitMix64(seed: 3)
        func next(_ n: Int) -> Int { random.below(n) }
        let (width, height) = (9, 3)
        var model = [Cell](repeating: .blank(), count: width * height)
        func set(_ cell: Cell, _ x: Int, _ y: Int) {
            let i = y * width + x
            if model[i].text.isEmpty, !cell.text.isEmpty, x > 0, !model[i - 1].text.isEmpty { model[i - 1] = .blank(model[i - 1].role) }
            if !model[i].text.isEmpty, x + 1 < width, model[i + 1].text.isEmpty, model[i].text != cell.text {
                model[i + 1] = .blank(model[i + 1].role)
            }
            model[i] = cell
        }
        var buffer = CellBuffer(width: width, height: height)
        let pieces = ["a", "猫", "狗b", "é", "（", "KS", " ", "e\u{301}", "👍", "☺\u{FE0F}", "\u{301}", "🇨", "🇳", "\u{200D}", "가"]
        let roles: [StyleRole] = [.text, .dim, .header, .selection]
        for step in 0..<6_000 {
            let (x, y, role) = (next(width + 3) - 2, next(height), roles[next(roles.count)])
            switch next(3) {
            case 0:
                let text = (0..<next(5)).map { _ in pieces[next(pieces.count)] }.joined()
                let maxWidth = next(4) == 0 ? nil : next(width)
                let used = buffer.write(text, x: x, y: y, maxWidth: maxWidth, role: role)
                var col = x
                for ch in text {
                    let w = DisplayWidth.of(ch)
                    if w == 0 { continue }
                    if col + w > x + min(width - x, maxWidth ?? Int.max) { break }
                    if col >= 0 {
                        set(Cell(text: String(ch), role: role), col, y)
                        if w == 2 { set(Cell(text: "", role: role), col + 1, y) }
                    }
                    col += w
                }
                #expect(used == col - x, "step \(step)")
            case 1:
                let w = next(width)
                buffer.restyle(x: x, y: y, width: w, role: role)
                for col in max(0, x)..<max(max(0, x), min(width, x + w)) { model[y * width + col].role = role }
            default:
                let col = min(width - 1, max(0, x))
                buffer[col, y] = Cell(text: pieces[next(pieces.count)], role: role)
                set(buffer[col, y], col, y)
            }
            #expect(buffer.cells == model, "step \(step)")
            if buffer.cells != model { break }
        }
    }

    @Test func aWideGlyphStaysWholeWhenRestyledAndIsBlankedWhenHalfOverwritten() {
        var buffer = CellBuffer(width: 4, height: 1)
        buffer.write("猫狗", x: 0, y: 0, role: .text)
        buffer[0, 0] = Cell(text: "猫", role: .title)   // a new style only
        #expect(buffer.cells.map(\.text) == ["猫", "", "狗", ""])
        buffer[0, 0] = Cell(text: "a", role: .text)     // its left half overwritten
        #expect(buffer.cells.map(\.text) == ["a", " ", "狗", ""])
        buffer[3, 0] = Cell(text: "b", role: .text)     // its right half overwritten
        #expect(buffer.cells.map(\.text) == ["a", " ", " ", "b"])
    }

    @Test func fillingARectangleNeverLeavesHalfAGlyphOutsideIt() {
        var buffer = CellBuffer(width: 6, height: 1)
        buffer.write("猫狗鸟", x: 0, y: 0, role: .text)
        buffer.fill(x: 1, y: 0, width: 3, height: 1, role: .dialog)
        // 猫's right half and 狗 are inside: 猫 loses its left half; 鸟 is outside and stays.
        #expect(buffer.cells.map(\.text) == [" ", " ", " ", " ", "鸟", ""])
        #expect(buffer.cells.map(\.role) == [.text, .dialog, .dialog, .dialog, .text, .text])
        buffer.write("猫狗鸟", x: 0, y: 0, role: .text)
        buffer.fill(x: 2, y: 0, width: 2, height: 1, role: .dialog)
        #expect(buffer.cells.map(\.text) == ["猫", "", " ", " ", "鸟", ""])
        // 鸟's left half inside: its right half, outside, is blanked.
        buffer.fill(x: 3, y: 0, width: 2, height: 1, role: .dialog)
        #expect(buffer.cells.map(\.text) == ["猫", "", " ", " ", " ", " "])
    }
}

/// A cell's glyph holds its grapheme's bytes in place: the same text back, the same scalars,
/// equal exactly when the text is, and a grapheme too long to hold cut between scalars.
struct GlyphTests {
    @Test func aGlyphGivesBackItsText() {
        var random = SplitMix64(seed: 23)
        var scalars: [Unicode.Scalar] = [" ", "~", "\u{7F}", "\u{80}", "\u{7FF}", "\u{800}", "猫", "\u{FFFD}", "\u{FFFF}", "\u{10000}", "👍", "\u{10FFFF}"]
        for _ in 0..<5_000 { if let s = Unicode.Scalar(UInt32(random.below(0x110000))) { scalars.append(s) } }
        for s in scalars {
            let glyph = Glyph(s)
            #expect(glyph.string == String(s) && glyph == Glyph(String(s)) && glyph.utf8Count == String(s).utf8.count, "\(s.value)")
            var back: [Unicode.Scalar] = []
            glyph.forEachScalar { back.append($0) }
            #expect(back == [s])
        }
        for text in ["", "e\u{301}", "👨‍👩‍👧", "🇨🇳", "☺\u{FE0F}", "a\u{20DD}", String(repeating: "x", count: 23)] {
            let glyph = Glyph(text)
            #expect(glyph.string == text && glyph.isEmpty == text.isEmpty)
            var back = String.UnicodeScalarView()
            glyph.forEachScalar { back.append($0) }
            #expect(String(back) == text)
        }
        #expect(Glyph("a") != Glyph("b") && Glyph("猫") != Glyph("狗") && Glyph("") == .empty && Glyph(" ") == .space)
    }

    @Test func aGraphemeTooLongToHoldKeepsTheScalarsThatFit() {
        // A family of four: 25 bytes; man, woman and girl fit with their joiners, the joiner after the girl does not stay.
        #expect(Glyph("👨‍👩‍👧‍👦").string == "👨‍👩‍👧")
        #expect(Glyph(String(repeating: "x", count: 24)).string == String(repeating: "x", count: 23))
        #expect(Glyph("e" + String(repeating: "\u{301}", count: 20)).string == "e" + String(repeating: "\u{301}", count: 11))
        var buffer = CellBuffer(width: 4, height: 1)
        buffer.write("👨‍👩‍👧‍👦猫", x: 0, y: 0, role: .text)
        #expect(buffer.lines() == ["👨‍👩‍👧猫"])
    }
}
