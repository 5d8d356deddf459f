import Foundation
import Testing

struct VerdictCLITests {
    @Test func verdictPrintsTheContractAndExitsZero() throws {
        let r = try Binary.run(["verdict", "--format", "json", Binary.sharedCases.appendingPathComponent("P11.json").path])
        #expect(r.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["outcome"] as? String == "FULL_REFUND")
        #expect(object["grounds"] as? [String] == ["KS-PET-STALL-REPLY-24H"])
        #expect(object["pack"] as? String == "KS-PET-2022")
    }

    @Test func severalCasesGiveAnArray() throws {
        let dir = Binary.sharedCases
        let r = try Binary.run(["verdict", "--format", "json", dir.appendingPathComponent("P01.json").path, dir.appendingPathComponent("P02.json").path])
        let array = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(array.map { $0["outcome"] as? String } == ["OUT_OF_SCOPE", "FULL_REFUND"])
    }

    @Test func textNamesTheOutcomeInEachLanguageAndTheRuleWording() throws {
        let r = try Binary.run(["verdict", "--at", "2022-08-09T12:00:00+08:00", Binary.sharedCases.appendingPathComponent("P42.json").path])
        #expect(r.status == 0)
        #expect(r.stdout.contains("建议结论：买家有权拒收 [BUYER_MAY_REFUSE]") && !r.stdout.contains("Buyer may refuse"))
        let en = try Binary.run(["verdict", "--lang", "en", "--at", "2022-08-09T12:00:00+08:00",
                                 Binary.sharedCases.appendingPathComponent("P42.json").path])
        #expect(en.stdout.contains("Suggested: Buyer may refuse [BUYER_MAY_REFUSE]"))
        #expect(r.stdout.contains("应在7天内为买家完成配送"))
        // The ticket is a few lines; the rule trace (timers, every finding) only with --trace.
        #expect(r.stdout.split(separator: "\n").count <= 12 && !r.stdout.contains("规则追踪") && !r.stdout.contains("超 12h00m"))
        let traced = try Binary.run(["verdict", "--trace", "--at", "2022-08-09T12:00:00+08:00",
                                     Binary.sharedCases.appendingPathComponent("P42.json").path])
        #expect(traced.stdout.hasPrefix(r.stdout.trimmingCharacters(in: .newlines)))
        #expect(traced.stdout.contains("规则追踪") && traced.stdout.contains("超 12h00m") && traced.stdout.contains("KS-PET-STALL-72H"))
    }

    @Test func badInputExitsOneWithFileLineField() throws {
        let r = try Binary.run(["verdict", "-"], input: #"{"order_id":"A","category_path":["a","宠物活体"],"total_amount":"1","paid_at":"2022-13-01"}"# + "\n")
        #expect(r.status == 1)
        #expect(r.stderr == "<stdin>:1: paid_at: \"2022-13-01\" is not a valid instant\n")
    }

    @Test func goodCasesBesideBadOnesAreStillEvaluated() throws {
        let good = try String(contentsOf: Binary.sharedCases.appendingPathComponent("P01.json"), encoding: .utf8)
        let compact = String(data: try JSONSerialization.data(withJSONObject: try JSONSerialization.jsonObject(with: Data(good.utf8))), encoding: .utf8)!
        let r = try Binary.run(["verdict", "--format", "json", "-"], input: compact + "\n{\"order_id\": 5}\n")
        #expect(r.status == 1)
        #expect(r.stdout.contains("OUT_OF_SCOPE"))
        #expect(r.stderr.hasPrefix("<stdin>:2: order_id: expected a string, found a number"))
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try Binary.run(["verdict", "--param", "nope=1", "x.json"]).status == 2)
        #expect(try Binary.run(["verdict", "--at", "tomorrow", "x.json"]).status == 2)
        #expect(try Binary.run(["verdict", "--format", "xml", "x.json"]).status == 2)
        #expect(try Binary.run(["verdict"]).status == 2)
    }

    @Test func paramsChangeTheVerdict() throws {
        let file = Binary.sharedCases.appendingPathComponent("P04.json").path
        let r = try Binary.run(["verdict", "--format", "json", "--param", "day_period_mode=rolling", file])
        #expect(r.stdout.contains("\"outcome\": \"FULL_REFUND\""))
    }

