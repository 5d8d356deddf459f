import Foundation
import PetDeskRules

/// The case store: intent-named methods over one database, SQLite (a file path) or PostgreSQL
/// (a `postgresql://` URL, team mode). The logic is written once over `StoreBackend`; no SQL,
/// GRDB or postgres-nio type leaves this module. Every write runs in one transaction,
/// recomputes the case's suggested outcome and urgency through the rules pack, and appends to
/// the audit log.
public final class CaseStore: Sendable {
    let backend: any StoreBackend
    /// The rules every stored verdict comes from.
    public let pack: RulePack

    /// The database file, or nil for an in-memory store or a server.
    public var path: String? { (backend as? SQLiteBackend)?.path }

    /// Where the database is, for messages: a file path, or a URL without its password.
    public var location: String { backend.location }

    /// Whether the database can only be read (a read-only file or folder): reads work, and
    /// compute fresh suggestions in memory; writes are refused with one clear line.
    public var isReadOnly: Bool { backend.isReadOnly }

    /// The authenticated database user in team mode (PostgreSQL): the only agent this process
    /// may write as. Nil for SQLite, where the agent is whoever the command line names.
    public var authenticatedAgent: String? { (backend as? PostgresBackend)?.sessionUser }

    var dialect: SQLDialect { backend.dialect }

    /// How each recent filter is best read (`FilterRead`), found by counting its matches once.
    let filterReads = FilterReadCache()

    init(backend: any StoreBackend, pack: RulePack) {
        self.backend = backend
        self.pack = pack
    }

    /// Opens (creating when needed) the SQLite database at `path`, in WAL mode.
    /// `upgrading` is told which migrations an existing database is about to get, before they run.
    public static func open(at path: String, pack: RulePack = .ksPet2022, durability: Durability = .full,
                            upgrading: ((_ migrations: [String]) -> Void)? = nil) throws(StoreError) -> CaseStore {
        CaseStore(backend: try SQLiteBackend.open(at: path, durability: durability, upgrading: upgrading), pack: pack)
    }

    /// A fresh in-memory SQLite store (tests, dry runs).
    public static func inMemory(pack: RulePack = .ksPet2022) throws(StoreError) -> CaseStore {
        CaseStore(backend: try SQLiteBackend.inMemory(), pack: pack)
    }

    /// Connects to the PostgreSQL database at `url` (`postgresql://USER@HOST:PORT/DB?sslmode=…`;
    /// the password comes from `PGPASSWORD` or `~/.pgpass`). Its schema must be current:
    /// `migrate` brings it up to date (run by the database owner).
    /// `checkSchema: false` only for `migrate` itself, which checks as it applies.
    public static func connect(to url: String, pack: RulePack = .ksPet2022, migrate: Bool = false,
                               checkSchema: Bool = true) throws(StoreError) -> CaseStore {
        CaseStore(backend: try PostgresBackend.connect(try PostgresLocation.parse(url), migrate: migrate, checkSchema: checkSchema),
                  pack: pack)
    }

    /// Whether `location` names a PostgreSQL server rather than a file.
    public static func isServerURL(_ location: String) -> Bool {
        location.hasPrefix("postgresql://") || location.hasPrefix("postgres://")
    }

    /// Brings the schema up to date. Returns the migrations it applied (empty: already current).
    /// Refuses a database migrated by a newer petdesk.
    public func migrate() throws(StoreError) -> [String] {
        if let pg = backend as? PostgresBackend { return try pg.migrate() }
        return []  // SQLite files are migrated when they are opened.
    }

    /// Gives existing login roles exactly the privileges an agent needs (team mode; run by the
    /// database owner). SQLite has no roles: file permissions decide there.
    public func grantAgents(_ roles: [String]) throws(StoreError) {
        guard let pg = backend as? PostgresBackend else {
            throw .database("agents grant needs a PostgreSQL database (--db postgresql://…); a SQLite file's permissions decide who may write it")
        }
        try pg.grant(roles)
    }

    /// Refuses a write in another agent's name by an agent's role in team mode, where the agent
    /// is the login (the database refuses it too, by trigger). The schema's owner may name
    /// anyone: restoring a backup brings every agent's marks.
    func checkIdentity(_ agent: String) throws(StoreError) {
        if let pg = backend as? PostgresBackend, !pg.isOwner, agent != pg.sessionUser {
            throw .notYourIdentity(agent: agent, login: pg.sessionUser)
        }
    }

    func write<T>(_ body: (any SQLSession) throws -> T) throws(StoreError) -> T { try backend.write(body) }
    func read<T>(_ body: (any SQLSession) throws -> T) throws(StoreError) -> T { try backend.read(body) }
    /// A read of one statement (see `StoreBackend.readStatement`).
    func readOne<T>(_ body: (any SQLSession) throws -> T) throws(StoreError) -> T { try backend.readStatement(body) }

