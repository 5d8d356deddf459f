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

    /// One CSV row per fact row the import writes, imported by sqlite3: every fact column of a
    /// case and every row of its lists (checklist items, contacts, tracking events, stall
    /// replies, chat messages). The store's own work (the ruling's columns, its indexes, the
    /// text index, the audit trail) is what the ratio measures, so it is left out here.
    private func sqliteImport(_ all: [Case], dir: URL) throws -> Double {
        func field(_ v: String?) -> String { v.map(CSVCases.quoted) ?? "" }
        func time(_ i: Instant?) -> String? { i.map { String($0.secondsSinceEpoch) } }
        func flag(_ b: Bool) -> String { b ? "1" : "0" }
        func row(_ values: [String?]) -> String { values.map(field).joined(separator: ",") + "\n" }
        var tables: [String: String] = [:]
        for k in all {
            tables["cases", default: ""] += row([
                k.orderID, k.categoryPath.joined(separator: ">"), k.itemKind?.rawValue, k.title, k.buyer, k.merchant,
                String(k.totalAmount.fen), time(k.paidAt), flag(k.contacts != nil), time(k.buyerFirstReplyAt),
                flag(k.cancellation != nil), time(k.cancellation?.requestedAt), time(k.cancellation?.consentAt),
                k.cancellation?.consentChannel?.rawValue, k.agreement?.period.kind.rawValue, k.agreement?.period.valueText,
                time(k.agreement?.agreedAt), k.agreement?.channel?.rawValue,
                time(k.shipment.shippedAt), time(k.shipment.firstScanAt), k.shipment.carrier, k.shipment.waybill,
                flag(k.tracking != nil), time(k.delivery.offeredAt), time(k.delivery.signedAt), time(k.delivery.refusedAt),
                k.claim?.type.rawValue, time(k.claim?.at), k.claim?.reason, k.claim?.item?.rawValue, k.claim?.actual])
            for key in ChecklistKey.all where k.checklist.isRecorded(key) {
                let e = k.checklist[key]
                tables["items", default: ""] += row([k.orderID, key.rawValue, e.status.rawValue, time(e.at), e.kind?.rawValue,
                                                     e.value, e.note, e.channel?.rawValue])
            }
            for (i, c) in (k.contacts ?? []).enumerated() {
                tables["contacts", default: ""] += row([k.orderID, String(i), time(c.at), c.channel?.rawValue])
            }
            for (i, e) in (k.tracking ?? []).enumerated() {
                tables["tracking", default: ""] += row([k.orderID, String(i), time(e.at), e.text])
            }
            for (i, r) in k.stallReplies.enumerated() {
                tables["replies", default: ""] += row([k.orderID, String(i), time(r.at), r.reason, r.courierResult, r.channel?.rawValue])
            }
            for (i, m) in k.messages.enumerated() {
                tables["messages", default: ""] += row([k.orderID, String(i), time(m.at), m.from, m.text])
            }
        }
        // Each table as the store keys it: a case by order id, a list row by order id and place.
        let definitions: [(name: String, definition: String)] = [
            ("cases", "cases(order_id TEXT PRIMARY KEY, category TEXT, item_kind TEXT, title TEXT, buyer TEXT, merchant TEXT, "
                + "total_fen INTEGER, paid_at INTEGER, contacts_known INTEGER, buyer_first_reply_at INTEGER, "
                + "has_cancellation INTEGER, cancel_requested_at INTEGER, cancel_consent_at INTEGER, cancel_consent_channel TEXT, "
                + "agreement_kind TEXT, agreement_value TEXT, agreement_agreed_at INTEGER, agreement_channel TEXT, "
                + "shipped_at INTEGER, first_scan_at INTEGER, carrier TEXT, waybill TEXT, tracking_known INTEGER, "
                + "offered_at INTEGER, signed_at INTEGER, refused_at INTEGER, "
                + "claim_type TEXT, claim_at INTEGER, claim_reason TEXT, claim_item TEXT, claim_actual TEXT)"),
            ("items", "items(order_id TEXT, item TEXT, status TEXT, at INTEGER, kind TEXT, value TEXT, note TEXT, channel TEXT, "
                + "PRIMARY KEY(order_id, item)) WITHOUT ROWID"),
            ("contacts", "contacts(order_id TEXT, seq INTEGER, at INTEGER, channel TEXT, PRIMARY KEY(order_id, seq)) WITHOUT ROWID"),
            ("tracking", "tracking(order_id TEXT, seq INTEGER, at INTEGER, text TEXT, PRIMARY KEY(order_id, seq)) WITHOUT ROWID"),
            ("replies", "replies(order_id TEXT, seq INTEGER, at INTEGER, reason TEXT, courier_result TEXT, channel TEXT, "
                + "PRIMARY KEY(order_id, seq)) WITHOUT ROWID"),
            ("messages", "messages(order_id TEXT, seq INTEGER, at INTEGER, sender TEXT, text TEXT, PRIMARY KEY(order_id, seq)) WITHOUT ROWID"),
        ]
        var script = "PRAGMA journal_mode=WAL;\n"
        for table in definitions { script += "CREATE TABLE \(table.definition);\n" }
        script += ".mode csv\n"
        for table in definitions {
            guard let rows = tables[table.name] else { continue }
            let file = dir.appendingPathComponent("\(table.name).csv")
            try Data(rows.utf8).write(to: file)
            script += ".import \(file.path) \(table.name)\n"
        }
        sync()  // as the JSON Lines input: on disk before the clock starts
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