    @Test func rulesListsEveryRuleAndParameter() throws {
        let r = try Binary.run(["rules"])
        #expect(r.status == 0)
        for id in ["KS-PET-SCOPE", "KS-PET-STALL-REPLY-24H", "KS-PET-BUYER-SILENT-48H"] { #expect(r.stdout.contains(id)) }
        #expect(r.stdout.contains("day_period_mode = calendar"))
    }

    @Test func helpReadsLikeAManPage() throws {
        let r = try Binary.run(["--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("EXAMPLES:"))
        #expect(r.stdout.contains("EXIT STATUS:"))
    }
}

struct StoreCLITests {
    let scratch: ScratchFolder
    var dir: URL { scratch.url }
    var db: String { dir.appendingPathComponent("t.sqlite").path }

    init() throws { scratch = try ScratchFolder() }

    func petdesk(_ args: String..., agent: String = "tester", input: String? = nil) throws -> Binary.Result {
        try Binary.run(args + ["--db", db], environment: ["PETDESK_AGENT": agent], input: input)
    }

    @Test func aFileWithErrorsImportsNothingUnlessAsked() throws {
        let good = try String(contentsOf: Binary.sharedCases.appendingPathComponent("P11.json"), encoding: .utf8)
        let compact = String(data: try JSONSerialization.data(withJSONObject: try JSONSerialization.jsonObject(with: Data(good.utf8))), encoding: .utf8)!
        let file = dir.appendingPathComponent("in.jsonl")
        try (compact + "\n{\"order_id\":\"B\",\"paid_at\":\"x\"}\n").write(to: file, atomically: true, encoding: .utf8)
        let refused = try petdesk("import", file.path)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("in.jsonl:2: paid_at: \"x\" is not a valid instant"))
        #expect(refused.stderr.contains("nothing was imported"))
        // Nothing imported, and no empty database left behind for later commands to open.
        #expect(!FileManager.default.fileExists(atPath: db))
        let list = try petdesk("list", "--json")
        #expect(list.status == 1 && list.stderr.contains("no database at"))

        let dry = try petdesk("import", "--dry-run", file.path)
        #expect(dry.status == 1)

        let rejects = dir.appendingPathComponent("rejects.jsonl").path
        let skipped = try petdesk("import", "--skip-invalid", "--rejects", rejects, file.path)
        #expect(skipped.status == 0)
        #expect(skipped.stdout.contains("1 new"))
        let written = try String(contentsOfFile: rejects, encoding: .utf8)
        #expect(written.contains("\"line\":2"))
        #expect(written.contains("paid_at"))

        let again = try petdesk("import", "--skip-invalid", "--rejects", rejects, file.path)
        #expect(again.stdout.contains("0 new, 0 merged, 1 unchanged"))
    }

    @Test func markDecideShowHistoryAndConflicts() throws {
        #expect(try petdesk("import", Binary.sharedCases.appendingPathComponent("P34.json").path).status == 0)
        let mark = try petdesk("mark", "KS2208010134", "identity", "missing", "--note", "无芯片", "--expect-version", "1")
        #expect(mark.status == 0)
        #expect(mark.stdout.contains("suggested FULL_REFUND"))
        let stale = try petdesk("mark", "KS2208010134", "identity", "done", "--expect-version", "1", agent: "other")
        #expect(stale.status == 3)
        #expect(stale.stderr.contains("conflict"))
        #expect(try petdesk("decide", "KS2208010134", "monitor").status == 1)
        #expect(try petdesk("decide", "KS2208010134", "FULL_REFUND").status == 0)
        let show = try petdesk("show", "KS2208010134", "--json")
        #expect(show.stdout.contains("\"version\": 3"))
        let history = try petdesk("history", "KS2208010134")
        #expect(history.stdout.components(separatedBy: "\n").filter { !$0.isEmpty }.count == 3)
        #expect(history.stdout.contains("tester  mark  checklist.identity done → missing (无芯片)"))
        #expect(try petdesk("show", "NOPE").status == 1)
        #expect(try petdesk("mark", "KS2208010134", "identiy", "done").status == 2)
    }

    @Test func exportImportRoundTrip() throws {
        for f in ["P11.json", "P22.json", "P34.json"] {
            #expect(try petdesk("import", Binary.sharedCases.appendingPathComponent(f).path).status == 0)
        }
        _ = try petdesk("mark", "KS2208010134", "identity", "done", "--note", "ok")
        _ = try petdesk("decide", "KS2208010111", "FULL_REFUND")
        let first = try petdesk("export").stdout
        let copy = dir.appendingPathComponent("copy.sqlite").path
        let file = dir.appendingPathComponent("export.jsonl")
        try first.write(to: file, atomically: true, encoding: .utf8)
        #expect(try Binary.run(["import", "--db", copy, file.path]).status == 0)
        let second = try Binary.run(["export", "--db", copy]).stdout
        #expect(second == first)
    }

    @Test func concurrentWritersInSeparateProcessesLoseNothing() throws {
        #expect(try petdesk("demo", "--orders", "4").status == 0)
        let ids = try petdesk("list", "--json").stdout
        let orders = try #require(try JSONSerialization.jsonObject(with: Data(ids.utf8)) as? [[String: Any]]).compactMap { $0["order_id"] as? String }
        #expect(orders.count == 4)
        let script = """
        for i in $(seq 1 15); do
          "\(Binary.url.path)" mark \(orders[0]) identity done --note "$A-$i" --db "\(db)" >/dev/null || exit 9
          "\(Binary.url.path)" mark "$O" sex done --note "$A-$i" --db "\(db)" >/dev/null || exit 9
        done
        """
        var processes: [Process] = []
        for (n, agent) in ["a1", "a2", "a3", "a4"].enumerated() {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/bash")
            p.arguments = ["-c", script]
            p.environment = ["A": agent, "O": orders[n], "PETDESK_AGENT": agent, "PATH": "/usr/bin:/bin"]
            try p.run()
            processes.append(p)
        }
        for p in processes { p.waitUntilExit(); #expect(p.terminationStatus == 0) }
        let exported = try Binary.run(["export", "--db", db]).stdout.split(separator: "\n")
        let marks = try exported.reduce(0) { n, line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return n + (object["marks"] as? [Any] ?? []).count
        }
        #expect(marks == 4 * 15 * 2)
        let shared = try petdesk("history", orders[0]).stdout.components(separatedBy: "  mark  ").count - 1
        #expect(shared == 4 * 15 + 15)
    }

    @Test func sigkillLosesNoReportedMark() throws {
        #expect(try petdesk("demo", "--orders", "2").status == 0)
        let ids = try petdesk("list", "--json").stdout
        let order = try #require((try JSONSerialization.jsonObject(with: Data(ids.utf8)) as? [[String: Any]])?.first?["order_id"] as? String)
        let log = dir.appendingPathComponent("saved.log").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = ["-c", """
        for i in $(seq 1 100000); do
          "\(Binary.url.path)" mark \(order) identity done --note "n$i" --db "\(db)" >/dev/null && echo "n$i" >> "\(log)"
        done
        """]
        p.environment = ["PETDESK_AGENT": "killer", "PATH": "/usr/bin:/bin"]
        try p.run()
        Thread.sleep(forTimeInterval: 2.5)
        // Kill the loop and whatever petdesk it is running, mid-write or not.
        kill(p.processIdentifier, SIGKILL)
        let pkill = Process()
        pkill.executableURL = URL(fileURLWithPath: "/usr/bin/pkill")
        pkill.arguments = ["-KILL", "-f", "--", "--db \(db)"]  // `--`: the pattern starts with dashes
        try pkill.run()
        pkill.waitUntilExit()
        p.waitUntilExit()
        let saved = (try? String(contentsOfFile: log, encoding: .utf8))?.split(separator: "\n").map(String.init) ?? []
        #expect(saved.count > 3)
        let history = try petdesk("history", order).stdout
        for note in saved { #expect(history.contains("(\(note))"), "lost \(note)") }
        let integrity = Process()
        integrity.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        integrity.arguments = [db, "PRAGMA integrity_check"]
        let pipe = Pipe()
        integrity.standardOutput = pipe
        try integrity.run()
        integrity.waitUntilExit()
        #expect(String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == "ok\n")
    }
}

struct CSVImportTests {
    @Test func flatCSVExportsImportWithChineseHeadersAndABOM() throws {
        let dir = try Binary.temporaryDirectory()
        defer { Binary.remove(dir) }
        let db = dir.appendingPathComponent("csv.sqlite").path
        let orders = dir.appendingPathComponent("orders.csv")
        let tracking = dir.appendingPathComponent("tracking.csv")
        try ("\u{FEFF}订单号,类目,商品名称,买家,订单金额,付款时间,发货时间,售后类型,售后申请时间,拒收时间,派送时间\n"
            + "CSV001,宠物生活>宠物活体>猫,英短蓝猫,王**,3000.00,2022-08-01 10:00,2022-08-01 14:00,refuse,2022-08-09 10:05,2022-08-09 10:05,2022-08-09 10:00\n"
            + "CSV002,宠物生活>宠物活体>狗,\"柯基, 三色\",张**,abc,2022-13-01 10:00,,,,,\n").write(to: orders, atomically: true, encoding: .utf8)
        try ("order_id,at,text\nCSV001,2022-08-01 15:00,揽收\nCSV001,2022-08-03 09:00,到达杭州\nCSV001,2022-08-05 09:00,到达北京\nCSV001,2022-08-07 09:00,派送中\n")
            .write(to: tracking, atomically: true, encoding: .utf8)
        let refused = try Binary.run(["import", "--db", db, orders.path, "--tracking", tracking.path])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("orders.csv:3: 订单金额 (total_amount): \"abc\" is not a valid amount"))
        #expect(refused.stderr.contains("orders.csv:3: 付款时间 (paid_at): \"2022-13-01 10:00\" is not a valid instant"))
        let rejects = dir.appendingPathComponent("r.jsonl").path
        let done = try Binary.run(["import", "--db", db, orders.path, "--tracking", tracking.path, "--skip-invalid", "--rejects", rejects])
        #expect(done.status == 0)
        #expect(try String(contentsOfFile: rejects, encoding: .utf8).contains("订单金额 (total_amount)"))
        let show = try Binary.run(["show", "CSV001", "--db", db, "--json"])
        #expect(show.stdout.contains("\"outcome\": \"FULL_REFUND\""))
        #expect(show.stdout.contains("到达北京"))
        #expect(try Binary.run(["import", "--db", db, orders.path, "--tracking", tracking.path, "--skip-invalid", "--rejects", rejects])
            .stdout.contains("0 new, 0 merged, 1 unchanged"))
        // CSV export → import into a fresh database gives the same cases.
        let outTracking = dir.appendingPathComponent("t2.csv").path
        let exported = try Binary.run(["export", "--db", db, "--format", "csv", "--tracking", outTracking])
        let outOrders = dir.appendingPathComponent("o2.csv")
        try exported.stdout.write(to: outOrders, atomically: true, encoding: .utf8)
        let copy = dir.appendingPathComponent("copy.sqlite").path
        #expect(try Binary.run(["import", "--db", copy, outOrders.path, "--tracking", outTracking]).status == 0)
        // The flat CSV carries no audit trail: compare everything else.
        func withoutAudit(_ export: String) throws -> [NSDictionary] {
            try export.split(separator: "\n").map { line in
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                return object.filter { $0.key != "audit" } as NSDictionary
            }
        }
        #expect(try withoutAudit(Binary.run(["export", "--db", copy]).stdout) == withoutAudit(Binary.run(["export", "--db", db]).stdout))
        #expect(!FileManager.default.fileExists(atPath: outTracking + ".partial"))
        // A tracking file that cannot be written: one line naming it, before any order is written.
        let nowhere = dir.appendingPathComponent("no/such/dir/t.csv").path
        let refusedExport = try Binary.run(["export", "--db", db, "--format", "csv", "--tracking", nowhere])
        #expect(refusedExport.status == 1 && refusedExport.stderr.contains("cannot write \(nowhere)"), "\(refusedExport.stderr)")
        #expect(refusedExport.stdout.isEmpty)
    }
}

/// Validation and the schema agree: a decision the database would refuse is a FILE:LINE error.
struct DecisionValidationCLITests {
    @Test func aDecisionTheSchemaWouldRefuseIsReportedAndSkippable() throws {
        let dir = try Binary.temporaryDirectory()
        defer { Binary.remove(dir) }
        let db = dir.appendingPathComponent("v.sqlite").path
        let base = #"{"order_id":"KS1","category_path":["宠物生活","宠物活体","猫"],"total_amount":"1","paid_at":"2022-08-01T10:00:00","#
        let lines = [
            base + #""decisions":[{"outcome":"FULL_REFUND","suggested_outcome":"FULL_REFUND","is_override":true,"agent":"li","at":"2022-08-02T10:00:00"}]}"#,
            base.replacingOccurrences(of: "KS1", with: "KS2")
                + #""decisions":[{"outcome":"FULL_REFUND","suggested_outcome":"MONITOR","agent":"li","at":"2022-08-02T10:00:00"}]}"#,
            base.replacingOccurrences(of: "KS1", with: "KS3") + #""decisions":[]}"#,
        ]
        let file = dir.appendingPathComponent("d.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let refused = try Binary.run(["import", "--db", db, file.path])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("d.jsonl:1: decisions[0].is_override: is true but the outcome equals the suggestion"))
        #expect(refused.stderr.contains("d.jsonl:2: decisions[0].reason: an override needs a reason"))
        #expect(!refused.stderr.contains("CHECK"))
        let skipped = try Binary.run(["import", "--db", db, "--skip-invalid", "--rejects", dir.appendingPathComponent("r.jsonl").path, file.path])
        #expect(skipped.status == 0, "\(skipped.stderr)")
        #expect(try Binary.run(["show", "KS3", "--db", db]).status == 0)
    }
}

/// A backup carries the audit trail, and a restore brings it back.
struct BackupCLITests {
    @Test func exportThenImportRestoresTheAuditTrail() throws {
        let dir = try Binary.temporaryDirectory()
        defer { Binary.remove(dir) }
        let db = dir.appendingPathComponent("a.sqlite").path, restored = dir.appendingPathComponent("b.sqlite").path
        #expect(try Binary.run(["import", "--db", db, Binary.sharedCases.appendingPathComponent("P34.json").path]).status == 0)
        #expect(try Binary.run(["mark", "KS2208010134", "sex", "missing", "--db", db, "--note", "未确认"],
                               environment: ["PETDESK_AGENT": "li"]).status == 0)
        let backup = try Binary.run(["export", "--db", db])
        let file = dir.appendingPathComponent("backup.jsonl")
        try backup.stdout.write(to: file, atomically: true, encoding: .utf8)
        #expect(try Binary.run(["import", "--db", restored, file.path]).status == 0)
        #expect(try Binary.run(["import", "--db", restored, file.path]).status == 0)
        let before = try Binary.run(["history", "KS2208010134", "--db", db]).stdout
        let after = try Binary.run(["history", "KS2208010134", "--db", restored]).stdout
        for line in before.split(separator: "\n") { #expect(after.contains(line), "missing after restore: \(line)") }
        #expect(after.contains("li  mark  checklist.sex"))
        #expect(after.components(separatedBy: "li  mark").count == 2, "a second restore adds nothing")
    }
}

/// Only import, demo or --create make a database; every command finds the demo the way the
/// dashboard does; a demo never goes into a real queue.
struct DatabaseResolutionCLITests {
    @Test func aMistypedDatabasePathIsAnErrorNotANewEmptyQueue() throws {
        let dir = try Binary.temporaryDirectory()
        defer { Binary.remove(dir) }
        let typo = dir.appendingPathComponent("petdsek.sqlite").path
        for command in [["list"], ["show", "KS1"], ["history", "KS1"], ["summary", "KS1"], ["mark", "KS1", "sex", "done"]] {
            let r = try Binary.run(command + ["--db", typo])
            #expect(r.status == 1 && r.stderr.contains("no database at") && r.stderr.contains("petdesk import"), "\(command): \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: typo), "\(command) created the file")
        }
        #expect(try Binary.run(["list", "--db", typo, "--create"]).status == 0)
    }

    @Test func aFreshDataDirectoryFindsTheDemoLikeTheDashboard() throws {
        let home = try Binary.temporaryDirectory()
        defer { Binary.remove(home) }
        let env = ["XDG_DATA_HOME": home.path, "PETDESK_DB": ""]
        let empty = try Binary.run(["list"], environment: env)
        #expect(empty.status == 1 && empty.stderr.contains("petdesk demo"))
        #expect(try Binary.run(["demo", "--orders", "5"], environment: env).status == 0)
        let list = try Binary.run(["list", "--json"], environment: env)
        #expect(list.status == 0 && list.stdout.contains("order_id"))
        #expect(!FileManager.default.fileExists(atPath: home.appendingPathComponent("petdesk/petdesk.sqlite").path))
    }

    @Test func aDemoNeverGoesIntoARealQueue() throws {
        let dir = try Binary.temporaryDirectory()
        defer { Binary.remove(dir) }
        let real = dir.appendingPathComponent("real.sqlite").path
        #expect(try Binary.run(["import", "--db", real, Binary.sharedCases.appendingPathComponent("P11.json").path]).status == 0)
        let refused = try Binary.run(["demo", "--orders", "3", "--db", real])
        #expect(refused.status == 1 && refused.stderr.contains("holds real orders"))
        let demo = dir.appendingPathComponent("demo.sqlite").path
        #expect(try Binary.run(["demo", "--orders", "3", "--db", demo]).status == 0)
        #expect(try Binary.run(["demo", "--orders", "3", "--db", demo]).status == 0, "a demo database takes more demo orders")
    }
}

/// An older petdesk never writes a database a newer one migrated.
struct NewerSchemaCLITests {
    @Test func aDatabaseFromANewerPetdeskIsRefusedNamingBothSchemas() throws {
        let dir = try Binary.temporaryDirectory()
        defer { Binary.remove(dir) }
        let db = dir.appendingPathComponent("n.sqlite").path
        #expect(try Binary.run(["import", "--db", db, Binary.sharedCases.appendingPathComponent("P11.json").path]).status == 0)
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [db, "INSERT INTO grdb_migrations VALUES ('v9 from a newer petdesk')"]
        try sqlite.run()
        sqlite.waitUntilExit()
        #expect(sqlite.terminationStatus == 0)
        for command in [["list"], ["mark", "KS2208010111", "sex", "done"], ["import", Binary.sharedCases.appendingPathComponent("P22.json").path]] {
            let r = try Binary.run(command + ["--db", db])
            #expect(r.status == 1, "\(command)")
            #expect(r.stderr.contains("migrated by a newer petdesk (schema \"v9 from a newer petdesk\")") && r.stderr.contains("this petdesk knows schema up to"),
                    "\(r.stderr)")
        }
    }
}

/// Nothing a user imported or typed reaches a terminal raw, and an exported CSV runs no formula.
struct HostileTextCLITests {
    static let escape = "\u{1b}[2J", osc52 = "\u{1b}]52;c;ZXZpbA==\u{07}", bidi = "\u{202E}"

