import Foundation
import GRDB
import GRDBSQLite
import PetDeskRules

/// The embedded backend: one SQLite file in WAL mode through GRDB, for one machine (agents on
/// one host share it; WAL does not work over network file systems — use PostgreSQL there).
final class SQLiteBackend: StoreBackend {
    private let writer: any DatabaseWriter
    /// Stores about to write, across processes (nil in memory: no one else can wait).
    private let writers: WriterQueue?
    let path: String?
    let isReadOnly: Bool
    var dialect: SQLDialect { .sqlite }
    var location: String { path ?? ":memory:" }

    private init(writer: any DatabaseWriter, path: String?, isReadOnly: Bool = false,
                 upgrading: ((_ migrations: [String]) -> Void)? = nil) throws(StoreError) {
        self.writer = writer
        self.path = path
        self.isReadOnly = isReadOnly
        writers = isReadOnly ? nil : path.map(WriterQueue.init(databasePath:))
        let migrator = SQLiteSchema.migrator
        let applied: [String]
        do {
            applied = try writer.read { db in try migrator.appliedIdentifiers(db) }.sorted()
        } catch {
            throw .cannotOpen(path: location, reason: Self.message(error))
        }
        // A newer binary's migrations are unknown here: never write a schema we do not understand.
        let known = migrator.migrations
        if let unknown = applied.first(where: { !known.contains($0) }) {
            throw .newerSchema(path: location, database: "\"\(unknown)\"", binary: "up to \"\(known.last ?? "none")\"")
        }
        if isReadOnly {
            guard applied.count == known.count else {
                throw .cannotOpen(path: location, reason: "it needs a schema upgrade, which needs write access to the file and its folder")
            }
            return
        }
        // An existing database that lacks migrations is upgraded now: say so first (building an
        // index over a million cases takes about a minute).
        if !applied.isEmpty, applied.count < known.count { upgrading?(known.filter { !applied.contains($0) }) }
        do {
            try migrator.migrate(writer)
        } catch {
            throw .cannotOpen(path: location, reason: Self.message(error))
        }
    }

