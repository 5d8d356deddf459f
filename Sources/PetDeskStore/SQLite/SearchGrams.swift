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

    /// The columns' distinct one- and two-character grams, space-separated. Pairs are taken
    /// within a column only (a filter never spans two columns).
    static func document(_ columns: [String?]) -> String {
        var seen = Set<UInt64>()
        seen.reserveCapacity(128)
        var out = String.UnicodeScalarView()
        func add(_ a: Unicode.Scalar, _ b: Unicode.Scalar?) {
            let key = UInt64(a.value) << 32 | UInt64(b?.value ?? 0x7FFF_FFFF)
            guard seen.insert(key).inserted else { return }
            if !out.isEmpty { out.append(" ") }
            out.append(a)
            if let b { out.append(b) }
        }
        for case let text? in columns {
            var previous: Unicode.Scalar?
            for s in text.unicodeScalars {
                add(s, nil)
                if let p = previous { add(p, s) }
                previous = s
            }
        }
        return String(out)
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