    @Test func showHistoryAndErrorsCarryNoControlBytes() throws {
        let dir = try Binary.temporaryDirectory()
        defer { Binary.remove(dir) }
        let db = dir.appendingPathComponent("h.sqlite").path
        let hostile = "\\u001b[2J\\u001b]52;c;ZXZpbA==\\u0007\\u202e"
        let base = #"{"order_id":"KS9","category_path":["宠物生活","宠物活体","猫"],"total_amount":"1","paid_at":"2022-08-01T10:00:00","#
        let line = base + #""buyer":"\#(hostile)","decisions":[{"outcome":"MONITOR","suggested_outcome":"FULL_REFUND","reason":"\#(hostile)","agent":"x\#(hostile)","at":"2022-08-02T10:00:00"}]}"#
        let file = dir.appendingPathComponent("h.jsonl")
        try (line + "\n").write(to: file, atomically: true, encoding: .utf8)
        #expect(try Binary.run(["import", "--db", db, file.path]).status == 0)
        let claimed = try Binary.run(["claim", "KS9", "--db", db], environment: ["PETDESK_AGENT": "y\u{202E}"])
        #expect(claimed.status == 0, "\(claimed.stderr)")
        let bad = dir.appendingPathComponent("bad.jsonl")
        try (base.replacingOccurrences(of: "2022-08-01T10:00:00", with: hostile) + #""x":1}"# + "\n").write(to: bad, atomically: true, encoding: .utf8)
        var outputs = [try Binary.run(["import", "--db", db, bad.path]).stderr]
        for command in [["show", "KS9"], ["history", "KS9"], ["summary", "KS9"], ["list"]] {
            let r = try Binary.run(command + ["--db", db])
            outputs += [r.stdout, r.stderr]
        }
        for text in outputs {
            #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E }, "raw control in: \(text)")
        }
        #expect(outputs.joined().contains("\u{FFFD}"), "the hostile text is shown, defused")
    }

    @Test func csvExportDefusesFormulasAndImportReadsThemBack() throws {
        let dir = try Binary.temporaryDirectory()
        defer { Binary.remove(dir) }
        let db = dir.appendingPathComponent("c.sqlite").path, copy = dir.appendingPathComponent("d.sqlite").path
        let line = #"{"order_id":"KS8","category_path":["宠物生活","宠物活体","猫"],"total_amount":"1","paid_at":"2022-08-01T10:00:00","title":"=HYPERLINK(\"http://x\")","buyer":"@SUM(A1)","merchant":"+1"}"#
        let file = dir.appendingPathComponent("c.jsonl")
        try (line + "\n").write(to: file, atomically: true, encoding: .utf8)
        #expect(try Binary.run(["import", "--db", db, file.path]).status == 0)
        let csv = try Binary.run(["export", "--db", db, "--format", "csv"]).stdout
        #expect(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\"") && csv.contains("'@SUM(A1)") && csv.contains("'+1"))
        let csvFile = dir.appendingPathComponent("orders.csv")
        try csv.write(to: csvFile, atomically: true, encoding: .utf8)
        #expect(try Binary.run(["import", "--db", copy, csvFile.path]).status == 0)
        let exported = try Binary.run(["export", "--db", copy]).stdout
        let object = try #require(try JSONSerialization.jsonObject(with: Data(exported.utf8)) as? [String: Any])
        #expect(object["title"] as? String == "=HYPERLINK(\"http://x\")")
        #expect(object["buyer"] as? String == "@SUM(A1)" && object["merchant"] as? String == "+1")
    }
}

/// A broken CSV never loses rows silently; every problem names its file and physical line.
struct CSVStructureCLITests {
    static let header = "order_id,category,total_amount,paid_at,claim_reason\n"
    static func row(_ id: String, reason: String = "") -> String { "\(id),宠物生活>宠物活体>猫,100,2022-08-01 10:00,\(reason)\n" }

