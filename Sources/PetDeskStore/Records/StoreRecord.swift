import GRDB

/// A row of one table as a Swift value: its stored properties are the table's columns, named as
/// in SQL by its `CodingKeys` (the compiler checks the two agree), so a column is written down in
/// one place. GRDB decodes records (`FetchableRecord`: SQLite fetches them natively, PostgreSQL
/// rows go through the same decoder); `ColumnEncoder` writes them, for both backends, in one
/// multi-row INSERT per list. No record leaves the store: each maps to and from the rules' types.
protocol StoreRecord: Codable, FetchableRecord, TableRecord, Sendable {
    /// The column the database numbers (an autoincremented id), left out of an INSERT while nil.
    static var generatedColumn: String? { get }
}

extension StoreRecord {
    static var generatedColumn: String? { nil }

    /// The record's columns and values in the order of its `CodingKeys` (a nil generated id left out).
    func columns() throws -> (names: [String], values: [SQLValue]) {
        let (names, values, _) = try ColumnEncoder.columns(of: self, skipping: Self.generatedColumn)
        return (names, values)
    }
}

extension SQLValue {
    /// What GRDB encoded for a column (a record's properties are integers, text or nil).
    init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let i): self = .int(i)
        case .double(let d): self = .int(Int64(d))
        case .string(let s): self = .text(s)
        case .blob(let b): self = .text(String(decoding: b, as: UTF8.self))
        }
    }

    /// The value as GRDB reads it into a record.
    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .int(let i): i.databaseValue
        case .text(let s): s.databaseValue
        }
    }
}

extension SQLRow {
    /// The row as GRDB decodes a record from it (PostgreSQL's rows reach records this way).
    var databaseRow: Row {
        var dictionary: [String: (any DatabaseValueConvertible)?] = [:]
        for (name, index) in columns { dictionary[name] = values[index].databaseValue }
        return Row(dictionary)
    }
}

extension SQLSession {
    /// Records decoded from the rows `rows` returns (how PostgreSQL reads them).
    func records<R: StoreRecord>(_ sql: String, _ arguments: [SQLValue]) throws -> [R] {
        try rows(sql, arguments).map { try R(row: $0.databaseRow) }
    }

    /// Inserts one new record and returns the number the database gave it (`generatedColumn`).
    func insertReturningID<R: StoreRecord>(_ record: R) throws -> Int64 {
        let columns = try record.columns()
        let sql = "INSERT INTO \(R.databaseTableName) (\(columns.names.joined(separator: ", "))) VALUES ("
            + Array(repeating: "?", count: columns.names.count).joined(separator: ", ") + ") RETURNING \(R.generatedColumn ?? "rowid")"
        return try int(sql, columns.values) ?? 0
    }

    /// Inserts records with no upsert.
    func insert<R: StoreRecord>(_ records: [R]) throws { try insert(records, replacingOn: nil) }

    /// Inserts records of one table, as many to a statement as fit (one round trip on a server).
    /// The records are new rows of one kind: all with their generated id, or all without.
    func insert<R: StoreRecord>(_ records: [R], replacingOn key: String?) throws {
        guard let first = records.first else { return }
        // The names from the first record; whether its generated id is left out holds for all.
        let (columns, _, skipped) = try ColumnEncoder.columns(of: first, skipping: R.generatedColumn)
        let values = try ColumnEncoder.values(of: records, rowWidth: columns.count, skipping: skipped)
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        // Rows per statement: as many as keep the bound values under `valuesPerStatement`, in
        // powers of two, so a table has a few statement shapes to prepare and cache, not one for
        // every count an import's chunks leave over.
        let most = max(1, min(maximumRowsPerStatement, valuesPerStatement / columns.count))
        var start = 0
        while start < records.count {
            var rows = 1
            while rows * 2 <= min(most, records.count - start) { rows *= 2 }
            var sql = "INSERT INTO \(R.databaseTableName) (\(columns.joined(separator: ", "))) VALUES "
                + Array(repeating: tuple, count: rows).joined(separator: ", ")
            if let key {
                sql += " ON CONFLICT(\(key)) DO UPDATE SET "
                    + columns.filter { $0 != key }.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
            }
            try execute(sql, Array(values[(start * columns.count)..<((start + rows) * columns.count)]))
            start += rows
        }
    }
}

/// Values bound to one multi-row INSERT at most: a case's sixteen checklist items go in one
/// statement (they were sixteen, each its own trip through the engine), a chunk of an import's
/// cases in a few; well inside SQLite's (32,766) and PostgreSQL's (65,535) limits.
private let valuesPerStatement = 8_192
/// Rows of one multi-row INSERT at most.
private let maximumRowsPerStatement = 256
