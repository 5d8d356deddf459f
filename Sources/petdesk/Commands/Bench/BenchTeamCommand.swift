import ArgumentParser
import Foundation
import PetDeskDemo
import PetDeskRules
import PetDeskStore

/// `petdesk bench team`: many agents' processes working one queue at once.
struct TeamBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "team",
        abstract: "Run N agent processes that claim, mark, decide and release at random on one database.",
        discussion: """
        Each agent loops for --seconds: claim the next case ('next'), mark one to three checklist \
        items, sometimes decide, release. Writes are timed one by one. At the end the audit log is \
        checked against what the agents were told was saved (a missing mark is a lost update) and \
        the agents' leases against each other (one case held by two agents at once is a double \
        claim). An empty database is filled with --cases demo cases first.

        Ends with 'team: <X> ops/s, write p50 <Y> ms, p99 <Z> ms, lost updates <L>, double claims <D>, <N> agents'.

        EXAMPLES:
          petdesk bench team --agents 20 --seconds 10 --db postgresql://owner@127.0.0.1/bench?sslmode=disable
          petdesk bench team --agents 20 --seconds 10 --db /tmp/bench-team.sqlite
        """)

    @Option(help: "How many agent processes.") var agents: Int = 20
    @Option(help: "How long each works.") var seconds: Int = 10
    @Option(help: "Cases to create when the database is empty.") var cases: Int = 2_000
    @Option(help: ArgumentHelp("The database: a SQLite file or a postgresql:// URL.", valueName: "PATH|URL")) var db: String

    func validate() throws {
        if agents < 1 || agents > 200 { throw ValidationError("--agents must be between 1 and 200") }
        if seconds < 1 || seconds > 3600 { throw ValidationError("--seconds must be between 1 and 3600") }
        if cases < 1 || cases > 1_000_000 { throw ValidationError("--cases must be between 1 and 1000000") }
    }

    func run() throws {
        let store = try storeCall { CaseStore.isServerURL(db) ? try CaseStore.connect(to: db, migrate: true) : try CaseStore.open(at: db) }
        if try storeCall({ try store.count() }) == 0 {
            try DemoQueue.fill(store, orders: cases, seed: 20, now: SystemClock.now())
        }
        let run = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        let processes = try (0..<agents).map { i -> (Process, Pipe) in
            let p = Process()
            // This very binary, however it was started (a bare `petdesk` found on PATH included).
            p.executableURL = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
            p.arguments = ["bench", "team-agent", "--db", db, "--agent", "bench-\(run)-\(i)", "--seconds", String(seconds), "--seed", String(i)]
            let out = Pipe()
            p.standardOutput = out
            p.standardError = FileHandle.standardError
            try p.run()
            return (p, out)
        }
        var reports: [AgentReport] = []
        for (p, out) in processes {
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            guard p.terminationStatus == 0, let report = AgentReport(line: String(decoding: data, as: UTF8.self)) else {
                throw CommandFailure("petdesk: an agent process failed (status \(p.terminationStatus)); nothing to report", status: 1)
            }
            reports.append(report)
        }
        // Lost updates: a mark or decision an agent was told was saved that the audit log lacks.
        var lost = 0
        var audited: [String: [String: Int]] = [:]
        for id in Set(reports.flatMap { $0.saved.map(\.orderID) }) {
            for entry in try storeCall({ try store.history(id) }) where entry.action == "mark" || entry.action == "decide" {
                audited[id, default: [:]][entry.agent, default: 0] += 1
            }
        }
        var acknowledged: [String: [String: Int]] = [:]
        for r in reports { for s in r.saved { acknowledged[s.orderID, default: [:]][r.agent, default: 0] += 1 } }
        for (id, byAgent) in acknowledged {
            for (agent, n) in byAgent { lost += max(0, n - (audited[id]?[agent] ?? 0)) }
        }
        // Double claims: one case held by two agents over overlapping spans.
        var spans: [String: [(agent: String, from: Double, to: Double)]] = [:]
        for r in reports { for h in r.held { spans[h.orderID, default: []].append((r.agent, h.from, h.to)) } }
        var doubles = 0
        for (_, list) in spans {
            let sorted = list.sorted { $0.from < $1.from }
            for (a, b) in zip(sorted, sorted.dropFirst()) where a.agent != b.agent && b.from < a.to { doubles += 1 }
        }
        let push = try pushLatencies(store)
        let latencies = reports.flatMap(\.latencies).sorted()
        let ops = latencies.count
        func percentile(_ p: Double) -> Double { latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
        let errors = reports.map(\.errors).reduce(0, +)
        Output.line("agents: \(agents), \(seconds) s each on \(store.location)")
        Output.line("writes: \(ops) acknowledged (claims, marks, decisions, releases), \(errors) refused (conflicts, nothing left)")
        if let push {
            Output.line(String(format: "push: another process's mark reached a listening store in p50 %.1f ms, max %.1f ms (%d marks)",
                               push[push.count / 2], push.last!, push.count))
        } else {
            Output.line("push: none on SQLite (dashboards compare the change token each second)")
        }
        Output.line(String(format: "team: %.0f ops/s, write p50 %.2f ms, p99 %.2f ms, lost updates %d, double claims %d, %d agents",
                           Double(ops) / Double(seconds), percentile(0.5), percentile(0.99), lost, doubles, agents))
        if lost > 0 || doubles > 0 { throw ExitCode(1) }
    }
}