    // MARK: - Meta

    /// Whether this is a demo database (shown as DEMO in the dashboard).
    public func isDemo() throws(StoreError) -> Bool {
        try readOne { db in try db.text("SELECT value FROM meta WHERE key = 'demo'") == "1" }
    }

    /// Labels the database as a demo.
    public func markAsDemo() throws(StoreError) {
        try write { db in try Self.setMeta(db, "demo", "1") }
    }

    static func setMeta(_ db: any SQLSession, _ key: String, _ value: String) throws {
        try db.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                       [.text(key), .text(value)])
    }

    /// A number that changes whenever anything is written (by this or another process).
    public func changeToken() throws(StoreError) -> Int64 {
        try readOne { db in try db.int("SELECT coalesce(max(id), 0) FROM audit_log") ?? 0 }
    }

    /// The change token now, and whether any change since `token` was made by someone other
    /// than `agent`: a dashboard that catches up with its own writes must not take another
    /// agent's change made meanwhile as its own (it would never show it).
    public func changes(since token: Int64, by agent: String) throws(StoreError) -> (token: Int64, byOthers: Bool) {
        try readOne { db in
            let row = try db.row("""
                SELECT coalesce(max(id), ?) AS latest, coalesce(sum(CASE WHEN agent <> ? THEN 1 ELSE 0 END), 0) AS others
                FROM audit_log WHERE id > ?
                """, [.int(token), .text(agent), .int(token)])
            return (row?.int("latest") ?? token, (row?.int("others") ?? 0) > 0)
        }
    }

    /// `PRAGMA synchronous` of a SQLite store's connections: 2 (FULL) unless in memory; -1 on a server.
    func synchronousMode() throws(StoreError) -> Int {
        try (backend as? SQLiteBackend)?.synchronousMode() ?? -1
    }

    /// "ok" when the database is sound (SQLite's integrity check; a server checks itself).
    public func integrityCheck() throws(StoreError) -> String {
        if let sqlite = backend as? SQLiteBackend { return try sqlite.integrityCheck() }
        return try read { db in try db.int("SELECT 1") == 1 ? "ok" : "no answer" }
    }

    /// Calls `onChange` (on a background thread) soon after another process writes, without
    /// polling: PostgreSQL's LISTEN/NOTIFY. Nil when the backend cannot push changes (SQLite:
    /// compare `changeToken` on a timer instead). Stop it with `ChangeFeed.stop`.
    public func changeFeed(_ onChange: @escaping @Sendable () -> Void) throws(StoreError) -> ChangeFeed? {
        guard let pg = backend as? PostgresBackend else { return nil }
        return try pg.listen(onChange)
    }

    // MARK: - Audit

    static func audit(_ db: any SQLSession, at: Instant, agent: String, orderID: String, action: String,
                      field: String? = nil, old: String? = nil, new: String? = nil) throws {
        try db.insert([AuditRecord(AuditEntry(id: 0, at: at, agent: agent, orderID: orderID, action: action, field: field,
                                              oldValue: old, newValue: new))])
    }

    /// The audit trail of a case, oldest first.
    public func history(_ orderID: String) throws(StoreError) -> [AuditEntry] {
        try read { db in
            guard try db.exists("SELECT 1 FROM cases WHERE order_id = ?", [.text(orderID)]) else {
                throw StoreError.notFound(orderID: orderID)
            }
            return try Self.auditTrail(db, orderID)
        }
    }

    /// The newest entry of a case's audit trail (one row: the dashboard reads it on every load).
    static func latestAuditEntry(_ db: any SQLSession, _ orderID: String) throws -> AuditEntry? {
        let records: [AuditRecord] = try db.columnRecords("SELECT * FROM audit_log WHERE order_id = ? ORDER BY id DESC LIMIT 1", [.text(orderID)])
        return records.first?.entry
    }

    static func auditTrail(_ db: any SQLSession, _ orderID: String) throws -> [AuditEntry] {
        let records: [AuditRecord] = try db.columnRecords("SELECT * FROM audit_log WHERE order_id = ? ORDER BY id", [.text(orderID)])
        return records.map(\.entry)
    }

    /// The audit trails of these cases, oldest first, by order id (one query for them all).
    static func auditTrails(_ db: any SQLSession, _ orderIDs: [String]) throws -> [String: [AuditEntry]] {
        try byCase(db, orderIDs) { (r: AuditRecord) in r.entry }
    }
}

/// A subscription to other processes' writes (`CaseStore.changeFeed`).
public final class ChangeFeed: Sendable {
    private let stopper: @Sendable () -> Void
    init(stop: @escaping @Sendable () -> Void) { stopper = stop }
    /// Stops the notifications and closes the connection that received them.
    public func stop() { stopper() }
}
