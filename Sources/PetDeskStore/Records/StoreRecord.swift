import GRDB

/// A row of one table as a Swift value: its stored properties are the table's columns, named as
/// in SQL by its `CodingKeys` (the compiler checks the two agree), so a column is written down in
/// one place. `RowDecoder` reads them from either backend's rows and `ColumnEncoder` writes them,
/// in one multi-row INSERT per list. No record leaves the store: each maps to and from the
/// rules' types.
protocol StoreRecord: Codable, TableRecord, Sendable {
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

extension SQLSession {
    /// Runs a query and decodes each row as a record of the table it selects from.
    func records<R: StoreRecord>(_ sql: String, _ arguments: [SQLValue]) throws -> [R] {
        try rows(sql, arguments).map { try RowDecoder.decode(R.self, from: $0) }
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
        try insert(records, replacingOn: key) { try ColumnEncoder.values(of: records, rowWidth: $0, skipping: $1) }
    }

    /// Inserts records whose values `makeValues(rowWidth, skipped)` gives, every record's
    /// columns in turn (`skipped`: the generated column left out, when it is).
    func insert<R: StoreRecord>(_ records: [R], replacingOn key: String?,
                                makeValues: (_ rowWidth: Int, _ skipped: Int?) throws -> [SQLValue]) throws {
        guard let first = records.first else { return }
        // The names from the first record; whether its generated id is left out holds for all.
        let (columns, _, skipped) = try ColumnEncoder.columns(of: first, skipping: R.generatedColumn)
        try insertRows(into: R.databaseTableName, columns: columns, values: try makeValues(columns.count, skipped), replacingOn: key)
    }

    /// Inserts rows of `columns` into `table`, their values one row after another, as many rows
    /// to a statement as fit.
    func insertRows(into table: String, columns: [String], values: [SQLValue], replacingOn key: String?) throws {
        let width = columns.count
        guard width > 0, !values.isEmpty else { return }
        let count = values.count / width
        // Repeated text, not arrays joined: joining 256 tuples a statement was 6.5 % of an import.
        let tuple = "(" + String(repeating: "?, ", count: width - 1) + "?)"
        // Rows per statement: as many as keep the bound values under `valuesPerStatement`, in
        // powers of two, so a table has a few statement shapes to prepare and cache, not one for
        // every count an import's chunks leave over.
        let most = max(1, min(maximumRowsPerStatement, valuesPerStatement / width))
        var start = 0
        // The text of the last shape, used again while the row count stays (a batch's full
        // statements all have one shape; 2,000 cases imported, callgrind: 1,776.7 M -> 1,767.0 M).
        var shape: (rows: Int, sql: String)?
        while start < count {
            var rows = 1
            while rows * 2 <= min(most, count - start) { rows *= 2 }
            if shape?.rows != rows {
                var sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
                    + String(repeating: tuple + ", ", count: rows - 1) + tuple
                if let key {
                    sql += " ON CONFLICT(\(key)) DO UPDATE SET "
                        + columns.filter { $0 != key }.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
                }
                shape = (rows, sql)
            }
            try execute(shape!.sql, values[(start * width)..<((start + rows) * width)])
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
