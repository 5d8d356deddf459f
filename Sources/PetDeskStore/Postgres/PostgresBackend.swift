import Foundation
import PostgresNIO

/// The team backend: one PostgreSQL database shared by every agent's petdesk, through
/// postgres-nio. Calls are synchronous (the store's interface is): each waits for its answer on
/// the calling thread, never on an event loop. Two connections per store, one for writes and
/// one for reads, so a dashboard's reads never queue behind its own write in flight; each is
/// used by one transaction at a time, and a dropped one is reopened on the next call.
final class PostgresBackend: StoreBackend, @unchecked Sendable {
    let target: PostgresLocation
    private let configuration: PostgresConnection.Configuration
    /// The authenticated database user: the agent every write of this process is made as.
    let sessionUser: String
    /// Whether the login owns the schema (may migrate, import, grant, and restore other
    /// agents' marks); an agent's role may write only in its own name.
    let isOwner: Bool
    var dialect: SQLDialect { .postgres }
    var location: String { target.display }
    var isReadOnly: Bool { false }

    /// One connection and what is cached with it, used under its lock.
    private final class Slot: @unchecked Sendable {
        let lock = NSLock()
        var connection: PostgresConnection?
        /// `?`-placeholder SQL → PostgreSQL's `$n` form.
        var translated: [String: String] = [:]
        init(_ connection: PostgresConnection?) { self.connection = connection }
    }
    private let writer: Slot
    private let reader = Slot(nil)

    static let logger: Logger = {
        var l = Logger(label: "petdesk.postgres")
        l.logLevel = .critical
        return l
    }()

    private init(target: PostgresLocation, configuration: PostgresConnection.Configuration, connection: PostgresConnection,
                 sessionUser: String, isOwner: Bool) {
        self.isOwner = isOwner
        self.target = target
        self.configuration = configuration
        self.writer = Slot(connection)
        self.sessionUser = sessionUser
    }

    deinit {
        try? writer.connection?.close().wait()
        try? reader.connection?.close().wait()
    }

    /// Connects, checks the schema (applying missing migrations when `migrate`), and learns who
    /// the server says we are.
    static func connect(_ target: PostgresLocation, migrate: Bool, checkSchema: Bool = true) throws(StoreError) -> PostgresBackend {
        let configuration = try makeConfiguration(target)
        let connection = try open(target, configuration)
        let user: String, isOwner: Bool
        do {
            let session = PostgresSession(connection: connection, translate: PostgresSession.placeholders)
            user = try session.text("SELECT session_user::text") ?? target.user
            // The owner of the schema, or of the database before there is a schema.
            isOwner = try session.int("""
                SELECT CASE WHEN pg_has_role(session_user, coalesce(
                  (SELECT relowner FROM pg_class WHERE relname = 'cases' AND relnamespace = current_schema()::regnamespace),
                  (SELECT datdba FROM pg_database WHERE datname = current_database())), 'MEMBER') THEN 1 ELSE 0 END
                """) == 1
        } catch {
            throw .cannotOpen(path: target.display, reason: describe(error))
        }
        let backend = PostgresBackend(target: target, configuration: configuration, connection: connection, sessionUser: user, isOwner: isOwner)
        if migrate {
            _ = try backend.migrate()
        } else if checkSchema {
            try backend.checkSchema()
        }
        return backend
    }

