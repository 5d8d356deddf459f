import GRDB

/// The one- and two-character index behind short filters (SQLite migration v6).
///
/// FTS5's trigram index finds substrings of three characters or more and nothing shorter; a
/// filter of one or two characters scanned every case (a million: 1–1.5 s). `cases_grams` is an
/// FTS5 table with the `ascii` tokenizer whose document for a case is every distinct character
/// and pair of adjacent characters of its searched columns, separated by spaces: a filter of one
/// or two characters is then one token of that index. The tokenizer keeps every non-ASCII
/// character and ASCII letters and digits (folding ASCII case, as `LIKE` does) and splits at
/// ASCII punctuation and spaces, on both sides alike: a gram with punctuation becomes a shorter
/// token that every case holding the gram also holds, so the index finds a superset and the
/// filter checks the columns too (`isExact`).
enum SearchGrams {
    /// The SQL function the triggers call: `petdesk_grams(order_id, buyer, title, category_path,
    /// merchant, waybill)`. Registered on every connection the store opens; a connection without
    /// it cannot write `cases` (the triggers name it), which only this store does.
    static let function = DatabaseFunction("petdesk_grams", argumentCount: 6, pure: true) { values in
        document(values.map { String.fromDatabaseValue($0) })
    }

    /// The columns' distinct one- and two-character grams, space-separated, in the order first
    /// met (the index keeps no positions: only which grams a case has). Pairs are taken within a
    /// column only (a filter never spans two columns). Collected as numbers, each kept once by a
    /// small hash set, and written out once: a set of strings grown a scalar at a time took
    /// 129 k instructions a case, sorting the numbers to drop repeats a third of what is left.
    static func document(_ columns: [String?]) -> String {
        let single: UInt64 = 0x7FFF_FFFF  // the second half of a one-character gram
        // Two grams a scalar at most, and a scalar is a byte at least: a table of four slots a
        // byte is never more than half full.
        let bytesInAll = columns.reduce(0) { $0 + ($1?.utf8.count ?? 0) }
        var shift = 58  // 64 slots
        while (1 << (64 - shift)) < 4 * bytesInAll { shift -= 1 }
        // A slot holds its gram with the top bit set (a gram is below 2^53), 0 while empty.
        var slots = [UInt64](repeating: 0, count: 1 << (64 - shift))
        var grams = [UInt64](repeating: 0, count: 2 * bytesInAll)
        var count = 0
        slots.withUnsafeMutableBufferPointer { table in
            grams.withUnsafeMutableBufferPointer { kept in
                for case let text? in columns {
                    var previous: UInt64?
                    for s in text.unicodeScalars {
                        let v = UInt64(s.value)
                        keep(v << 32 | single, in: table, shift: shift, into: kept, count: &count)
                        if let p = previous { keep(p << 32 | v, in: table, shift: shift, into: kept, count: &count) }
                        previous = v
                    }
                }
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count * 7)
        for gram in grams[..<count] {
            if !bytes.isEmpty { bytes.append(0x20) }
            appendUTF8(UInt32(truncatingIfNeeded: gram >> 32), to: &bytes)
            if gram & 0xFFFF_FFFF != single { appendUTF8(UInt32(truncatingIfNeeded: gram), to: &bytes) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Adds `gram` to `kept` unless the hash set `table` (`shift`: 64 less its bits) has it.
    @inline(__always)
    private static func keep(_ gram: UInt64, in table: UnsafeMutableBufferPointer<UInt64>, shift: Int,
                             into kept: UnsafeMutableBufferPointer<UInt64>, count: inout Int) {
        let marked = gram | 1 << 63
        var i = Int(truncatingIfNeeded: (gram &* 0x9E37_79B9_7F4A_7C15) >> UInt64(shift))
        while table[i] != 0 {
            if table[i] == marked { return }
            i = (i + 1) & (table.count - 1)
        }
        table[i] = marked
        kept[count] = gram
        count += 1
    }

    /// The UTF-8 bytes of scalar value `v` (one of a string's scalars, so valid).
    @inline(__always)
    private static func appendUTF8(_ v: UInt32, to bytes: inout [UInt8]) {
        switch v {
        case ..<0x80: bytes.append(UInt8(v))
        case ..<0x800: bytes.append(UInt8(0xC0 | v >> 6)); bytes.append(UInt8(0x80 | v & 0x3F))
        case ..<0x10000:
            bytes.append(UInt8(0xE0 | v >> 12)); bytes.append(UInt8(0x80 | v >> 6 & 0x3F)); bytes.append(UInt8(0x80 | v & 0x3F))
        default:
            bytes.append(UInt8(0xF0 | v >> 18)); bytes.append(UInt8(0x80 | v >> 12 & 0x3F))
            bytes.append(UInt8(0x80 | v >> 6 & 0x3F)); bytes.append(UInt8(0x80 | v & 0x3F))
        }
    }

    /// Whether the index answers `filter` exactly: every character of it is one the tokenizer
    /// keeps (not ASCII punctuation or space), so its token is the filter itself.
    static func isExact(_ filter: String) -> Bool {
        filter.unicodeScalars.allSatisfy { !$0.isASCII || ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
    }

    /// Whether the index can find `filter` at all: some character of it is one the tokenizer keeps.
    static func isSearchable(_ filter: String) -> Bool {
        filter.unicodeScalars.contains { !$0.isASCII || ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
    }
}