extension TeamBench {
    /// How long a write by one connection takes to reach another that LISTENs (team mode): from
    /// the moment the write is asked for to the notification, sorted, in ms. Nil on SQLite.
    func pushLatencies(_ listener: CaseStore) throws -> [Double]? {
        let signal = DispatchSemaphore(value: 0)
        guard let feed = try storeCall({ try listener.changeFeed { signal.signal() } }) else { return nil }
        defer { feed.stop() }
        let writer = try storeCall { try CaseStore.connect(to: db) }
        let rows = try storeCall { try writer.queue(sort: .order, limit: 20, at: SystemClock.now()) }
        var out: [Double] = []
        for row in rows {
            while signal.wait(timeout: .now()) == .success {}  // nothing left over from earlier writes
            let start = ContinuousClock.now
            _ = try? writer.saveMark(row.orderID, item: .identity, status: .done, agent: writer.authenticatedAgent ?? "bench",
                                     at: SystemClock.now(), force: true)
            guard signal.wait(timeout: .now() + 5) == .success else { continue }
            let d = ContinuousClock.now - start
            out.append(Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
        }
        return out.isEmpty ? nil : out.sorted()
    }
}

/// One agent process of `bench team` (not for people: the bench starts it).
struct TeamBenchAgent: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "team-agent", abstract: "One agent of 'bench team'.",
                                                    shouldDisplay: false)

    @Option var db: String
    @Option var agent: String
    @Option var seconds: Int
    @Option var seed: UInt64

    func run() throws {
        let store = try storeCall { CaseStore.isServerURL(db) ? try CaseStore.connect(to: db) : try CaseStore.open(at: db) }
        var rng = SplitMix64(seed: seed)
        var report = AgentReport(agent: agent)
        let end = ContinuousClock.now + .seconds(seconds)
        func timed<T>(_ body: () throws -> T) rethrows -> T {
            let start = ContinuousClock.now
            let result = try body()
            let d = ContinuousClock.now - start
            report.latencies.append(Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
            return result
        }
        while ContinuousClock.now < end {
            let now = SystemClock.now()
            guard let row = try? timed({ try store.claimNext(agent: agent, at: now, duration: 600) }) else {
                report.errors += 1
                Thread.sleep(forTimeInterval: 0.01)
                continue
            }
            let from = Date().timeIntervalSince1970
            for _ in 0..<(1 + Int(rng.next() % 3)) {
                let item = ChecklistKey.all[Int(rng.next() % UInt64(ChecklistKey.all.count))]
                let status = ItemStatus.allCases[Int(rng.next() % UInt64(ItemStatus.allCases.count))]
                if (try? timed({ try store.saveMark(row.orderID, item: item, status: status, agent: agent, at: SystemClock.now()) })) != nil {
                    report.saved.append(.init(orderID: row.orderID))
                } else {
                    report.errors += 1
                }
            }
            if rng.next() % 20 == 0, let stored = try? store.storedCase(row.orderID, at: SystemClock.now()) {
                if (try? timed({ try store.recordDecision(row.orderID, outcome: stored.suggestedOutcome, reason: nil, agent: agent,
                                                          at: SystemClock.now()) })) != nil {
                    report.saved.append(.init(orderID: row.orderID))
                }
            }
            // The span ends before the release is asked for: another agent can hold it only after.
            report.held.append(.init(orderID: row.orderID, from: from, to: Date().timeIntervalSince1970))
            if (try? timed({ try store.release(row.orderID, agent: agent, at: SystemClock.now()) })) == nil { report.errors += 1 }
        }
        Output.data(report.line)
    }
}

/// What one agent process did, as one line of text between the processes.
struct AgentReport {
    struct Saved { var orderID: String }
    struct Held { var orderID: String; var from: Double; var to: Double }
    var agent: String
    var latencies: [Double] = []
    var saved: [Saved] = []
    var held: [Held] = []
    var errors = 0

    init(agent: String) { self.agent = agent }

    /// `agent␟errors␟latencies,…␟saved ids,…␟held id:from:to,…` (order ids hold none of ␟ , : in bench data).
    var line: String {
        [agent, String(errors), latencies.map { String($0) }.joined(separator: ","), saved.map(\.orderID).joined(separator: ","),
         held.map { "\($0.orderID):\($0.from):\($0.to)" }.joined(separator: ",")].joined(separator: "\u{1F}")
    }

    init?(line: String) {
        let parts = line.trimmingCharacters(in: .newlines).components(separatedBy: "\u{1F}")
        guard parts.count == 5, let errors = Int(parts[1]) else { return nil }
        agent = parts[0]
        self.errors = errors
        latencies = parts[2].split(separator: ",").compactMap { Double($0) }
        saved = parts[3].split(separator: ",").map { Saved(orderID: String($0)) }
        held = parts[4].split(separator: ",").compactMap { h in
            let f = h.split(separator: ":")
            guard f.count == 3, let a = Double(f[1]), let b = Double(f[2]) else { return nil }
            return Held(orderID: String(f[0]), from: a, to: b)
        }
    }
}
