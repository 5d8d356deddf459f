import PetDeskDemo
import Testing
@testable import PetDeskRules

/// The fast validating decode answers exactly as the standard library's `String(validating:)`.
@Suite struct UTF8TextTests {
    @Test(arguments: [
        [UInt8](), Array("KS2611 金毛 🐶 e\u{301}".utf8),
        [0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF],
        // A cut four-byte sequence is replaced by one U+FFFD: three bytes for three bytes.
        [0xF0, 0x9F, 0x98, 0x41], [0xE4, 0xB8, 0x41], Array("猫".utf8.dropLast()),
        [0xEF, 0xBF, 0xBD],
    ])
    func agreesWithTheStandardLibrary(_ bytes: [UInt8]) {
        #expect(UTF8Text.validated(bytes[...]) == String(validating: bytes, as: UTF8.self))
    }

    /// Short random runs of text bytes and bytes that break UTF-8, read as a slice in the middle
    /// of a larger buffer (as the parser reads them).
    @Test func agreesOnRandomBytesNearText() {
        var random = SplitMix64(seed: 42)
        func next(_ n: Int) -> Int { random.below(n) }
        let alphabet: [UInt8] = Array("猫a🐶".utf8) + [0x80, 0xBF, 0xC2, 0xE4, 0xED, 0xF0, 0xF4, 0xF5, 0xFF]
        var invalid = 0
        for _ in 0..<5_000 {
            let bytes = (0..<next(9)).map { _ in alphabet[next(alphabet.count)] }
            let expected = String(validating: bytes, as: UTF8.self)
            if expected == nil { invalid += 1 }
            let buffer: [UInt8] = [0x22] + bytes + [0x22]
            #expect(UTF8Text.validated(buffer[1..<(buffer.count - 1)]) == expected, "\(bytes)")
        }
        #expect(invalid > 1_000)  // the sample holds many invalid inputs, not only valid ones
    }
}