    @Test func anUnclosedQuoteIsReportedWhereItStartsAndNothingIsImported() throws {
        let dir = try Binary.temporaryDirectory()
        defer { Binary.remove(dir) }
        let file = dir.appendingPathComponent("orders.csv")
        try (Self.header + Self.row("K1") + Self.row("K2", reason: "\"太慢了") + Self.row("K3") + Self.row("K4"))
            .write(to: file, atomically: true, encoding: .utf8)
        let r = try Binary.run(["import", "--db", dir.appendingPathComponent("x.sqlite").path, file.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("orders.csv:3: a quoted field starting here never closes"), "\(r.stderr)")
        #expect(!r.stderr.contains("SwiftCSV") && !r.stderr.contains("Error("))
        // A quote closed rows later leaves a row with the wrong number of fields.
        try (Self.header + Self.row("K1") + Self.row("K2", reason: "\"太慢了") + Self.row("K3", reason: "x\"")).write(to: file, atomically: true, encoding: .utf8)
        let later = try Binary.run(["import", "--db", dir.appendingPathComponent("x.sqlite").path, file.path])
        #expect(later.status == 1 && later.stderr.contains("orders.csv:3: a quoted field on this row runs into the following lines"),
                "\(later.stderr)")
        // And a row that ends up with another number of fields than the header.
        try (Self.header + Self.row("K1").replacingOccurrences(of: ",100,", with: ",100,x,")).write(to: file, atomically: true, encoding: .utf8)
        let wide = try Binary.run(["import", "--db", dir.appendingPathComponent("x.sqlite").path, file.path])
        #expect(wide.status == 1 && wide.stderr.contains("orders.csv:2: 6 fields where the header has 5"), "\(wide.stderr)")
    }

