import Foundation
import PetDeskRules

/// One value bound to, or read from, a statement: what both backends store (integers, text, null).
enum SQLValue: Hashable, Sendable, ExpressibleByNilLiteral, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
    case null
    case int(Int64)
    case text(String)

    init(nilLiteral: ()) { self = .null }
    init(integerLiteral value: Int64) { self = .int(value) }
    init(stringLiteral value: String) { self = .text(value) }
    init(_ value: String?) { self = value.map(SQLValue.text) ?? .null }
    init(_ value: Int?) { self = value.map { .int(Int64($0)) } ?? .null }
    init(_ value: Int64?) { self = value.map(SQLValue.int) ?? .null }
    /// An instant as seconds since the epoch (how every instant is stored); nil is NULL.
    init(_ value: Instant?) { self = value.map { .int($0.secondsSinceEpoch) } ?? .null }
    /// A boolean as 1 or 0 (SQLite has no boolean type; the PostgreSQL schema uses integers too).
    init(_ value: Bool) { self = .int(value ? 1 : 0) }
}

/// One result row: values by column name, read with the type the caller expects.
struct SQLRow: Sendable {
    /// Column name → index into `values`, shared by every row of one result.
    let columns: [String: Int]
    let values: [SQLValue]
    /// The column names in order, shared by every row of one result; a name met again is ""
    /// (`columns` holds its first place), so that reading by order agrees with `columns`.
    let names: [String]

    /// A row of `values` under `names` (the index built once a result, shared by its rows).
    init(names: [String], columns: [String: Int], values: [SQLValue]) {
        self.names = names
        self.columns = columns
        self.values = values
    }

    /// A row whose names are `columns`' keys at their places.
    init(columns: [String: Int], values: [SQLValue]) {
        var names = Array(repeating: "", count: values.count)
        for (name, i) in columns where i < names.count { names[i] = name }
        self.init(names: names, columns: columns, values: values)
    }

    /// The column names in order and their places, for the rows of one result.
    static func index(_ names: [String]) -> (names: [String], columns: [String: Int]) {
        var columns: [String: Int] = [:]
        var unique = names
        for (i, name) in names.enumerated() {
            if columns[name] == nil { columns[name] = i } else { unique[i] = "" }
        }
        return (unique, columns)
    }

    /// `index(names)` kept for each statement that asks again: building it cost 18 k instructions
    /// a query, a fifth of opening a case (callgrind, bench ui). `statement` is only the key to
    /// find it quickly; the index is taken only when its names are the ones asked about (the
    /// same array for a prepared statement, so that check is one comparison of storage), so a
    /// new statement where a freed one lived, or a schema that changed, never reads another's.
    static func index(_ names: [String], for statement: AnyObject) -> (names: [String], columns: [String: Int]) {
        IndexCache.shared.index(names, for: ObjectIdentifier(statement))
    }

    /// The indexes of the statements asked about, a few hundred at most.
    private final class IndexCache: @unchecked Sendable {
        static let shared = IndexCache()
        private let lock = NSLock()
        private var indexes: [ObjectIdentifier: (raw: [String], names: [String], columns: [String: Int])] = [:]

        func index(_ names: [String], for key: ObjectIdentifier) -> (names: [String], columns: [String: Int]) {
            if let kept = lock.withLock({ indexes[key] }), kept.raw == names { return (kept.names, kept.columns) }
            let made = SQLRow.index(names)
            lock.withLock {
                if indexes.count >= 512 { indexes.removeAll(keepingCapacity: true) }
                indexes[key] = (names, made.names, made.columns)
            }
            return made
        }
    }

    subscript(_ column: String) -> SQLValue {
        columns[column].map { values[$0] } ?? .null
    }

    /// An integer column; nil when NULL (a boolean reads as 1 or 0).
    func int(_ column: String) -> Int64? {
        if case .int(let v) = self[column] { return v }
        return nil
    }

    /// A text column; nil when NULL.
    func text(_ column: String) -> String? {
        if case .text(let v) = self[column] { return v }
        return nil
    }

    /// Where `column` stands in every row of this result: looked up once, then each row read by
    /// it (`text(at:)`, `int(at:)`) without hashing the name again.
    func position(_ column: String) -> Int? { columns[column] }

    /// The text at `position`; nil when NULL or when there is no such column.
    func text(at position: Int?) -> String? {
        if let position, case .text(let v) = values[position] { return v }
        return nil
    }

    /// The integer at `position`; nil when NULL or when there is no such column.
    func int(at position: Int?) -> Int64? {
        if let position, case .int(let v) = values[position] { return v }
        return nil
    }

    /// The first column, as an integer.
    var firstInt: Int64? {
        if case .int(let v) = values.first ?? .null { return v }
        return nil
    }

    /// The first column, as text.
    var firstText: String? {
        if case .text(let v) = values.first ?? .null { return v }
        return nil
    }
}

