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

    /// The columns' distinct one- and two-character grams, space-separated, in scalar order (the
    /// index keeps no positions: only which grams a case has). Pairs are taken within a column
    /// only (a filter never spans two columns). Collected as numbers, sorted and written out
    /// once: a set of grams and a string grown a scalar at a time took 129 k instructions a case.
    static func document(_ columns: [String?]) -> String {
        let single: UInt64 = 0x7FFF_FFFF  // the second half of a one-character gram
        var grams: [UInt64] = []
        grams.reserveCapacity(256)
        for case let text? in columns {
            var previous: UInt64?
            for s in text.unicodeScalars {
                let v = UInt64(s.value)
                grams.append(v << 32 | single)
                if let p = previous { grams.append(p << 32 | v) }
                previous = v
            }
        }
        grams.sort()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(grams.count * 7)
        func append(_ value: UInt64) {
            guard let scalar = Unicode.Scalar(UInt32(truncatingIfNeeded: value)) else { return }
            bytes.append(contentsOf: UTF8.encode(scalar)!)
        }
        var last: UInt64?
        for gram in grams where gram != last {
            last = gram
            if !bytes.isEmpty { bytes.append(0x20) }
            append(gram >> 32)
            if gram & 0xFFFF_FFFF != single { append(gram & 0xFFFF_FFFF) }
        }
        return String(decoding: bytes, as: UTF8.self)
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
