/// A record that reads itself from a result row, column after column in the order of its
/// `CodingKeys`, without the Codable machinery: through `RowDecoder` a column cost about 800
/// instructions (a keyed container boxed and copied for every call), a quarter of
/// re-evaluating a batch of cases (callgrind: 330 M of 1,296 M instructions for 2,000).
///
/// `columnNames` is the `CodingKeys`' names in order; `ColumnReaderTests` checks, for every
/// such record, that this reading and `RowDecoder`'s agree on rows whose columns all differ.
protocol ColumnRecord: StoreRecord {
    /// The record's columns, in the order `init(reading:)` reads them.
    static var columnNames: [String] { get }
    /// Reads the record's properties, one `reader` call a column, in `columnNames`' order.
    init(reading reader: inout ColumnReader) throws
    /// Appends the record's values, one a column, in `columnNames`' order: what `ColumnEncoder`
    /// gives, without its boxed containers (callgrind, importing 2,000 cases: 4,407.8 M →
    /// 4,202.2 M instructions). One `append` a value: a literal array added with `+=` was
    /// built on the heap first (1,916.9 M → 1,870.3 M).
    func writeColumns(to values: inout [SQLValue])
}

/// Reads a row's values in the order a `ColumnRecord` names its columns, whatever order the
/// query selected them in, converting as `RowDecoder` does (a number from a text column, text
/// from an integer; NULL only where the property is optional).
struct ColumnReader {
    private let values: [SQLValue]
    /// For each of the record's columns in turn, its place in `values`.
    private let places: [Int]
    private let names: [String]
    private var next = 0

    /// Where each of `names` stands in rows of `columns`; nil when a column is missing.
    static func places(of names: [String], in columns: [String: Int]) -> [Int]? {
        var places: [Int] = []
        places.reserveCapacity(names.count)
        for name in names {
            guard let i = columns[name] else { return nil }
            places.append(i)
        }
        return places
    }

    init(_ row: SQLRow, places: [Int], names: [String]) {
        values = row.values
        self.places = places
        self.names = names
    }

    /// The next column's value and name; a record reading more columns than it names is an
    /// error, not a trap.
    private mutating func take() throws -> (SQLValue, String) {
        guard next < places.count else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "a record read more than its \(places.count) columns"))
        }
        defer { next += 1 }
        return (values[places[next]], names[next])
    }

    private func mismatch<T>(_ type: T.Type, _ name: String, _ found: SQLValue) -> DecodingError {
        .typeMismatch(type, .init(codingPath: [], debugDescription: "column \(name) holds \(found)"))
    }

    mutating func text() throws -> String {
        let (v, name) = try take()
        switch v {
        case .text(let s): return s
        case .int(let i): return String(i)
        case .null: throw mismatch(String.self, name, v)
        }
    }

    mutating func optionalText() throws -> String? {
        switch try take().0 {
        case .text(let s): return s
        case .int(let n): return String(n)
        case .null: return nil
        }
    }

    mutating func int64() throws -> Int64 {
        let (v, name) = try take()
        switch v {
        case .int(let i): return i
        case .text(let s): if let i = Int64(s) { return i }
        case .null: break
        }
        throw mismatch(Int64.self, name, v)
    }

    mutating func optionalInt64() throws -> Int64? {
        let (v, name) = try take()
        switch v {
        case .int(let n): return n
        case .text(let s): if let n = Int64(s) { return n }
        case .null: return nil
        }
        throw mismatch(Int64.self, name, v)
    }

    mutating func int() throws -> Int { Int(try int64()) }
}

extension SQLSession {
    /// Runs a query and reads each row straight from its columns, their places looked up once
    /// for all the rows; through `RowDecoder` when a column is missing. (A name of its own, not
    /// a dynamic cast inside `records`: casting the array read to the caller's type cost more
    /// than reading it.)
    func columnRecords<R: ColumnRecord>(_ sql: String, _ arguments: [SQLValue]) throws -> [R] {
        let rows = try rows(sql, arguments)
        guard let first = rows.first, let places = ColumnReader.places(of: R.columnNames, in: first.columns) else {
            return try rows.map { try RowDecoder.decode(R.self, from: $0) }
        }
        return try rows.map { row in
            var reader = ColumnReader(row, places: places, names: R.columnNames)
            return try R(reading: &reader)
        }
    }
}

extension SQLSession {
    /// Inserts records as `insert(_:replacingOn:)` does, their values written straight from
    /// their columns (through `ColumnEncoder` when a generated id is left out).
    func insertColumns<R: ColumnRecord>(_ records: [R], replacingOn key: String? = nil) throws {
        guard !records.isEmpty else { return }
        func written() -> [SQLValue] {
            var values: [SQLValue] = []
            values.reserveCapacity(records.count * R.columnNames.count)
            for record in records { record.writeColumns(to: &values) }
            return values
        }
        if R.generatedColumn == nil {
            // Every column is written: its names are `columnNames`, not the first record encoded
            // to learn them (3.9 % of an import).
            return try insertRows(into: R.databaseTableName, columns: R.columnNames, values: written(), replacingOn: key)
        }
        try insert(records, replacingOn: key) { width, skipped in
            guard let skipped else { return written() }
            // New rows the database numbers (the audit trail of an import): each record's
            // columns but that one, written straight, not through the encoder (callgrind,
            // importing 2,000 cases: 1,796.4 M -> 1,789.9 M instructions).
            var values: [SQLValue] = [], row: [SQLValue] = []
            values.reserveCapacity(records.count * width)
            row.reserveCapacity(width + 1)
            for record in records {
                row.removeAll(keepingCapacity: true)
                record.writeColumns(to: &row)
                values += row[..<skipped]
                values += row[(skipped + 1)...]
            }
            return values
        }
    }

    /// Inserts new rows of `R`'s table (which numbers none itself), their values appended by
    /// `write` one record after another, each made and written in turn: no array of records
    /// is built first (an import's lists, 20,000 cases: flattening them into records and
    /// copying those was 0.1 s, more than SQLite took to insert them).
    func insertColumns<R: ColumnRecord>(of _: R.Type, rows: Int, write: (inout [SQLValue]) -> Void) throws {
        precondition(R.generatedColumn == nil, "\(R.databaseTableName): rows written straight have every column")
        var values: [SQLValue] = []
        values.reserveCapacity(rows * R.columnNames.count)
        write(&values)
        try insertRows(into: R.databaseTableName, columns: R.columnNames, values: values, replacingOn: nil)
    }
}
