import PetDeskRules
@testable import PetDeskStore
import PetDeskDemo
import Testing

/// A stored category path reads back as the JSON parser reads it, whether or not the text takes
/// the split-where-it-stands path.
@Suite struct CategoryPathTests {
    /// What the JSON parser makes of `text`: the array's strings, or none.
    static func parsed(_ text: String) -> [String] {
        var parser = JSONParser(bytes: Array(text.utf8))
        guard case .array(let items) = (try? parser.parseValue())?.value else { return [] }
        return items.compactMap { if case .string(let s) = $0.value { s } else { nil } }
    }

    @Test(arguments: [
        "[]", #"["宠物","猫"]"#, #"["宠物","水族","龙虾 🦞"]"#, #"[""]"#, #"["",""]"#,
        // Escapes, spacing, items that are not strings, text that is not an array: the parser's answer.
        #"["a\"b","c\\d"]"#, #"["\u732b"]"#, #"[ "a" , "b" ]"#, #"["a",1]"#, #"["a",]"#, #"["a""b"]"#, #"["a"#,
        "{}", "", "[", "]", #""a""#, "[\"a\tb\"]", #"["a"],["b"]"#, #"[["a"]]"#, "null",
    ])
    func readsAsTheParserDoes(_ text: String) {
        #expect(CategoryPath.decode(text) == Self.parsed(text), "\(text)")
        #expect(CategoryPath.last(text) == (Self.parsed(text).last ?? ""))
    }

    /// Paths written by the store read back unchanged: quotes, backslashes, control characters,
    /// commas, brackets, CJK and emoji in any item.
    @Test func writtenPathsRoundTrip() {
        var random = SplitMix64(seed: 7)
        func next(_ n: Int) -> Int { random.below(n) }
        let alphabet: [String] = ["猫", "a", "🐶", "\"", "\\", ",", "[", "]", "\n", "\t", " ", "\u{1}", "/", "é"]
        var escaped = 0
        for _ in 0..<3_000 {
            let path = (0..<next(4)).map { _ in (0..<next(5)).map { _ in alphabet[next(alphabet.count)] }.joined() }
            let text = CategoryPath.text(path)
            if text.contains("\\") { escaped += 1 }
            #expect(CategoryPath.decode(text) == path, "\(text)")
            #expect(Self.parsed(text) == path)
        }
        #expect(escaped > 500 && escaped < 2_500)  // both paths are taken often
    }
}