    private static func makeConfiguration(_ target: PostgresLocation) throws(StoreError) -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        do {
            switch target.sslMode {
            case .disable:
                tls = .disable
            case .prefer, .require:
                // libpq's require encrypts but does not check the certificate (a server's own,
                // self-signed one works); verify-ca and verify-full check it.
                var config = TLSConfiguration.makeClientConfiguration()
                config.certificateVerification = .none
                let context = try NIOSSLContext(configuration: config)
                tls = target.sslMode == .prefer ? .prefer(context) : .require(context)
            case .verifyCA, .verifyFull:
                var config = TLSConfiguration.makeClientConfiguration()
                config.certificateVerification = target.sslMode == .verifyFull ? .fullVerification : .noHostnameVerification
                if let root = target.rootCertificate { config.trustRoots = .file(root) }
                tls = .require(try NIOSSLContext(configuration: config))
            }
        } catch {
            throw .cannotOpen(path: target.display, reason: "cannot set up TLS (\(error))")
        }
        var configuration = PostgresConnection.Configuration(host: target.host, port: target.port, username: target.user,
                                                             password: target.password(), database: target.database, tls: tls)
        configuration.options.connectTimeout = .seconds(10)
        return configuration
    }

    private static func open(_ target: PostgresLocation, _ configuration: PostgresConnection.Configuration) throws(StoreError) -> PostgresConnection {
        do {
            return try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration,
                                                  id: 1, logger: logger).wait()
        } catch {
            throw .cannotOpen(path: target.display, reason: describe(error))
        }
    }

    /// One line for a postgres-nio error: the server's own message when there is one.
    static func describe(_ error: any Error) -> String {
        if let e = error as? StoreError { return e.description }
        if let e = error as? PSQLError {
            if let message = e.serverInfo?[.message] {
                let state = e.serverInfo?[.sqlState] ?? ""
                if state == "42501" {
                    return message + " (your role lacks this privilege: ask the database owner to run 'petdesk agents grant ROLE')"
                }
                if state == "28P01" || state == "28000" {
                    return message + " (set the password in ~/.pgpass or PGPASSWORD)"
                }
                return message
            }
            switch e.code {
            case .connectionError:
                let why = e.underlying.map { "\($0)" } ?? ""
                let short = why.contains("refused") ? "connection refused" : why.lowercased().contains("timeout") || why.contains("timed out")
                    ? "no answer (timed out)" : why.isEmpty ? "no connection" : why
                return "cannot connect (\(short)): is the server running, and are the host and port right?"
            case .serverClosedConnection, .clientClosedConnection: return "the server closed the connection"
            case .sslUnsupported: return "the server does not offer TLS; use sslmode=disable on a trusted network"
            case .authMechanismRequiresPassword: return "the server wants a password: put it in ~/.pgpass or PGPASSWORD"
            default: return "\(e.code)"
            }
        }
        return "\(error)"
    }

    // MARK: - Transactions

    /// Runs `body` with the slot's connection (opened if missing or lost), holding its lock.
    private func withConnection<T>(_ slot: Slot, _ body: (PostgresSession) throws -> T) throws(StoreError) -> T {
        slot.lock.lock()
        defer { slot.lock.unlock() }
        if slot.connection == nil || slot.connection!.isClosed {
            slot.connection = try Self.open(target, configuration)
        }
        let session = PostgresSession(connection: slot.connection!) { sql in
            if let done = slot.translated[sql] { return done }
            let done = PostgresSession.placeholders(sql)
            slot.translated[sql] = done
            return done
        }
        do {
            return try body(session)
        } catch let e as StoreError {
            throw e
        } catch {
            throw .database(Self.describe(error))
        }
    }

    func write<T>(_ body: (any SQLSession) throws -> T) throws(StoreError) -> T {
        try transaction(writer, "BEGIN", body)
    }

    func read<T>(_ body: (any SQLSession) throws -> T) throws(StoreError) -> T {
        // One snapshot for every statement of the read.
        try transaction(reader, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }

    /// Unknown on a server: an import leaves its gap after every batch.
    func othersWaitingToWrite() -> Bool { true }

    /// Nothing to set: the dialect names no connection setting for PostgreSQL.
    func setWriterConnection(_ sql: String) throws(StoreError) {}

    func readStatement<T>(_ body: (any SQLSession) throws -> T) throws(StoreError) -> T {
        try withConnection(reader, body)
    }

    private func transaction<T>(_ slot: Slot, _ begin: String, _ body: (any SQLSession) throws -> T) throws(StoreError) -> T {
        try withConnection(slot) { session in
            try session.execute(begin)
            do {
                let result = try body(session)
                try session.execute("COMMIT")
                return result
            } catch {
                _ = try? session.execute("ROLLBACK")
                throw error
            }
        }
    }

    // MARK: - Schema

    /// Applies the migrations this database lacks, one transaction, holding an advisory lock so
    /// two processes never migrate at once. Refuses a database migrated by a newer petdesk.
    func migrate() throws(StoreError) -> [String] {
        try write { db in
            try db.execute("SELECT pg_advisory_xact_lock(7274337)")
            try db.execute("CREATE TABLE IF NOT EXISTS petdesk_schema (migration TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
            let applied = Set(try db.rows("SELECT migration FROM petdesk_schema", []).compactMap(\.firstText))
            try self.refuseNewer(applied)
            var done: [String] = []
            for (id, sql) in PostgresSchema.migrations where !applied.contains(id) {
                try db.execute(sql)
                try db.execute("INSERT INTO petdesk_schema (migration) VALUES (?)", [.text(id)])
                done.append(id)
            }
            return done
        }
    }

    /// Refuses a schema this binary does not know, or one that lacks migrations (run `migrate`).
    private func checkSchema() throws(StoreError) {
        let applied: Set<String> = try read { db in
            guard try db.exists("SELECT 1 FROM pg_tables WHERE tablename = 'petdesk_schema' AND schemaname = current_schema()") else {
                return []
            }
            return Set(try db.rows("SELECT migration FROM petdesk_schema", []).compactMap(\.firstText))
        }
        try refuseNewer(applied)
        let missing = PostgresSchema.migrations.map(\.id).filter { !applied.contains($0) }
        if !missing.isEmpty {
            throw .cannotOpen(path: location, reason: applied.isEmpty
                ? "it has no petdesk schema yet; the database owner creates it with 'petdesk migrate --db URL'"
                : "its schema lacks \(missing.count) migration(s); the database owner applies them with 'petdesk migrate --db URL'")
        }
    }

    private func refuseNewer(_ applied: Set<String>) throws(StoreError) {
        let known = PostgresSchema.migrations.map(\.id)
        if let unknown = applied.sorted().first(where: { !known.contains($0) }) {
            throw .newerSchema(path: location, database: "\"\(unknown)\"", binary: "up to \"\(known.last ?? "none")\"")
        }
    }

    /// Gives each existing login role exactly an agent's privileges (see `PostgresSchema.grants`).
    func grant(_ roles: [String]) throws(StoreError) {
        try write { db in
            let database = try db.text("SELECT current_database()::text") ?? target.database
            for role in roles {
                guard try db.exists("SELECT 1 FROM pg_roles WHERE rolname = ? AND rolcanlogin", [.text(role)]) else {
                    throw StoreError.database("no login role \(role) on the server; create it first (CREATE ROLE \(role) LOGIN PASSWORD …)")
                }
                for statement in PostgresSchema.grants(role: role, database: database) { try db.execute(statement) }
            }
        }
    }

    // MARK: - Notifications

    /// Opens a second connection that LISTENs to `petdesk_changes` and calls `onChange` for every
    /// notification (another process committed an audited write).
    func listen(_ onChange: @escaping @Sendable () -> Void) throws(StoreError) -> ChangeFeed {
        let listener = try Self.open(target, configuration)
        listener.addListener(channel: "petdesk_changes") { _, _ in onChange() }
        do {
            _ = try listener.query("LISTEN petdesk_changes", logger: Self.logger).wait()
        } catch {
            try? listener.close().wait()
            throw .database(Self.describe(error))
        }
        return ChangeFeed { try? listener.close().wait() }
    }
}

/// A postgres-nio connection as the store's logic sees it.
struct PostgresSession: SQLSession {
    let connection: PostgresConnection
    /// Rewrites `?` placeholders for PostgreSQL (cached by the backend).
    let translate: (String) -> String

    func execute(_ sql: String, _ arguments: ArraySlice<SQLValue>) throws -> Int {
        // A script (a migration) runs statement by statement: one prepared statement holds one.
        if arguments.isEmpty, sql.contains(";") {
            var changed = 0
            for statement in Self.statements(sql) {
                changed += try connection.query(PostgresQuery(unsafeSQL: statement), logger: PostgresBackend.logger).wait().metadata.rows ?? 0
            }
            return changed
        }
        let result = try connection.query(query(sql, arguments), logger: PostgresBackend.logger).wait()
        return result.metadata.rows ?? 0
    }

    /// The statements of a script: split at semicolons outside quotes and `$$` bodies.
    static func statements(_ script: String) -> [String] {
        var out: [String] = [], current = "", inQuote = false, inBody = false
        var previous: Character = " "
        for ch in script {
            if ch == "'" && !inBody { inQuote.toggle() }
            if ch == "$" && previous == "$" && !inQuote { inBody.toggle() }
            if ch == ";" && !inQuote && !inBody {
                let trimmed = current.trimmingCharacters(in: .whitespacesAndNewlines)
                if !trimmed.isEmpty { out.append(trimmed) }
                current = ""
            } else {
                current.append(ch)
            }
            previous = ch == "$" && previous == "$" ? " " : ch
        }
        let trimmed = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !trimmed.isEmpty { out.append(trimmed) }
        return out
    }

    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        let result = try connection.query(query(sql, arguments), logger: PostgresBackend.logger).wait()
        var index: (names: [String], columns: [String: Int])?
        var out: [SQLRow] = []
        out.reserveCapacity(result.rows.count)
        for row in result.rows {
            var values: [SQLValue] = []
            for cell in row { values.append(try Self.value(cell)) }
            if index == nil { index = SQLRow.index(row.map(\.columnName)) }
            out.append(SQLRow(names: index!.names, columns: index!.columns, values: values))
        }
        return out
    }

    private func query(_ sql: String, _ arguments: some Collection<SQLValue>) -> PostgresQuery {
        var binds = PostgresBindings(capacity: arguments.count)
        for a in arguments {
            switch a {
            case .null: binds.appendNull()
            case .int(let i): binds.append(i)
            case .text(let s): binds.append(s)
            }
        }
        return PostgresQuery(unsafeSQL: arguments.isEmpty ? sql : translate(sql), binds: binds)
    }

    private static func value(_ cell: PostgresCell) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8: return .int(try cell.decode(Int64.self))
        case .bool: return .int(try cell.decode(Bool.self) ? 1 : 0)
        default: return .text(try cell.decode(String.self))
        }
    }

    /// `?` → `$1, $2…` in order, `?N` → `$N`; question marks inside quotes are left alone.
    static func placeholders(_ sql: String) -> String {
        var out = "", next = 0, inQuote = false
        var chars = sql.makeIterator()
        var pending: Character? = nil
        while let ch = pending ?? chars.next() {
            pending = nil
            if ch == "'" { inQuote.toggle(); out.append(ch); continue }
            guard ch == "?", !inQuote else { out.append(ch); continue }
            var digits = ""
            while let d = chars.next() {
                if d.isASCII, d.isNumber { digits.append(d) } else { pending = d; break }
            }
            if digits.isEmpty { next += 1; digits = String(next) }
            out += "$" + digits
        }
        return out
    }
}
