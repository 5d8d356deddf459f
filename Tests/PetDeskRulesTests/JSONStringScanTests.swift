@testable import PetDeskRules
import Testing

/// The parser scans a string's plain run eight bytes at a time: whatever ends the run or makes
/// the text non-ASCII must be found at every place relative to those eight bytes.
struct JSONStringScanTests {
    /// The string value of the JSON text `bytes`, or its syntax error.
    static func parse(_ bytes: [UInt8]) -> Result<String, JSONSyntaxError> {
        var parser = JSONParser(bytes: bytes)
        do {
            let node = try parser.parseValue()
            guard case .string(let s) = node.value else { return .success("<not a string>") }
            return .success(s)
        } catch {
            return .failure(error)
        }
    }

    /// `count` plain ASCII letters.
    static func letters(_ count: Int) -> [UInt8] { (0..<count).map { UInt8(ascii: "a") + UInt8($0 % 26) } }

    @Test func anEscapeAQuoteOrAnyTextIsFoundWhereverItFalls() {
        for before in 0..<20 {
            for after in [0, 1, 7, 8, 9, 17] {
                let (head, tail) = (Self.letters(before), Self.letters(after))
                let expected = String(decoding: head, as: UTF8.self)
                let tailText = String(decoding: tail, as: UTF8.self)
                // An escaped quote, an escaped backslash, a \u escape.
                #expect(Self.parse([0x22] + head + Array(#"\""#.utf8) + tail + [0x22]) == .success(expected + "\"" + tailText))
                #expect(Self.parse([0x22] + head + Array(#"\\"#.utf8) + tail + [0x22]) == .success(expected + "\\" + tailText))
                #expect(Self.parse([0x22] + head + Array(#"\u732b"#.utf8) + tail + [0x22]) == .success(expected + "猫" + tailText))
                // Text that is not ASCII, then plain again.
                #expect(Self.parse([0x22] + head + Array("猫".utf8) + tail + [0x22]) == .success(expected + "猫" + tailText))
                // The string ends here, and something follows it.
                #expect(Self.parse([0x22] + head + [0x22]) == .success(expected))
                if after > 0 { #expect(Self.parse([0x22] + head + [0x22] + tail).isFailure) }
            }
        }
    }

    @Test func aControlByteOrInvalidUTF8IsRefusedWhereverItFalls() {
        for before in 0..<20 {
            for after in [0, 1, 7, 8, 9, 17] {
                let (head, tail) = (Self.letters(before), Self.letters(after))
                for bad: UInt8 in [0x00, 0x09, 0x0A, 0x1F] {
                    #expect(Self.parse([0x22] + head + [bad] + tail + [0x22]).isFailure, "control byte \(bad) after \(before)")
                }
                for bad: [UInt8] in [[0xFF], [0xC3], [0xE7, 0x8C], [0xED, 0xA0, 0x80]] {
                    let result = Self.parse([0x22] + head + bad + tail + [0x22])
                    #expect(result.failureMessage == "invalid UTF-8 in a string", "bytes \(bad) after \(before)")
                }
                // DEL and the highest ASCII letters are plain.
                #expect(Self.parse([0x22] + head + [0x7F, 0x7E] + tail + [0x22])
                        == .success(String(decoding: head + [0x7F, 0x7E] + tail, as: UTF8.self)))
            }
        }
    }
}

extension Result where Failure == JSONSyntaxError {
    var isFailure: Bool { if case .failure = self { true } else { false } }
    var failureMessage: String? { if case .failure(let e) = self { e.message } else { nil } }
}
