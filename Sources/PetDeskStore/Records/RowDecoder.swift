/// Decodes a record from a result row by its `CodingKeys`, the columns named as in SQL: the
/// reading half of `ColumnEncoder`, for both backends. GRDB's record decoding copied each row
/// into its own row type and looked every column up without regard to case (a tenth of a
/// re-evaluation batch, and of reading a case on every keystroke that opens one).
struct RowDecoder: Decoder {
    let row: SQLRow
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// The record `row` holds.
    static func decode<R: Decodable>(_ type: R.Type, from row: SQLRow) throws -> R {
        try R(from: RowDecoder(row: row))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Container(row: row, cursor: Cursor()))
    }

    /// Where the next property's column is expected: a record decodes its properties in the
    /// order of its `CodingKeys`, which is its table's column order, so each column is found by
    /// comparing one name instead of hashing it (hashing was most of reading a list row).
    final class Cursor {
        var next = 0
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch([Any].self, .init(codingPath: [], debugDescription: "a record is a flat row of columns"))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        throw DecodingError.typeMismatch(Any.self, .init(codingPath: [], debugDescription: "a record is a flat row of columns"))
    }

    /// Reads each property from its column; a record's properties are integers, text or nil.
    struct Container<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let row: SQLRow
        let cursor: Cursor
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { row.columns.keys.compactMap { Key(stringValue: $0) } }

        func contains(_ key: Key) -> Bool { place(key) != nil }

        /// The column of `key`: the one the cursor points at when its name is the key's, else
        /// found by name.
        private func place(_ key: Key) -> Int? {
            let name = key.stringValue
            let expected = cursor.next
            let i = expected < row.names.count && row.names[expected] == name ? expected : row.columns[name]
            if let i { cursor.next = i + 1 }
            return i
        }

        private func value(_ key: Key) throws -> SQLValue {
            guard let i = place(key) else {
                throw DecodingError.keyNotFound(key, .init(codingPath: [key], debugDescription: "no column \(key.stringValue)"))
            }
            return row.values[i]
        }

        private func mismatch<T>(_ type: T.Type, _ key: Key, _ found: SQLValue) -> DecodingError {
            .typeMismatch(type, .init(codingPath: [key], debugDescription: "column \(key.stringValue) holds \(found)"))
        }

        func decodeNil(forKey key: Key) throws -> Bool { try value(key) == .null }

        func decode(_ type: String.Type, forKey key: Key) throws -> String {
            let v = try value(key)
            switch v {
            case .text(let s): return s
            case .int(let i): return String(i)  // SQLite may hand back a number stored in a text column
            case .null: throw mismatch(type, key, v)
            }
        }

        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 {
            let v = try value(key)
            switch v {
            case .int(let i): return i
            case .text(let s): if let i = Int64(s) { return i }
            case .null: break
            }
            throw mismatch(type, key, v)
        }

        // An optional property is one lookup of its column, not three (the protocol's default
        // asks `contains`, then `decodeNil`, then `decode`: two thirds of reading a case).
        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
            guard let i = place(key) else { return nil }
            switch row.values[i] {
            case .text(let s): return s
            case .int(let n): return String(n)
            case .null: return nil
            }
        }

        func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
            guard let i = place(key) else { return nil }
            let v = row.values[i]
            switch v {
            case .int(let n): return n
            case .text(let s): if let n = Int64(s) { return n }
            case .null: return nil
            }
            throw mismatch(type, key, v)
        }

        func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
            try decodeIfPresent(Int64.self, forKey: key).map { Int($0) }
        }

        func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
            try decodeIfPresent(Int64.self, forKey: key).map { $0 != 0 }
        }

        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { Int(try decode(Int64.self, forKey: key)) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 {
            let v = try decode(Int64.self, forKey: key)
            guard let n = Int32(exactly: v) else { throw mismatch(type, key, .int(v)) }
            return n
        }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decode(Int64.self, forKey: key) != 0 }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            throw DecodingError.typeMismatch(type, .init(codingPath: [key], debugDescription: "a column holds an integer or text"))
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            throw DecodingError.typeMismatch(type, .init(codingPath: [key], debugDescription: "a record is a flat row of columns"))
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            throw DecodingError.typeMismatch([Any].self, .init(codingPath: [key], debugDescription: "a record is a flat row of columns"))
        }
        func superDecoder() throws -> any Decoder { RowDecoder(row: row) }
        func superDecoder(forKey key: Key) throws -> any Decoder { RowDecoder(row: row) }
    }
}
