import Foundation
import PetDeskRules
@testable import PetDeskStore
import PetDeskTestSupport
import Testing

/// What a shared PostgreSQL server adds: identity, privileges, an append-only audit log by
/// trigger and by privilege, claims that never collide, pushed changes, schema versions.
struct TeamModeTests {
    /// A migrated database with two cases, its URL, and the owner's store.
    private func database(cases: Int = 2) throws -> (url: String, name: String, owner: CaseStore) {
        let url = try TestPostgres.freshDatabase()
        let owner = try CaseStore.connect(to: url, migrate: true)
        try owner.importRecords((0..<cases).map { ImportRecord(kase: sampleCase(String(format: "T%03d", $0))) }, agent: "postgres", at: now)
        let name = String(url.split(separator: "/").last!.split(separator: "?").first!)
        return (url, name, owner)
    }

    private func url(_ name: String, as user: String) throws -> String {
        TestPostgres.url(try TestPostgres.cluster(), database: name, user: user)
    }

    @Test func theAuditLogRefusesUpdateDeleteAndTruncateEvenForItsOwner() throws {
        let (_, name, owner) = try database()
        let cluster = try TestPostgres.cluster()
        for sql in ["UPDATE audit_log SET agent = 'x'", "DELETE FROM audit_log", "TRUNCATE audit_log"] {
            #expect(throws: TestPostgres.Failure.self, "\(sql)") { try TestPostgres.psql(cluster, name, sql) }
        }
        #expect(try owner.history("T000").count == 1)
    }

