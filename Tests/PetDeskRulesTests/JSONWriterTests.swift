@testable import PetDeskRules
import PetDeskDemo
import Testing

/// The writer copies a string's bytes a run at a time and escapes only what JSON (and a
/// JavaScript reader) needs: its text must be what escaping scalar by scalar gives.
struct JSONWriterTests {
    /// Escaping one scalar at a time, as the writer did before it copied runs of bytes.
    static func reference(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x2028...0x2029).contains(scalar.value) {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func written(_ s: String) -> String {
        var bytes: [UInt8] = []
        JSONWriter.writeString(s, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test(arguments: ["", "plain", "猫\"狗\\", "a\nb\rc\td", "\u{1}\u{1F}\u{7F}", "行\u{2028}分\u{2029}段", "—…‘’“”", "\u{2027}\u{202A}",
                      "末尾\u{2028}", "🐈‍⬛ 猫", "\u{E2}"])
    func escapesAsScalarByScalarEscapingDoes(_ s: String) {
        #expect(Self.written(s) == Self.reference(s))
    }

    @Test func randomTextIsWrittenAsScalarByScalarEscapingWritesIt() throws {
        // Scalars near every boundary the writer looks at: controls, quote, backslash, DEL,
        // the E2 80 xx block around U+2028, other three-byte scalars, CJK, emoji.
        let pool: [UInt32] = [0x0, 0x9, 0xA, 0xD, 0x1F, 0x20, 0x22, 0x41, 0x5C, 0x7E, 0x7F, 0x80, 0xE9, 0x7FF, 0x2000, 0x2014, 0x2026,
                              0x2027, 0x2028, 0x2029, 0x202A, 0x20AC, 0x2FFF, 0x3000, 0x732B, 0xFF01, 0x1F408, 0x200D]
        var random = SplitMix64(seed: 11)
        for _ in 0..<2_000 {
            var s = ""
            for _ in 0..<random.below(24) { s.unicodeScalars.append(try #require(Unicode.Scalar(random.pick(pool)))) }
            #expect(Self.written(s) == Self.reference(s), "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        // And the whole text parses back to the value written.
        let value = JSONValue.object([JSONMember("k\u{2028}\"", .value(.string("v\u{1}猫\u{2029}")))])
        let text = JSONWriter.string(value, pretty: false)
        #expect(text == "{\"k\\u2028\\\"\":\"v\\u0001猫\\u2029\"}")
    }
}
