import Foundation
import GRDB
import PetDeskRules

/// The case store: one SQLite database (WAL) behind intent-named methods. No SQL or GRDB type
/// leaves this module. Every write runs in an IMMEDIATE transaction, recomputes the case's
/// suggested outcome and urgency through the rules pack, and appends to the audit log.
public final class CaseStore: Sendable {
    private let writer: any DatabaseWriter
    /// The rules every stored verdict comes from.
    public let pack: RulePack
    /// The database file, or nil for an in-memory store.
    public let path: String?

    /// Whether the database can only be read (a read-only file or folder): reads work, and
    /// compute fresh suggestions in memory; writes are refused with one clear line.
    public let isReadOnly: Bool

    private init(writer: any DatabaseWriter, pack: RulePack, path: String?, isReadOnly: Bool = false) throws(StoreError) {
        self.writer = writer
        self.pack = pack
        self.path = path
        self.isReadOnly = isReadOnly
        let migrator = Schema.migrator
        let applied: [String]
        do {
            applied = try writer.read { db in try migrator.appliedIdentifiers(db) }.sorted()
        } catch {
            throw .cannotOpen(path: path ?? ":memory:", reason: Self.message(error))
        }
        // A newer binary's migrations are unknown here: never write a schema we do not understand.
        let known = migrator.migrations
        if let unknown = applied.first(where: { !known.contains($0) }) {
            throw .newerSchema(path: path ?? ":memory:", database: "\"\(unknown)\"", binary: "up to \"\(known.last ?? "none")\"")
        }
        if isReadOnly {
            guard applied.count == known.count else {
                throw .cannotOpen(path: path ?? ":memory:", reason: "it needs a schema upgrade, which needs write access to the file and its folder")
            }
            return
        }
        do {
            try migrator.migrate(writer)
        } catch {
            throw .cannotOpen(path: path ?? ":memory:", reason: Self.message(error))
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
            // FULL: in WAL mode NORMAL may lose the last acknowledged commits on power loss, and a
            // mark reported saved must survive it (cost: see `petdesk bench store`).
            try db.execute(sql: durability == .full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL")
            // 32 MiB of page cache: large imports no longer spill pages mid-transaction.
            try db.execute(sql: "PRAGMA cache_size = -32768")
        }
        return config
    }

    /// Opens (creating when needed) the database at `path`, in WAL mode.
    public static func open(at path: String, pack: RulePack = .ksPet2022, durability: Durability = .full) throws(StoreError) -> CaseStore {
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
                return try CaseStore(writer: try DatabaseQueue(path: path, configuration: config), pack: pack, path: path, isReadOnly: true)
            } catch {
                // In WAL mode SQLite must create the side files even to read; where it cannot,
                // read the file as it is (immutable: no one can be writing what no one may write).
                do {
                    let uri = "file:" + path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)! + "?immutable=1"
                    return try CaseStore(writer: try DatabaseQueue(path: uri, configuration: config), pack: pack, path: path, isReadOnly: true)
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
        return try CaseStore(writer: pool, pack: pack, path: path)
    }

    /// A fresh in-memory store (tests, dry runs).
    public static func inMemory(pack: RulePack = .ksPet2022) throws(StoreError) -> CaseStore {
        do {
            return try CaseStore(writer: try DatabaseQueue(configuration: configuration()), pack: pack, path: nil)
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

    // MARK: - Transactions

    /// Runs `body` in an IMMEDIATE transaction; every error becomes a `StoreError`.
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        if isReadOnly { throw .readOnly(path: path ?? ":memory:") }
        do {
            return try writer.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
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

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.read { db in try body(db) }
        } catch let e as StoreError {
            throw e
        } catch {
            throw .database(Self.message(error))
        }
    }

    // MARK: - Meta

    /// Whether this is a demo database (shown as DEMO in the dashboard).
    public func isDemo() throws(StoreError) -> Bool {
        try read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'demo'") == "1" }
    }

    /// Labels the database as a demo.
    public func markAsDemo() throws(StoreError) {
        try write { db in try db.execute(sql: "INSERT OR REPLACE INTO meta VALUES ('demo', '1')") }
    }

    /// A number that changes whenever anything is written (by this or another process).
    public func changeToken() throws(StoreError) -> Int64 {
        try read { db in
            try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM audit_log") ?? 0
        }
    }

    /// `PRAGMA synchronous` of the store's connections: 2 (FULL) unless in memory.
    func synchronousMode() throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }

    /// `PRAGMA integrity_check`: "ok" when the file is sound.
    public func integrityCheck() throws(StoreError) -> String {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
    }

    // MARK: - Audit

    static func audit(_ db: Database, at: Instant, agent: String, orderID: String, action: String,
                      field: String? = nil, old: String? = nil, new: String? = nil) throws {
        try db.cachedStatement(sql: "INSERT INTO audit_log (at, agent, order_id, action, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?)")
            .execute(arguments: [at.secondsSinceEpoch, agent, orderID, action, field, old, new])
    }

    /// The audit trail of a case, oldest first.
    public func history(_ orderID: String) throws(StoreError) -> [AuditEntry] {
        try read { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM cases WHERE order_id = ?", arguments: [orderID]) != nil else {
                throw StoreError.notFound(orderID: orderID)
            }
            return try Self.auditTrail(db, orderID)
        }
    }

    /// The newest entry of a case's audit trail (one row: the dashboard reads it on every load).
    public func latestAuditEntry(_ orderID: String) throws(StoreError) -> AuditEntry? {
        try read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM audit_log WHERE order_id = ? ORDER BY id DESC LIMIT 1"),
                             arguments: [orderID]).map(Self.auditEntry)
        }
    }

    static func auditTrail(_ db: Database, _ orderID: String) throws -> [AuditEntry] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM audit_log WHERE order_id = ? ORDER BY id"), arguments: [orderID])
            .map(auditEntry)
    }

    /// One `audit_log` row as an entry.
    private static func auditEntry(_ row: Row) -> AuditEntry {
        AuditEntry(id: row["id"], at: Instant(secondsSinceEpoch: row["at"]), agent: row["agent"], orderID: row["order_id"],
                   action: row["action"], field: row["field"], oldValue: row["old_value"], newValue: row["new_value"])
    }
}