    private static func configuration(_ durability: Durability = .full) -> Configuration {
        var config = Configuration()
        // A waiting writer tries every few milliseconds (SQLite's own handler sleeps up to 100 ms
        // between tries and starves behind an import's back-to-back batches); 10 s in all.
        let tries = Int(StoreTuning.busyTimeout / StoreTuning.busyPoll)
        config.busyMode = .callback { attempt in
            guard attempt < tries else { return false }
            Thread.sleep(forTimeInterval: StoreTuning.busyPoll.timeInterval)
            return true
        }
        config.foreignKeysEnabled = true
        config.prepareDatabase { db in
            // The short-filter index's triggers call it (migration v6).
            db.add(function: SearchGrams.function)
            // FULL: in WAL mode NORMAL may lose the last acknowledged commits on power loss, and a
            // mark reported saved must survive it (cost: see `petdesk bench store`).
            try db.execute(sql: durability == .full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL")
            // 32 MiB of page cache: large imports no longer spill pages mid-transaction.
            try db.execute(sql: "PRAGMA cache_size = -32768")
        }
        return config
    }

    /// Opens (creating when needed) the database at `path`, in WAL mode, migrated to this binary's schema.
    static func open(at path: String, durability: Durability,
                     upgrading: ((_ migrations: [String]) -> Void)? = nil) throws(StoreError) -> SQLiteBackend {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw .cannotOpen(path: path, reason: "cannot create its folder (\(error.localizedDescription))")
        }
        // A file we may not write (or whose folder we may not write: WAL needs its side files)
        // is opened read-only, so a read-only copy or role can still be read.
        let fm = FileManager.default
        if fm.fileExists(atPath: path), !fm.isWritableFile(atPath: path) || !fm.isWritableFile(atPath: url.deletingLastPathComponent().path) {
            var config = configuration(durability)
            config.readonly = true
            do {
                return try SQLiteBackend(writer: try DatabaseQueue(path: path, configuration: config), path: path, isReadOnly: true)
            } catch {
                // In WAL mode SQLite must create the side files even to read; where it cannot,
                // read the file as it is (immutable: no one can be writing what no one may write).
                do {
                    let uri = "file:" + path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)! + "?immutable=1"
                    return try SQLiteBackend(writer: try DatabaseQueue(path: uri, configuration: config), path: path, isReadOnly: true)
                } catch let e as StoreError {
                    throw e
                } catch {
                    throw .cannotOpen(path: path, reason: message(error))
                }
            }
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration(durability))
        } catch {
            throw .cannotOpen(path: path, reason: message(error))
        }
        return try SQLiteBackend(writer: pool, path: path, upgrading: upgrading)
    }

    /// A fresh in-memory database (tests, dry runs).
    static func inMemory() throws(StoreError) -> SQLiteBackend {
        do {
            return try SQLiteBackend(writer: try DatabaseQueue(configuration: configuration()), path: nil)
        } catch let e as StoreError {
            throw e
        } catch {
            throw .cannotOpen(path: ":memory:", reason: message(error))
        }
    }

    static func message(_ error: any Error) -> String {
        if let e = error as? DatabaseError { return e.message ?? "\(e.resultCode)" }
        if let e = error as? StoreError { return e.description }
        return "\(error)"
    }

    func write<T>(_ body: (any SQLSession) throws -> T) throws(StoreError) -> T {
        if isReadOnly { throw .readOnly(path: location) }
        do {
            return try writer.writeWithoutTransaction { db in
                var result: T?
                writers?.arrive()
                defer { writers?.leave() }
                try db.inTransaction(.immediate) {
                    writers?.leave()
                    result = try body(SQLiteSession(db: db))
                    return .commit
                }
                return result!
            }
        } catch let e as StoreError {
            throw e
        } catch {
            throw .database(Self.message(error))
        }
    }

    func read<T>(_ body: (any SQLSession) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.read { db in try body(SQLiteSession(db: db)) }
        } catch let e as StoreError {
            throw e
        } catch {
            throw .database(Self.message(error))
        }
    }

    func readStatement<T>(_ body: (any SQLSession) throws -> T) throws(StoreError) -> T { try read(body) }

    func othersWaitingToWrite() -> Bool { writers?.othersWaiting() ?? false }

    func setWriterConnection(_ sql: String) throws(StoreError) {
        if isReadOnly { throw .readOnly(path: location) }
        do {
            try writer.writeWithoutTransaction { db in try db.execute(sql: sql) }
        } catch {
            throw .database(Self.message(error))
        }
    }

    /// `PRAGMA synchronous` of the connections: 2 (FULL) unless in memory.
    func synchronousMode() throws(StoreError) -> Int {
        try read { db in Int(try db.int("PRAGMA synchronous") ?? -1) }
    }

    /// `PRAGMA integrity_check`: "ok" when the file is sound.
    func integrityCheck() throws(StoreError) -> String {
        try read { db in try db.rows("PRAGMA integrity_check", []).compactMap(\.firstText).joined(separator: "; ") }
    }
}

/// A GRDB connection as the store's logic sees it; statements are prepared once and cached.
struct SQLiteSession: SQLSession {
    let db: Database

    func execute(_ sql: String, _ arguments: ArraySlice<SQLValue>) throws -> Int {
        // Several statements in one text (migrations, scripts) cannot be cached.
        if arguments.isEmpty, sql.contains(";") {
            try db.execute(sql: sql)
        } else if arguments.isEmpty {
            try db.cachedStatement(sql: sql).execute()
        } else {
            try step(db.cachedStatement(sql: sql), arguments)
        }
        return db.changesCount
    }

