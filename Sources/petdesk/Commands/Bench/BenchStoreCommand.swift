import ArgumentParser
import Foundation
import PetDeskDashboard
import PetDeskDemo
import PetDeskRules
import PetDeskStore
import PetDeskUI

/// `petdesk bench store`: import speed against sqlite3's .import, the urgency query, bytes per case.
struct StoreBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Import N cases from JSON Lines, compare with sqlite3 .import of the same rows, time the top-100 query."
    )

    @Option(help: "How many cases.") var cases: Int = 100_000

    func validate() throws {
        if cases < 100 || cases > 5_000_000 { throw ValidationError("--cases must be between 100 and 5000000") }
    }

    func run() throws {
        try withScratchDirectory { dir in
            let now = SystemClock.now()
            var generator = CaseGenerator(seed: 11, now: now)
            let all = (0..<cases).map { generator.next(index: $0) }
            // The input file, as the platform would hand it over.
            let jsonl = dir.appendingPathComponent("cases.jsonl")
            var text = ""
            text.reserveCapacity(cases * 2000)
            for k in all { text += JSONWriter.string(CaseEncoder.json(k), pretty: false) + "\n" }
            try Data(text.utf8).write(to: jsonl)
            text = ""
            // The input on disk before the clock starts: left in the page cache, its writeback
            // could land in the new database's first commit (seen: 1.27 s of "open" at 20,000
            // cases in one run, 0.02 s in the next), time that was not the import's.
            sync()

            let dbPath = dir.appendingPathComponent("bench.sqlite").path
            let start = ContinuousClock.now
            var seen: [String: String] = [:]
            let contents = CaseFileReader.read(path: jsonl.path, seenOrderIDs: &seen)
            let parsed = ContinuousClock.now
            let db = try storeCall { try CaseStore.open(at: dbPath) }
            let opened = ContinuousClock.now
            try storeCall { _ = try db.importRecords(contents.records.map { ImportRecord(kase: $0.kase) }, agent: "bench", at: now) }
            let imported = ContinuousClock.now
            Output.line("store: parse \(String(format: "%.2f", seconds(parsed - start))) s, open \(String(format: "%.3f", seconds(opened - parsed))) s, insert \(String(format: "%.2f", seconds(imported - opened))) s")
            let importSeconds = seconds(imported - start)

            // The same rows, flattened to CSV, through the sqlite3 shell's .import.
            let csvSeconds = try sqliteImport(all, dir: dir)

            // The top-100 urgency query.
            var times: [Double] = []
            for _ in 0..<50 {
                let t0 = ContinuousClock.now
                _ = try storeCall { try db.queue(sort: .urgency, limit: 100, at: now) }
                times.append(seconds(ContinuousClock.now - t0) * 1000)
            }
            times.sort()

            // The filter: substrings of buyers, titles and order ids from the data, three
            // characters or more (the trigram index) and two (the index of characters and pairs), a page and its count each.
            var filterTimes: [Double] = [], shortTimes: [Double] = []
            for (i, k) in all.prefix(40).enumerated() {
                let source = [k.orderID, k.title ?? "", k.buyer ?? ""][i % 3]
                let chars = Array(source)
                guard chars.count >= 3 else { continue }
                for (length, bucket) in [(3, 0), (2, 1)] {
                    let needle = String(chars[(chars.count - length)...])
                    let t0 = ContinuousClock.now
                    _ = try storeCall { try db.queue(sort: .urgency, filter: needle, limit: 100, at: now) }
                    _ = try storeCall { try db.count(filter: needle) }
                    let ms = seconds(ContinuousClock.now - t0) * 1000
                    if bucket == 0 { filterTimes.append(ms) } else { shortTimes.append(ms) }
                }
            }
            filterTimes.sort()
            shortTimes.sort()

            // Ten days on, the deadlines have passed: re-evaluate what expired, batch by batch.
            let later = now.adding(seconds: 10 * PlatformTime.secondsPerDay)
            let r0 = ContinuousClock.now
            let reevaluated = try storeCall { try db.refreshAllExpired(at: later) }
            let reevaluationSeconds = seconds(ContinuousClock.now - r0)

            // What durability costs: acknowledged marks, one commit each, FULL against NORMAL.
            var markFigures: [String] = []
            for (name, durability) in [("FULL", Durability.full), ("NORMAL", .normal)] {
                let path = dir.appendingPathComponent("marks-\(name).sqlite").path
                let marksDB = try storeCall { try CaseStore.open(at: path, durability: durability) }
                try storeCall { _ = try marksDB.importRecords(all.prefix(10).map { ImportRecord(kase: $0) }, agent: "bench", at: now) }
                var latencies: [Double] = []
                for i in 0..<200 {
                    let t0 = ContinuousClock.now
                    _ = try storeCall { try marksDB.saveMark(all[i % 10].orderID, item: .sex, status: i % 2 == 0 ? .done : .missing,
                                                              agent: "bench", at: now) }
                    latencies.append(seconds(ContinuousClock.now - t0) * 1000)
                }
                latencies.sort()
                markFigures.append("\(name) p50 \(String(format: "%.2f", latencies[100])) ms, p99 \(String(format: "%.2f", latencies[198])) ms")
            }
            let size = try walSize(dbPath)
            Output.line("store: import \(cases) cases in \(String(format: "%.2f", importSeconds)) s (\(Int(Double(cases) / importSeconds)) cases/s)")
            Output.line("store: sqlite3 .import of the same rows as flat CSV: \(String(format: "%.2f", csvSeconds)) s; ratio \(String(format: "%.2f", importSeconds / csvSeconds))× (goal ≤ 2×)")
            Output.line("store: top-100 urgency query p50 \(String(format: "%.2f", times[times.count / 2])) ms, p99 \(String(format: "%.2f", times[times.count * 99 / 100])) ms at \(cases) cases (goal ≤ 5 ms at 1,000,000)")
            Output.line("store: filter (page + count) of 3+ characters, through the trigram index: p50 \(String(format: "%.2f", filterTimes[filterTimes.count / 2])) ms, "
                + "p99 \(String(format: "%.2f", filterTimes.last!)) ms; of 2 characters, through the index of characters and pairs: p50 \(String(format: "%.2f", shortTimes[shortTimes.count / 2])) ms, "
                + "max \(String(format: "%.2f", shortTimes.last!)) ms at \(cases) cases (goal ≤ 50 ms p99 at 1,000,000)")
            Output.line("store: \(size / Int64(cases)) bytes per case on disk (\(size / 1_048_576) MiB)")
            Output.line("store: acknowledged mark (one commit): synchronous=\(markFigures.joined(separator: "; synchronous="))")
            Output.line("store: re-evaluated \(reevaluated) expired cases in \(String(format: "%.2f", reevaluationSeconds)) s "
                + "(\(Int(Double(reevaluated) / max(reevaluationSeconds, 1e-9))) cases/s, batches of \(StoreTuning.refreshBatch))")
        }
    }

    /// One CSV row per fact row (cases, checklist items, tracking events…), imported by sqlite3.
    private func sqliteImport(_ all: [Case], dir: URL) throws -> Double {
        func field(_ v: String?) -> String { v.map(CSVCases.quoted) ?? "" }
        var cases = "", items = "", tracking = ""
        for k in all {
            cases += [k.orderID, k.categoryPath.joined(separator: ">"), k.itemKind?.rawValue, k.title, k.buyer, k.merchant,
                      String(k.totalAmount.fen), String(k.paidAt.secondsSinceEpoch), k.shipment.shippedAt.map { String($0.secondsSinceEpoch) },
                      k.shipment.carrier, k.shipment.waybill, k.delivery.offeredAt.map { String($0.secondsSinceEpoch) },
                      k.claim?.type.rawValue].map(field).joined(separator: ",") + "\n"
            for key in ChecklistKey.all where k.checklist.isRecorded(key) {
                let e = k.checklist[key]
                items += [k.orderID, key.rawValue, e.status.rawValue, e.at.map { String($0.secondsSinceEpoch) }, e.value, e.note,
                          e.channel?.rawValue].map(field).joined(separator: ",") + "\n"
            }
            for (i, e) in (k.tracking ?? []).enumerated() {
                tracking += [k.orderID, String(i), String(e.at.secondsSinceEpoch), e.text].map(field).joined(separator: ",") + "\n"
            }
        }
        try Data(cases.utf8).write(to: dir.appendingPathComponent("cases.csv"))
        try Data(items.utf8).write(to: dir.appendingPathComponent("items.csv"))
        try Data(tracking.utf8).write(to: dir.appendingPathComponent("tracking.csv"))
        sync()  // as the JSON Lines input: on disk before the clock starts
        let script = """
        PRAGMA journal_mode=WAL;
        CREATE TABLE cases(order_id TEXT PRIMARY KEY, category TEXT, item_kind TEXT, title TEXT, buyer TEXT, merchant TEXT, total_fen INTEGER, paid_at INTEGER, shipped_at INTEGER, carrier TEXT, waybill TEXT, offered_at INTEGER, claim_type TEXT);
        CREATE TABLE items(order_id TEXT, item TEXT, status TEXT, at INTEGER, value TEXT, note TEXT, channel TEXT, PRIMARY KEY(order_id, item)) WITHOUT ROWID;
        CREATE TABLE tracking(order_id TEXT, seq INTEGER, at INTEGER, text TEXT, PRIMARY KEY(order_id, seq)) WITHOUT ROWID;
        .mode csv
        .import \(dir.appendingPathComponent("cases.csv").path) cases
        .import \(dir.appendingPathComponent("items.csv").path) items
        .import \(dir.appendingPathComponent("tracking.csv").path) tracking
        """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["sqlite3", dir.appendingPathComponent("shell.sqlite").path]
        let input = Pipe()
        p.standardInput = input
        p.standardOutput = FileHandle.nullDevice
        let start = ContinuousClock.now
        try p.run()
        input.fileHandleForWriting.write(Data(script.utf8))
        try input.fileHandleForWriting.close()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw CommandFailure("petdesk: sqlite3 .import failed (is the sqlite3 shell installed?)", status: 1) }
        return seconds(ContinuousClock.now - start)
    }

    private func walSize(_ path: String) throws -> Int64 {
        var total: Int64 = 0
        for suffix in ["", "-wal"] {
            let attributes = try? FileManager.default.attributesOfItem(atPath: path + suffix)
            total += (attributes?[.size] as? NSNumber)?.int64Value ?? 0
        }
        return total
    }
}