/// What differs between the SQL the two backends speak, beyond their schemas.
struct SQLDialect: Sendable {
    /// Appended to a SELECT of the row a write is about to change (PostgreSQL locks it; SQLite's
    /// IMMEDIATE transaction already holds the only write lock).
    var lockRow: String
    /// Appended to the SELECT of the next case to claim, so that concurrent claimers skip a row
    /// another is claiming rather than wait for it and then find it taken.
    var skipLocked: String
    /// How the filter finds a substring of a case's searchable text through an index.
    var textSearch: TextSearch
    /// Statements run around an import's batches: SQLite skips its CHECK constraints there.
    /// Each `x IN ('a', 'b', …)` CHECK builds a temporary b-tree on every row written (callgrind:
    /// 71 b-trees and 5.7 M instructions a case, a fifth of it zeroing their pages); an import
    /// writes only the raw values of Swift enums, which are in those lists by construction, and
    /// every other constraint (NOT NULL, keys, uniqueness) still holds.
    var bulkWrite: (begin: String, end: String)?
    /// Settings of the writing connection around a whole import, outside its transactions:
    /// SQLite checks no foreign key of the rows an import writes (each list row found its case
    /// by an index search: 0.8 µs a row, 22 rows a case), which holds by construction: a
    /// case's rows are written after it in the same transaction, and a merge deletes them
    /// itself. Changed once an import (a change makes SQLite prepare every statement again;
    /// changed every batch, an import cost 20 % more). `petdesk import` of 2,000 cases:
    /// 2,028.6 M -> 1,942.3 M instructions; `bench store --cases 20000` insert 2.91–3.03 s ->
    /// 2.69–2.82 s.
    var bulkConnection: (begin: String, end: String)?
    /// Statements run first and last in each transaction of an import: SQLite indexes the text
    /// of the cases it inserted there once, at the end (migration v7), not a statement at a time.
    var deferredTextIndex: (begin: String, end: String)?

    /// The index behind the queue's filter.
    enum TextSearch {
        /// SQLite: the FTS5 table `cases_text` (trigram tokenizer), rowid = the case's rowid.
        case fts5Trigram
        /// PostgreSQL: a pg_trgm GIN index on this expression over the case's row `c`, and a
        /// GIN index of each case's characters and pairs (`petdesk_grams`, migration v4).
        case trigramExpression(String)
    }

    /// What the filter searches on PostgreSQL: order id, buyer, title, category (species),
    /// merchant, waybill, one per line; the same expression as its index (migration v2), or the
    /// index is not used. (SQLite's migration v4 builds the same text with `char(10)`.)
    static let searchableText = "coalesce(c.order_id, '') || chr(10) || coalesce(c.buyer, '') || chr(10) || coalesce(c.title, '') "
        + "|| chr(10) || coalesce(c.category_path, '') || chr(10) || coalesce(c.merchant, '') || chr(10) || coalesce(c.waybill, '')"

    static let sqlite = SQLDialect(lockRow: "", skipLocked: "", textSearch: .fts5Trigram,
                                   bulkWrite: ("PRAGMA ignore_check_constraints = ON", "PRAGMA ignore_check_constraints = OFF"),
                                   bulkConnection: ("PRAGMA foreign_keys = OFF", "PRAGMA foreign_keys = ON"),
                                   deferredTextIndex: (SQLiteSchema.deferTextIndex, SQLiteSchema.indexDeferredText))
    static let postgres = SQLDialect(lockRow: " FOR UPDATE", skipLocked: " FOR UPDATE SKIP LOCKED",
                                     textSearch: .trigramExpression(searchableText), bulkWrite: nil, bulkConnection: nil,
                                     deferredTextIndex: nil)
}

/// A connection inside a transaction, as the store's logic sees it. Statements use `?` (or `?N`
/// for the Nth argument) placeholders whatever the backend.
protocol SQLSession {
    /// Runs a statement; returns how many rows it changed. The arguments are a slice, so that
    /// a multi-row INSERT binds its part of a batch's values without copying them out.
    @discardableResult
    func execute(_ sql: String, _ arguments: ArraySlice<SQLValue>) throws -> Int
    /// Runs a query and returns all its rows.
    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow]
}

extension SQLSession {
    @discardableResult
    func execute(_ sql: String) throws -> Int { try execute(sql, ArraySlice()) }

    /// Runs a statement with these arguments; returns how many rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int { try execute(sql, arguments[...]) }

    /// The first row, or nil when there is none.
    func row(_ sql: String, _ arguments: [SQLValue] = []) throws -> SQLRow? { try rows(sql, arguments).first }

    /// The first column of the first row as an integer (nil: no row, or NULL).
    func int(_ sql: String, _ arguments: [SQLValue] = []) throws -> Int64? { try row(sql, arguments)?.firstInt }

    /// The first column of the first row as text (nil: no row, or NULL).
    func text(_ sql: String, _ arguments: [SQLValue] = []) throws -> String? { try row(sql, arguments)?.firstText }

    /// Whether the query returns a row.
    func exists(_ sql: String, _ arguments: [SQLValue] = []) throws -> Bool { try row(sql, arguments) != nil }
}

/// How the store reaches its database: a transaction for writes, a consistent view for reads.
/// The store's logic is written once over this; SQLite (GRDB) and PostgreSQL (postgres-nio)
/// each provide one.
protocol StoreBackend: Sendable {
    /// The SQL differences the logic needs to know.
    var dialect: SQLDialect { get }
    /// Where the database is, for messages: a file path, or a URL without its password.
    var location: String { get }
    /// Whether only reads are possible (writes are refused before they reach the database).
    var isReadOnly: Bool { get }
    /// Runs `body` in a transaction that holds the write lock (SQLite) or locks the rows it
    /// reads with `lockRow` (PostgreSQL); commits when it returns, rolls back when it throws.
    func write<T>(_ body: (any SQLSession) throws -> T) throws(StoreError) -> T
    /// Runs `body` on a consistent view of the database.
    func read<T>(_ body: (any SQLSession) throws -> T) throws(StoreError) -> T
    /// Runs `body`, which makes one statement (consistent by itself): on a server, no
    /// transaction around it, so one round trip instead of three.
    func readStatement<T>(_ body: (any SQLSession) throws -> T) throws(StoreError) -> T
    /// Runs `sql` on the writing connection outside any transaction: a setting of the
    /// connection that a transaction would ignore (SQLite's `PRAGMA foreign_keys`).
    func setWriterConnection(_ sql: String) throws(StoreError)
    /// Whether another writer may be waiting for the write lock (true when it cannot be known).
    func othersWaitingToWrite() -> Bool
}