    @Test func anAgentWritesAsTheDatabaseLoginAndOnlyWhatAnAgentMay() throws {
        let (_, name, owner) = try database()
        try TestPostgres.createRole("agent_li")
        try owner.grantAgents(["agent_li"])
        let li = try CaseStore.connect(to: url(name, as: "agent_li"))
        #expect(li.authenticatedAgent == "agent_li")
        // Working the queue is allowed…
        try li.claim("T000", agent: "agent_li", at: now, duration: 300)
        try li.saveMark("T000", item: .identity, status: .done, agent: "agent_li", at: now)
        try li.recordDecision("T000", outcome: li.storedCase("T000", at: now).suggestedOutcome, reason: nil, agent: "agent_li", at: now)
        #expect(try li.history("T000").map(\.agent).suffix(3) == ["agent_li", "agent_li", "agent_li"])
        // …claiming to be someone else is not…
        #expect(throws: StoreError.notYourIdentity(agent: "wang", login: "agent_li")) {
            try li.saveMark("T001", item: .identity, status: .done, agent: "wang", at: now)
        }
        // …nor importing, nor rewriting history, even with SQL of its own.
        #expect(throws: StoreError.self) {
            try li.importRecords([ImportRecord(kase: sampleCase("NEW"))], agent: "agent_li", at: now)
        }
        let cluster = try TestPostgres.cluster()
        for sql in ["UPDATE audit_log SET agent = 'x'", "DELETE FROM audit_log", "DELETE FROM marks",
                    "INSERT INTO cases SELECT * FROM cases LIMIT 0; DROP TABLE leases"] {
            #expect(throws: TestPostgres.Failure.self, "\(sql)") { try TestPostgres.psql(cluster, name, sql, user: "agent_li") }
        }
        // The row says who really wrote it, whatever the client claimed.
        #expect(try TestPostgres.psql(cluster, name, "SELECT DISTINCT recorded_by FROM marks").trimmingCharacters(in: .whitespacesAndNewlines)
                == "agent_li")
    }

    @Test func twoAgentsClaimingAtOnceNeverGetTheSameCase() throws {
        let (_, name, _) = try database(cases: 40)
        try TestPostgres.createRole("agent_a")
        try TestPostgres.createRole("agent_b")
        let owner = try CaseStore.connect(to: url(name, as: "postgres"))
        try owner.grantAgents(["agent_a", "agent_b"])
        let stores = try ["agent_a", "agent_b"].map { try CaseStore.connect(to: url(name, as: $0)) }
        let claimed = ClaimLog()
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let store = stores[i]
            while let row = try? store.claimNext(agent: store.authenticatedAgent!, at: now, duration: 600) {
                claimed.add(row.orderID)
            }
        }
        #expect(claimed.all.count == 40)
        #expect(Set(claimed.all).count == 40, "a case was claimed twice")
        #expect(try owner.claimNext(agent: "postgres", at: now, duration: 600) == nil)
    }

    @Test func anotherProcessesWriteIsPushedToAnOpenFeed() throws {
        let (url, _, owner) = try database()
        let other = try CaseStore.connect(to: url)
        let seen = DispatchSemaphore(value: 0)
        let feed = try #require(try owner.changeFeed { seen.signal() })
        defer { feed.stop() }
        try other.saveMark("T001", item: .identity, status: .done, agent: "postgres", at: now)
        #expect(seen.wait(timeout: .now() + 5) == .success)
    }

    @Test func aDatabaseMigratedByANewerPetdeskIsRefused() throws {
        let (url, name, owner) = try database()
        #expect(try owner.migrate() == [], "already current")
        try TestPostgres.psql(try TestPostgres.cluster(), name, "INSERT INTO petdesk_schema (migration) VALUES ('v9 from the future')")
        #expect(throws: StoreError.newerSchema(path: try PostgresLocation.parse(url).display, database: "\"v9 from the future\"",
                                               binary: "up to \"\(PostgresSchema.migrations.last!.id)\"")) {
            try CaseStore.connect(to: url)
        }
    }

    @Test func anUnmigratedDatabaseSaysWhoMustMigrateIt() throws {
        let url = try TestPostgres.freshDatabase()
        #expect {
            try CaseStore.connect(to: url)
        } throws: { error in
            (error as? StoreError)?.description.contains("petdesk migrate") == true
        }
    }

    @Test func sslmodeRequireEncryptsAgainstTheServersOwnCertificateAndVerifyFullChecksIt() throws {
        let plain = try TestPostgres.freshDatabase()
        func encrypted(_ store: CaseStore) throws -> Bool {
            try store.read { db in try db.int("SELECT CASE WHEN ssl THEN 1 ELSE 0 END FROM pg_stat_ssl WHERE pid = pg_backend_pid()") } == 1
        }
        let required = plain.replacingOccurrences(of: "sslmode=disable", with: "sslmode=require")
        #expect(try encrypted(try CaseStore.connect(to: required, migrate: true)))
        #expect(try !encrypted(try CaseStore.connect(to: plain)))
        // The self-signed certificate is no authority's: checking it must fail, and say why.
        let verified = plain.replacingOccurrences(of: "sslmode=disable", with: "sslmode=verify-full")
        #expect(throws: StoreError.self) { try CaseStore.connect(to: verified) }
    }

    @Test func passwordsNeverComeFromTheURL() throws {
        #expect(throws: StoreError.self) { try PostgresLocation.parse("postgresql://li:secret@db/petdesk") }
        #expect(throws: StoreError.self) { try PostgresLocation.parse("postgresql://li@db/petdesk?password=secret") }
        let loc = try PostgresLocation.parse("postgresql://li@db.example:6543/queue?sslmode=require", environment: [:])
        #expect(loc == PostgresLocation(user: "li", host: "db.example", port: 6543, database: "queue", sslMode: .require))
        let file = NSTemporaryDirectory() + "pgpass-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: file) }
        try "# comment\nother:*:*:*:no\ndb.example:6543:queue:li:pa\\:ss\n".write(toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        #expect(loc.password(environment: ["PGPASSFILE": file]) == nil, "a password file others can read is ignored, as libpq does")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        #expect(loc.password(environment: ["PGPASSFILE": file]) == "pa:ss")
        #expect(loc.password(environment: ["PGPASSFILE": file, "PGPASSWORD": "env"]) == "env")
    }

    @Test func scriptsSplitOutsideQuotesAndFunctionBodies() {
        #expect(PostgresSession.statements("CREATE TABLE a (x TEXT DEFAULT ';');\nCREATE FUNCTION f() RETURNS trigger AS $$ BEGIN x; y; END $$;\nSELECT 1")
                == ["CREATE TABLE a (x TEXT DEFAULT ';')", "CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN x; y; END $$", "SELECT 1"])
    }

    @Test func placeholdersBecomeNumberedParameters() {
        #expect(PostgresSession.placeholders("SELECT ? , '?' , ?") == "SELECT $1 , '?' , $2")
        #expect(PostgresSession.placeholders("UPDATE t SET a = ?2 WHERE b = ?1") == "UPDATE t SET a = $2 WHERE b = $1")
    }
}

/// Order ids claimed from several threads.
final class ClaimLog: @unchecked Sendable {
    private let lock = NSLock()
    private var ids: [String] = []
    func add(_ id: String) { lock.withLock { ids.append(id) } }
    var all: [String] { lock.withLock { ids } }
}
