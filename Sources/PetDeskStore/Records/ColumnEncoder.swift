/// Encodes a record's properties as its columns and values, in the order of its `CodingKeys`.
/// GRDB's own encoding (`databaseDictionary`, `insert(db)`) builds a case-insensitive ordered
/// dictionary and introspects the table on every call; this flat list made an import's writes
/// 1.6× faster (`bench store --cases 5000`: insert 6.0 s → 3.7–4.3 s) and serves both backends.
struct ColumnEncoder: Encoder {
    /// What the record encoded so far, shared by its container.
    final class Columns {
        var names: [String] = []
        var values: [SQLValue] = []
        /// Whether names are collected (rows after the first only add their values).
        var wantsNames = true
        /// The column left out of every row (a generated id), by position in the row.
        var skipping: Int?
        /// The position of the next column in the row being encoded.
        var position = 0
        init() { names.reserveCapacity(40); values.reserveCapacity(40) }
    }

    let columns: Columns

    init(_ columns: Columns = Columns()) { self.columns = columns }
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// The record's columns and values; nil values are NULL. `skipping`: a column left out
    /// while nil (one the database numbers); `skipped` says where it was.
    static func columns<R: Encodable>(of record: R, skipping generated: String? = nil) throws
        -> (names: [String], values: [SQLValue], skipped: Int?) {
        let encoder = ColumnEncoder()
        try record.encode(to: encoder)
        var names = encoder.columns.names, values = encoder.columns.values
        if let generated, let i = names.firstIndex(of: generated), values[i] == .null {
            names.remove(at: i)
            values.remove(at: i)
            return (names, values, i)
        }
        return (names, values, nil)
    }

    /// Every record's values, row after row, in the order of their `CodingKeys`, with the column
    /// at position `skipping` left out of each: one array for a whole statement, where encoding
    /// each record apart (its own names and values) was a tenth of an import's writes.
    static func values<R: Encodable>(of records: some Sequence<R>, rowWidth: Int, skipping: Int?) throws -> [SQLValue] {
        let columns = Columns()
        columns.wantsNames = false
        columns.skipping = skipping
        columns.values.reserveCapacity(records.underestimatedCount * rowWidth)
        let encoder = ColumnEncoder(columns)
        for record in records {
            columns.position = 0
            try record.encode(to: encoder)
        }
        return columns.values
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(Container(columns: columns))
    }
    func unkeyedContainer() -> any UnkeyedEncodingContainer { fatalError("a record is a flat row of columns") }
    func singleValueContainer() -> any SingleValueEncodingContainer { fatalError("a record is a flat row of columns") }

    /// Appends each property as one column; a record's properties are integers, text or nil.
    struct Container<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let columns: Columns
        var codingPath: [any CodingKey] { [] }

        private func add(_ key: Key, _ value: SQLValue) {
            defer { columns.position += 1 }
            guard columns.position != columns.skipping else { return }
            if columns.wantsNames { columns.names.append(key.stringValue) }
            columns.values.append(value)
        }

        mutating func encodeNil(forKey key: Key) { add(key, .null) }
        mutating func encode(_ value: String, forKey key: Key) { add(key, .text(value)) }
        mutating func encode(_ value: Int, forKey key: Key) { add(key, .int(Int64(value))) }
        mutating func encode(_ value: Int64, forKey key: Key) { add(key, .int(value)) }
        mutating func encode(_ value: Int32, forKey key: Key) { add(key, .int(Int64(value))) }
        mutating func encode(_ value: Bool, forKey key: Key) { add(key, .int(value ? 1 : 0)) }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) { add(key, SQLValue(value)) }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) { add(key, SQLValue(value)) }
        mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) { add(key, SQLValue(value)) }
        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) { add(key, value.map { .int($0 ? 1 : 0) } ?? .null) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            throw EncodingError.invalidValue(value, .init(codingPath: [key], debugDescription: "a column holds an integer or text"))
        }
        mutating func encode(_ value: Double, forKey key: Key) throws {
            throw EncodingError.invalidValue(value, .init(codingPath: [key], debugDescription: "a column holds an integer or text"))
        }
        mutating func encode(_ value: Float, forKey key: Key) throws { try encode(Double(value), forKey: key) }
        mutating func encode(_ value: Int8, forKey key: Key) { add(key, .int(Int64(value))) }
        mutating func encode(_ value: Int16, forKey key: Key) { add(key, .int(Int64(value))) }
        mutating func encode(_ value: UInt, forKey key: Key) { add(key, .int(Int64(value))) }
        mutating func encode(_ value: UInt8, forKey key: Key) { add(key, .int(Int64(value))) }
        mutating func encode(_ value: UInt16, forKey key: Key) { add(key, .int(Int64(value))) }
        mutating func encode(_ value: UInt32, forKey key: Key) { add(key, .int(Int64(value))) }
        mutating func encode(_ value: UInt64, forKey key: Key) { add(key, .int(Int64(value))) }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            fatalError("a record is a flat row of columns")
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { fatalError("a record is a flat row of columns") }
        mutating func superEncoder() -> any Encoder { fatalError("a record is a flat row of columns") }
        mutating func superEncoder(forKey key: Key) -> any Encoder { fatalError("a record is a flat row of columns") }
    }
}
