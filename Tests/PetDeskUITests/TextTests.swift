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
