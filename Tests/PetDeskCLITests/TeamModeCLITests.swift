import Foundation
import PetDeskTestSupport
import Testing

/// Team mode through the real binary against a throwaway PostgreSQL cluster: the owner
/// migrates, imports and grants; agents log in as themselves, claim with `next`, and see each
/// other's writes pushed to their dashboards.
@Suite(.serialized)
struct TeamModeCLITests {
    let cluster: TestPostgres.Cluster
    let database: String
    let scratch: ScratchFolder
    var dir: URL { scratch.url }

    init() throws {
        cluster = try TestPostgres.cluster()
        let url = try TestPostgres.freshDatabase()
        database = String(url.split(separator: "/").last!.split(separator: "?").first!)
        scratch = try ScratchFolder()
        for role in ["li", "wang"] { try TestPostgres.createRole(role) }
    }

    private func url(_ user: String) -> String { TestPostgres.url(cluster, database: database, user: user) }

    private func petdesk(_ arguments: [String], as user: String = "postgres", input: String? = nil) throws -> Binary.Result {
        try Binary.run(arguments + ["--db", url(user)], environment: cluster.environment.merging(["XDG_DATA_HOME": dir.path]) { $1 },
                       input: input)
    }

    /// The owner's set-up: schema, the public cases, agents li and wang.
    private func setUp() throws {
        let migrate = try petdesk(["migrate"])
        #expect(migrate.status == 0, "\(migrate.stderr)")
        #expect(migrate.stdout.contains("applied: v1 create the team schema"))
        #expect(try petdesk(["migrate"]).stdout.contains("schema is up to date"))
        let files = ["P11.json", "P22.json", "P34.json", "P04.json", "P06.json"].map { Binary.sharedCases.appendingPathComponent($0).path }
        let imported = try petdesk(["import"] + files)
        #expect(imported.status == 0, "\(imported.stderr)")
        let granted = try petdesk(["agents", "grant", "li", "wang"])
        #expect(granted.status == 0, "\(granted.stderr)")
    }

    @Test func agentsClaimWithNextAndNeverGetTheSameCase() throws {
        try setUp()
        // Both at once, repeatedly, as separate processes.
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let agent = i == 0 ? "li" : "wang"
            while let r = try? petdesk(["next", "--json"], as: agent), r.status == 0 {
                results.add(agent, r.stdout)
            }
        }
        let ids = results.all.compactMap { $0.1.firstMatch(of: /"order_id":\s*"([^"]+)"/).map { String($0.1) } }
        #expect(ids.count == results.all.count && !ids.isEmpty)
        #expect(Set(ids).count == ids.count, "a case was handed out twice: \(ids)")
        #expect(results.all.allSatisfy { agent, json in
            json.firstMatch(of: /"claimed_by":\s*"([^"]+)"/).map { String($0.1) } == agent
        })
        let none = try petdesk(["next"], as: "li")
        #expect(none.status == 1 && none.stderr.contains("没有可领取的案件"))
    }

    @Test func anAgentIsTheLoginAndCannotRewriteTheAuditLog() throws {
        try setUp()
        let id = "KS2208010111"
        let claimed = try petdesk(["claim", id], as: "li")
        #expect(claimed.status == 0, "\(claimed.stderr)")
        let forged = try petdesk(["mark", id, "identity", "done", "--agent", "wang"], as: "li")
        #expect(forged.status == 1 && forged.stderr.contains("you are li"), "\(forged.stderr)")
        let marked = try petdesk(["mark", id, "identity", "done"], as: "li")
        #expect(marked.status == 0, "\(marked.stderr)")
        let history = try petdesk(["history", id], as: "wang")
        #expect(history.stdout.contains("li") && history.stdout.contains("checklist.identity"))
        // Not even the owner may rewrite history; agents may not import.
        #expect(throws: TestPostgres.Failure.self) { try TestPostgres.psql(cluster, database, "UPDATE audit_log SET agent = 'x'") }
        #expect(throws: TestPostgres.Failure.self) { try TestPostgres.psql(cluster, database, "DELETE FROM audit_log", user: "li") }
        let agentImport = try petdesk(["import", Binary.sharedCases.appendingPathComponent("P01.json").path], as: "li")
        #expect(agentImport.status == 1 && agentImport.stderr.contains("permission denied"), "\(agentImport.stderr)")
    }

    @Test func aTeamMovesFromSQLiteToPostgreSQLWithItsMarksAndDecisions() throws {
        let file = dir.appendingPathComponent("solo.sqlite").path
        let env = ["XDG_DATA_HOME": dir.path, "PETDESK_AGENT": "li"]
        #expect(try Binary.run(["import", "--db", file, Binary.sharedCases.appendingPathComponent("P11.json").path], environment: env).status == 0)
        #expect(try Binary.run(["mark", "--db", file, "KS2208010111", "identity", "done", "--note", "芯片已核对"], environment: env).status == 0)
        let exported = try Binary.run(["export", "--db", file], environment: env)
        #expect(exported.status == 0)
        #expect(try petdesk(["migrate"]).status == 0)
        let moved = try petdesk(["import", "-"], input: exported.stdout)
        #expect(moved.status == 0, "\(moved.stderr)")
        let shown = try petdesk(["show", "KS2208010111"])
        #expect(shown.stdout.contains("芯片已核对"))
        let again = try petdesk(["export"])
        #expect(again.stdout == exported.stdout, "the export from PostgreSQL is the export from SQLite")
    }

    @Test func aServerThatIsNotThereOrAnOldSchemaIsOneClearLine() throws {
        let down = try Binary.run(["list", "--db", "postgresql://li@127.0.0.1:1/petdesk?sslmode=disable"], environment: cluster.environment)
        #expect(down.status == 1)
        #expect(down.stderr.split(separator: "\n").count == 1 && down.stderr.contains("connection refused"), "\(down.stderr)")
        let unmigrated = try petdesk(["list"], as: "li")
        #expect(unmigrated.status == 1 && unmigrated.stderr.contains("petdesk migrate --db URL"), "\(unmigrated.stderr)")
        let secret = try Binary.run(["list", "--db", "postgresql://li:hunter2@127.0.0.1:\(cluster.port)/\(database)"])
        #expect(secret.status == 1 && secret.stderr.contains("~/.pgpass") && !secret.stderr.contains("hunter2"), "\(secret.stderr)")
    }

    @Test func aDashboardSeesAnotherAgentsMarkWithoutPolling() throws {
        try setUp()
        let env = "PGPASSFILE=\(cluster.passwordFile) XDG_DATA_HOME=\(dir.path) XDG_CONFIG_HOME=\(dir.path)/config"
        let t = try TmuxSession(width: 140, height: 40, command: "bash -c 'env \(env) \(Binary.url.path) --db \"\(url("li"))\" --lang en; sleep 60'")
        try t.waitFor(text: "Queue 1/5")
        try t.send("/")
        try t.type("0111")
        try t.send("Enter")
        try t.waitFor(text: "Queue 1/1")
        // Wang marks the case li has open: li's screen says so, pushed by the server.
        let marked = try petdesk(["mark", "KS2208010111", "identity", "missing", "--force"], as: "wang")
        #expect(marked.status == 0, "\(marked.stderr)")
        try t.waitFor(text: "wang changed", timeout: 5)
        try t.send("q")
    }
}

/// What each agent's `next` printed.
final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [(String, String)] = []
    func add(_ agent: String, _ output: String) { lock.withLock { items.append((agent, output)) } }
    var all: [(String, String)] { lock.withLock { items } }
}