    @Test func aQuotedFieldMaySpanLinesAndLaterRowsKeepTheirLineNumbers() throws {
        let dir = try Binary.temporaryDirectory()
        defer { Binary.remove(dir) }
        let file = dir.appendingPathComponent("orders.csv")
        try (Self.header + Self.row("K1", reason: "\"第一行\n第二行\"") + "K2,宠物生活>宠物活体>猫,100,2022-13-01 10:00,\n")
            .write(to: file, atomically: true, encoding: .utf8)
        let r = try Binary.run(["import", "--db", dir.appendingPathComponent("y.sqlite").path, file.path])
        #expect(r.status == 1 && r.stderr.contains("orders.csv:4: paid_at (paid_at)"), "\(r.stderr)")
    }

    @Test func aBadTrackingRowNamesTheTrackingFileAndRejectsItsOrder() throws {
        let dir = try Binary.temporaryDirectory()
        defer { Binary.remove(dir) }
        let orders = dir.appendingPathComponent("orders.csv"), tracking = dir.appendingPathComponent("tracking.csv")
        try (Self.header + Self.row("K1") + Self.row("K2")).write(to: orders, atomically: true, encoding: .utf8)
        try "order_id,at,text\nK1,2022-08-01 15:00,揽收\nK2,2022-08-01 15:00,揽收\nK2,昨天,到达\n".write(to: tracking, atomically: true, encoding: .utf8)
        let db = dir.appendingPathComponent("z.sqlite").path
        let r = try Binary.run(["import", "--db", db, orders.path, "--tracking", tracking.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("tracking.csv:4: at: \"昨天\" is not a valid instant"), "\(r.stderr)")
        #expect(r.stderr.contains("orders.csv:3: tracking: its tracking row at"), "\(r.stderr)")
        let skipped = try Binary.run(["import", "--db", db, "--skip-invalid", "--rejects", dir.appendingPathComponent("rej.jsonl").path,
                                      orders.path, "--tracking", tracking.path])
        #expect(skipped.status == 0, "\(skipped.stderr)")
        #expect(try Binary.run(["show", "K1", "--db", db]).status == 0)
        #expect(try Binary.run(["show", "K2", "--db", db]).status == 1, "K2 must not be imported with half its tracking")
    }
}

/// A database made by an older petdesk is upgraded when opened, and says so first.
struct UpgradeCLITests {
    @Test func aDatabaseWithoutTheShortFilterIndexIsUpgradedSayingSoAndFiltersFindItsCases() throws {
        let dir = try Binary.temporaryDirectory()
        defer { Binary.remove(dir) }
        let db = dir.appendingPathComponent("old.sqlite").path
        #expect(try Binary.run(["import", "--db", db, Binary.sharedCases.appendingPathComponent("P11.json").path]).status == 0)
        // As a petdesk before migration v6 left it.
        let downgrade = try Binary.run([db, """
            DROP TRIGGER cases_grams_insert; DROP TRIGGER cases_grams_update; DROP TRIGGER cases_grams_delete;
            DROP TABLE cases_grams; DROP INDEX cases_by_outcome;
            DELETE FROM grdb_migrations WHERE identifier LIKE 'v6 %';
            """], executable: "/usr/bin/sqlite3")
        #expect(downgrade.status == 0, "\(downgrade.stderr)")
        let list = try Binary.run(["list", "--db", db, "--filter", "01"])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stderr.contains("upgrading") && list.stderr.contains("v6 short filters"), "\(list.stderr)")
        #expect(list.stdout.contains("KS2208010111"), "\(list.stdout)")
        // Once: the next open is silent.
        let again = try Binary.run(["list", "--db", db])
        #expect(again.status == 0 && !again.stderr.contains("upgrading"), "\(again.stderr)")
    }
}

/// A read-only database (a read-only copy or role) can be read; a write is refused in one line.
struct ReadOnlyDatabaseCLITests {
    @Test func aReadOnlyDatabaseIsReadAndWritesAreRefusedClearly() throws {
        let dir = try Binary.temporaryDirectory()
        defer { Binary.remove(dir) }
        let db = dir.appendingPathComponent("ro.sqlite").path
        #expect(try Binary.run(["import", "--db", db, Binary.sharedCases.appendingPathComponent("P11.json").path]).status == 0)
        // Root may write anything: as root, run the binary as `nobody`, through a hard link it
        // can reach (the debug binary is over 100 MB: a copy in each run filled a CI disk).
        let binary = dir.appendingPathComponent("petdesk").path
        if getuid() == 0 && link(Binary.url.path, binary) != 0 {
            // Another file system: copied by `cp`, in a process of its own (a copy written from
            // this process left its descriptor open in children that other tests started at that
            // moment, and running the copy then failed with "Text file busy").
            #expect(try Binary.run([Binary.url.path, binary], executable: "/bin/cp").status == 0)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: binary)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: db)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: dir.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path) }
        func run(_ arguments: [String]) throws -> Binary.Result {
            getuid() == 0 ? try Binary.run(["-u", "nobody", "--", binary] + arguments, executable: "/usr/sbin/runuser")
                          : try Binary.run(arguments)
        }
        let list = try run(["list", "--db", db])
        #expect(list.status == 0 && list.stdout.contains("KS2208010111"), "\(list.stderr)")
        let show = try run(["show", "KS2208010111", "--db", db])
        #expect(show.status == 0, "\(show.stderr)")
        let mark = try run(["mark", "KS2208010111", "sex", "done", "--db", db])
        #expect(mark.status == 1 && mark.stderr.contains("is read-only for you") && !mark.stderr.contains("SQLite"), "\(mark.stderr)")
    }
}

/// Inputs of every kind are read, or refused with the true reason; nothing is committed that
/// cannot be finished.
struct InputKindsCLITests {
    @Test func aFifoIsReadAndAFolderOrEndlessStreamIsRefusedWithTheTrueReason() throws {
        let dir = try Binary.temporaryDirectory()
        defer { Binary.remove(dir) }
        let fifo = dir.appendingPathComponent("cases.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = ["-c", "cat '\(Binary.sharedCases.appendingPathComponent("P01.json").path)' > '\(fifo)'"]
        try writer.run()
        let fromFifo = try Binary.run(["verdict", fifo])
        writer.waitUntilExit()
        #expect(fromFifo.status == 0 && fromFifo.stdout.contains("OUT_OF_SCOPE"), "\(fromFifo.stderr)")
        let folder = try Binary.run(["verdict", dir.path])
        #expect(folder.status == 1 && folder.stderr.contains("it is a folder") && !folder.stderr.contains("permission"))
        let endless = Process()
        endless.executableURL = URL(fileURLWithPath: "/bin/sh")
        endless.arguments = ["-c", "'\(Binary.url.path)' verdict - < /dev/zero 2>&1; echo \"exit $?\""]
        let out = Pipe()
        endless.standardOutput = out
        try endless.run()
        let text = String(data: out.fileHandleForReading.readDataToEndOfFile(), encoding: .utf8) ?? ""
        endless.waitUntilExit()
        #expect(text.contains("cannot read standard input: larger than") && text.contains("exit 1"), "\(text)")
    }

    @Test func anUnwritableRejectsFileIsRefusedBeforeAnythingIsCommitted() throws {
        let dir = try Binary.temporaryDirectory()
        defer { Binary.remove(dir) }
        let db = dir.appendingPathComponent("r.sqlite").path
        let good = try String(contentsOf: Binary.sharedCases.appendingPathComponent("P11.json"), encoding: .utf8)
        let compact = String(data: try JSONSerialization.data(withJSONObject: try JSONSerialization.jsonObject(with: Data(good.utf8))), encoding: .utf8)!
        let file = dir.appendingPathComponent("in.jsonl")
        try (compact + "\n{\"order_id\":\"B\",\"paid_at\":\"x\"}\n").write(to: file, atomically: true, encoding: .utf8)
        let r = try Binary.run(["import", "--db", db, "--skip-invalid", "--rejects", "/nonexistent/rejects.jsonl", file.path])
        #expect(r.status == 1 && r.stderr.contains("nothing was imported: cannot write the rejects file"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: db))
    }
}

/// From the command line: --force writes over another agent's lease, and only then.
struct LeaseCLITests {
    @Test func markingACaseAnotherAgentHoldsNeedsForce() throws {
        let dir = try Binary.temporaryDirectory()
        defer { Binary.remove(dir) }
        let db = dir.appendingPathComponent("l.sqlite").path
        #expect(try Binary.run(["import", "--db", db, Binary.sharedCases.appendingPathComponent("P11.json").path]).status == 0)
        #expect(try Binary.run(["claim", "KS2208010111", "--db", db, "--agent", "a"]).status == 0)
        let refused = try Binary.run(["mark", "KS2208010111", "sex", "missing", "--db", db, "--agent", "b"])
        #expect(refused.status == 1 && refused.stderr.contains("held by a until") && refused.stderr.contains("--force"))
        let release = try Binary.run(["claim", "KS2208010111", "--release", "--db", db, "--agent", "b"])
        #expect(release.status == 1 && release.stderr.contains("nothing was released"), "\(release.stdout)\(release.stderr)")
        #expect(try Binary.run(["mark", "KS2208010111", "sex", "missing", "--db", db, "--agent", "b", "--force"]).status == 0)
        #expect(try Binary.run(["history", "KS2208010111", "--db", db]).stdout.contains("forced over a's lease"))
    }
}

/// A big import never freezes the team: it commits in short batches, so another agent's write
/// waits at most one batch; the whole file is still validated before anything is written.
struct ImportConcurrencyCLITests {
    /// 3,000 copies of P12 as JSON Lines, their order ids `PREFIX000000`…
    /// `count` copies of P12 as JSON Lines: enough that an import outlasts what a test does
    /// meanwhile (import got twice as fast in session 4: 3,000 no longer outlasted a kill).
    static func bulkFile(in dir: URL, prefix: String, count: Int = 3000) throws -> URL {
        let template = String(data: try JSONSerialization.data(withJSONObject: try JSONSerialization.jsonObject(
            with: Data(contentsOf: Binary.sharedCases.appendingPathComponent("P12.json")))), encoding: .utf8)!
        let lines = (0..<count).map { template.replacingOccurrences(of: "KS2208010112", with: String(format: "\(prefix)%06d", $0)) }
        let file = dir.appendingPathComponent("\(prefix).jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// `petdesk import FILE --db DB`, running in the background.
    static func startImport(_ file: URL, into db: String) throws -> Process {
        let importer = Process()
        importer.executableURL = Binary.url
        importer.arguments = ["import", "--db", db, file.path]
        importer.standardOutput = FileHandle.nullDevice
        importer.standardError = FileHandle.nullDevice
        try importer.run()
        return importer
    }

    @Test func everyWriteDuringAnImportFinishesWithinASecond() throws {
        let dir = try Binary.temporaryDirectory()
        defer { Binary.remove(dir) }
        let db = dir.appendingPathComponent("busy.sqlite").path
        #expect(try Binary.run(["import", "--db", db, Binary.sharedCases.appendingPathComponent("P11.json").path]).status == 0)
        let file = try Self.bulkFile(in: dir, prefix: "KSBULK")
        let importer = try Self.startImport(file, into: db)
        let started = Date()
        var latencies: [Double] = []
        var status = "done"
        while importer.isRunning {
            status = status == "done" ? "missing" : "done"
            let t0 = Date()
            let r = try Binary.run(["mark", "KS2208010111", "sex", status, "--db", db, "--agent", "m"])
            latencies.append(Date().timeIntervalSince(t0))
            #expect(r.status == 0, "\(r.stderr)")
        }
        importer.waitUntilExit()
        let importSeconds = Date().timeIntervalSince(started)
        #expect(importer.terminationStatus == 0)
        #expect(latencies.count >= 3 && importSeconds > 1, "the import must outlast several writes: \(importSeconds) s, \(latencies.count) writes")
        #expect(latencies.max()! < 1.0, "slowest write during the import: \(latencies.max()!) s of \(latencies.count)")
        let list = try Binary.run(["list", "--db", db, "--json", "--limit", "5000"])
        #expect(list.stdout.components(separatedBy: "KSBULK").count - 1 == 3000)
        #expect(!list.stderr.contains("did not finish"))
    }

    @Test func aJSONLinesImportStreamsInBatchesAndShowsItsProgress() throws {
        let dir = try Binary.temporaryDirectory()
        defer { Binary.remove(dir) }
        let db = dir.appendingPathComponent("streamed.sqlite").path
        let file = try Self.bulkFile(in: dir, prefix: "KSSTREAM", count: 11_000)
        // Keeping fewer records than the file holds makes the import read it again in batches.
        let r = try Binary.run(["import", "--keep", "3000", "--db", db, file.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("11000 new, 0 merged, 0 unchanged"), "\(r.stdout)")
        // Not a terminal: a line at each tenth, ending at the whole.
        let steps = r.stderr.split(separator: "\n").filter { $0.hasPrefix("importing: ") }
        #expect(steps.contains("importing: 5000/11000 (45%)") && steps.last == "importing: 11000/11000 (100%)", "\(r.stderr)")
        let list = try Binary.run(["list", "--db", db, "--json", "--limit", "20000"])
        #expect(list.stdout.components(separatedBy: "KSSTREAM").count - 1 == 11_000)
        #expect(!list.stderr.contains("did not finish"))
    }

    @Test func aFileNamedTwiceImportsItsCasesOnceAndLosesNone() throws {
        let dir = try Binary.temporaryDirectory()
        defer { Binary.remove(dir) }
        let db = dir.appendingPathComponent("twice.sqlite").path
        let file = try Self.bulkFile(in: dir, prefix: "KSTWICE", count: 3)
        let r = try Binary.run(["import", "--skip-invalid", "--rejects", dir.appendingPathComponent("r.jsonl").path, "--db", db, file.path, file.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("3 new, 0 merged, 0 unchanged"), "\(r.stdout)")
        #expect(r.stderr.contains("3 record(s) rejected"), "\(r.stderr)")
        #expect(!r.stderr.contains("warning"), "\(r.stderr)")
    }

    @Test func aKilledImportIsReportedAndRunningItAgainCompletesIt() throws {
        let dir = try Binary.temporaryDirectory()
        defer { Binary.remove(dir) }
        let db = dir.appendingPathComponent("killed.sqlite").path
        let file = try Self.bulkFile(in: dir, prefix: "KSKILL", count: 12_000)
        // Kill it as soon as its progress says the first batch is in (a line per tenth on a pipe).
        let importer = Process()
        importer.executableURL = Binary.url
        importer.arguments = ["import", "--db", db, file.path]
        importer.standardOutput = FileHandle.nullDevice
        let progress = Pipe()
        importer.standardError = progress
        try importer.run()
        var seen = Data()
        while importer.isRunning, !String(decoding: seen, as: UTF8.self).contains("importing: ") {
            let chunk = progress.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += chunk
        }
        #expect(importer.isRunning, "the import finished before it could be killed: \(String(decoding: seen, as: UTF8.self))")
        kill(importer.processIdentifier, SIGKILL)
        importer.waitUntilExit()
        let after = try Binary.run(["list", "--db", db])
        #expect(after.stderr.contains("did not finish; run the same import again to complete it"), "\(after.stderr)")
        #expect(try Binary.run(["import", "--db", db, file.path]).status == 0)
        let done = try Binary.run(["list", "--db", db, "--json", "--limit", "20000"])
        #expect(done.stdout.components(separatedBy: "KSKILL").count - 1 == 12_000)
        #expect(!done.stderr.contains("did not finish"))
    }
}

/// The fuzz target's inputs (seeds and every crash ever found) replay without a trap.
struct FuzzReplayTests {
    @Test(arguments: ["json", "csv"])
    func seedsAndRegressionsReplayWithoutATrap(_ target: String) throws {
        let root = Binary.url.deletingLastPathComponent()
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let seeds = target == "json" ? Binary.sharedCases.path : repo.appendingPathComponent("Fuzz/corpus-csv").path
        let r = try Binary.run([seeds, repo.appendingPathComponent("Fuzz/regressions").path], environment: ["PETDESK_FUZZ_TARGET": target],
                               executable: root.appendingPathComponent("PetDeskFuzz").path)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("through the \(target) target without a trap"))
        #expect(!r.stdout.contains("replayed 0 inputs"))
    }
}

/// The audit trail always shows seconds (it dropped ":00" and so mixed two formats).
struct HistoryFormatCLITests {
    @Test func everyHistoryLineStartsWithAnInstantToTheSecond() throws {
        let dir = try Binary.temporaryDirectory()
        defer { Binary.remove(dir) }
        let db = dir.appendingPathComponent("h.sqlite").path
        #expect(try Binary.run(["import", "--db", db, Binary.sharedCases.appendingPathComponent("P11.json").path]).status == 0)
        #expect(try Binary.run(["mark", "KS2208010111", "sex", "done", "--db", db]).status == 0)
        let lines = try Binary.run(["history", "KS2208010111", "--db", db]).stdout.split(separator: "\n").filter { !$0.isEmpty }
        #expect(lines.count >= 2)
        for line in lines {
            #expect(line.range(of: #"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}  "#, options: .regularExpression) != nil, "\(line)")
        }
    }
}

/// `themes list` is a table: every column starts at the same place on every line.
struct ThemesListCLITests {
    @Test func theColumnsAreAligned() throws {
        let lines = try Binary.run(["themes", "list"]).stdout.split(separator: "\n").map(String.init)
        #expect(lines.count >= 6)
        let starts = lines.compactMap { line in line.range(of: "  (/|built-in)", options: .regularExpression).map { line[..<$0.lowerBound].displayWidthForTest } }
        #expect(starts.count == lines.count && Set(starts).count == 1, "\(lines)")
    }
}

extension Substring {
    /// Display columns, CJK counted two (enough for these ASCII/CJK lines).
    var displayWidthForTest: Int { unicodeScalars.reduce(0) { $0 + (($1.value >= 0x1100 && $1.value <= 0xFFDC) ? 2 : 1) } }
}

/// `--help` reads like a man page at 80 columns: no example line wraps back to column 0.
struct HelpLayoutCLITests {
    @Test(arguments: ["", "verdict", "rules", "import", "export", "list", "show", "mark", "undo", "decide", "history", "claim",
                      "summary", "demo", "themes", "bench"])
    func examplesFitEightyColumns(_ command: String) throws {
        let r = try Binary.run(["help"] + (command.isEmpty ? [] : [command]), environment: ["COLUMNS": "80"])
        #expect(r.status == 0)
        var inExamples = false
        for line in r.stdout.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("EXAMPLES:") { inExamples = true; continue }
            // Only a heading (USAGE:, OPTIONS:…) ends the examples; a wrapped line at column 0 is a failure.
            if line.range(of: #"^[A-Z][A-Z ]*:"#, options: .regularExpression) != nil { inExamples = false; continue }
            guard inExamples, !line.isEmpty else { continue }
            #expect(line.hasPrefix("  ") && line.displayWidthForTest <= 80, "\(command): \(line)")
        }
    }
}