    /// Runs a statement that changes rows, its values bound straight to SQLite. GRDB's own
    /// binding (arguments built, validated, then bound) was two thirds of the Swift side of an
    /// import's writes (callgrind: 440 k of 975 k instructions a case). What GRDB does around a
    /// step is not needed here: the store runs no transaction observers, and these statements
    /// (INSERT, UPDATE, DELETE) neither begin nor end a transaction nor change the schema.
    private func step(_ statement: Statement, _ arguments: ArraySlice<SQLValue>) throws {
        try bind(statement, arguments) { handle in
            while true {
                switch sqlite3_step(handle) {
                case SQLITE_DONE: return
                case SQLITE_ROW: continue
                case let code: throw failure(code, statement)
                }
            }
        }
    }

    /// Binds `arguments` to `statement` and runs `body` on it, then resets it. Every text
    /// argument's bytes are in one buffer, bound in place (SQLITE_STATIC) while it lives:
    /// binding each string for SQLite to copy was a malloc a value (perf: a tenth of an
    /// import's writes in malloc).
    private func bind(_ statement: Statement, _ arguments: ArraySlice<SQLValue>, _ body: (OpaquePointer) throws -> Void) throws {
        let handle = statement.sqliteStatement
        guard Int(sqlite3_bind_parameter_count(handle)) == arguments.count else {
            throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "wrong number of statement arguments: \(arguments.count)", sql: statement.sql)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(arguments.reduce(0) { total, value in
            if case .text(let t) = value { return total + t.utf8.count }
            return total
        } + 1)
        var spans: [Range<Int>] = []
        spans.reserveCapacity(arguments.count)
        for value in arguments {
            let start = bytes.count
            if case .text(let t) = value { bytes.append(contentsOf: t.utf8) }
            spans.append(start..<bytes.count)
        }
        bytes.append(0)  // never empty: an empty text points at valid memory too
        // Every parameter is bound below (their count was checked), so none is cleared first:
        // clearing walks all of a multi-row INSERT's thousands.
        sqlite3_reset(handle)
        try bytes.withUnsafeBufferPointer { buffer in
            // The bindings point into `buffer`: cleared before it goes, and the statement reset
            // (a read left stepping would keep its transaction open).
            defer {
                sqlite3_reset(handle)
                sqlite3_clear_bindings(handle)
            }
            let base = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            for (i, (value, span)) in zip(Int32(1)..., zip(arguments, spans)) {
                switch value {
                case .null: sqlite3_bind_null(handle, i)
                case .int(let v): sqlite3_bind_int64(handle, i, v)
                case .text: sqlite3_bind_text(handle, i, base + span.lowerBound, Int32(span.count), nil)
                }
            }
            try body(handle)
        }
    }

    /// SQLite's error for a step that failed, with its message (read before the reset clears it).
    private func failure(_ code: Int32, _ statement: Statement) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
    }

    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        let statement = try db.cachedStatement(sql: sql)
        let (names, columns) = SQLRow.index(statement.columnNames, for: statement)
        var out: [SQLRow] = []
        try bind(statement, arguments[...]) { handle in
            let count = sqlite3_column_count(handle)
            while true {
                switch sqlite3_step(handle) {
                case SQLITE_ROW:
                    var values: [SQLValue] = []
                    values.reserveCapacity(Int(count))
                    for i in 0..<count { values.append(Self.value(handle, i)) }
                    out.append(SQLRow(names: names, columns: columns, values: values))
                case SQLITE_DONE: return
                case let code: throw failure(code, statement)
                }
            }
        }
        return out
    }

    /// Column `i` of the row `handle` stands on, as the store reads values (a real number, which
    /// the schema never stores, is truncated; a blob is read as UTF-8 text).
    private static func value(_ handle: OpaquePointer, _ i: Int32) -> SQLValue {
        switch sqlite3_column_type(handle, i) {
        case SQLITE_NULL: return .null
        case SQLITE_INTEGER: return .int(sqlite3_column_int64(handle, i))
        case SQLITE_FLOAT: return .int(Int64(sqlite3_column_double(handle, i)))
        default:
            guard let text = sqlite3_column_text(handle, i) else { return .text("") }
            let bytes = UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, i)))
            return .text(String(decoding: bytes, as: UTF8.self))
        }
    }
}
