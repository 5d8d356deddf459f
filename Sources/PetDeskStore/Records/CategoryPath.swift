import PetDeskRules

/// A case's category path as its row stores it: a compact JSON array of strings
/// (`["宠物","猫"]`, written by `JSONWriter`).
enum CategoryPath {
    /// The stored text of `path`.
    static func text(_ path: [String]) -> String {
        JSONWriter.string(.array(path.map { .value(.string($0)) }), pretty: false)
    }

    /// The strings of a stored path; elements that are not strings are left out, and text that
    /// is not an array reads as no path. Text without escapes is split where it stands.
    static func decode(_ text: String) -> [String] {
        var items: [String] = []
        if plain(text, { items.append(String(decoding: $0, as: UTF8.self)) }) { return items }
        return parsed(text)
    }

    /// The last string of a stored path (the species), "" when there is none. Every queue row
    /// reads one: the JSON parser took 10 k instructions a row, a third of a page load.
    static func last(_ text: String) -> String {
        var last = ""
        if plain(text, { last = String(decoding: $0, as: UTF8.self) }) { return last }
        return parsed(text).last ?? ""
    }

    /// What the JSON parser reads in `text`.
    private static func parsed(_ text: String) -> [String] {
        var parser = JSONParser(bytes: Array(text.utf8))
        guard case .array(let items) = (try? parser.parseValue())?.value else { return [] }
        return items.compactMap { if case .string(let s) = $0.value { s } else { nil } }
    }

    /// Hands `item` the bytes of each item of `text` and returns true when `text` is exactly
    /// `[`, then `"…"` items joined by `,`, then `]`, with no backslash (so no quote inside an
    /// item) and no raw control character; false (items may have been handed) for anything
    /// else, or for text not stored contiguously.
    private static func plain(_ text: String, _ item: (UnsafeBufferPointer<UInt8>) -> Void) -> Bool {
        let split = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            let (quote, comma) = (UInt8(ascii: "\""), UInt8(ascii: ","))
            guard bytes.count >= 2, bytes[0] == UInt8(ascii: "["), bytes[bytes.count - 1] == UInt8(ascii: "]") else { return false }
            let end = bytes.count - 1
            var i = 1
            if i == end { return true }
            while true {
                guard i < end, bytes[i] == quote else { return false }
                var close = i + 1
                while close < end, bytes[close] != quote {
                    // An escape or a raw control character: not text this store wrote plainly.
                    if bytes[close] == UInt8(ascii: "\\") || bytes[close] < 0x20 { return false }
                    close += 1
                }
                guard close < end else { return false }
                item(UnsafeBufferPointer(rebasing: bytes[(i + 1)..<close]))
                i = close + 1
                if i == end { return true }
                guard bytes[i] == comma else { return false }
                i += 1
            }
        }
        return split ?? false
    }
}
