import Foundation
import PetDeskRules
@testable import PetDeskStore
import Testing

/// The queue is a view of the rules (standard §9): as deadlines pass, the stored suggestions are
/// re-evaluated, and the queue, `show` and the rules agree at every instant.
struct FreshQueueTests {
    /// `count` cases shipped a few minutes apart, in transit, so their 7-day deadlines and stall
    /// timers pass one after another over the instants the test reads at.
    static func cases(_ count: Int = 2000) -> [Case] {
        (0..<count).map { i in
            var c = sampleCase(String(format: "F%05d", i))
            c.checklist[.identity] = ChecklistEntry(status: .done, at: instant("2022-08-01T11:00:00"), kind: .chip, channel: .platform)
            let shipped = instant("2022-08-01T14:00:00").adding(seconds: Int64(i) * 97)
            c.shipment = Shipment(shippedAt: shipped)
            c.tracking = [TrackingEvent(at: shipped.adding(seconds: 3600), text: "揽收")]
            if i % 3 == 0 { c.claim = Claim(type: .refundOnly, at: shipped.adding(seconds: 86_400)) }
            return c
        }
    }

    @Test(arguments: Backend.allCases) func queueShowAndRulesAgreeAsDeadlinesPass(_ backend: Backend) throws {
        let store = try backend.makeStore()
        let imported = instant("2022-08-02T12:00:00")
        // Fewer on the server: a debug build of swift-nio spends most of the run in its event loop.
        let count = backend == .sqlite ? 2000 : 500
        _ = try store.importRecords(Self.cases(count).map { ImportRecord(kase: $0) }, agent: "importer", at: imported)
        let auditBefore = try store.changeToken()
        // Around the stall deadlines (08-04 15:00 + i·97 s) and the delivery deadline (08-09 00:00).
        let instants = ["2022-08-04T15:30:00", "2022-08-05T16:00:00", "2022-08-08T23:59:59", "2022-08-09T00:00:00",
                        "2022-08-12T12:00:00"].map(instant)
        let exported = Dictionary(uniqueKeysWithValues: try store.exportRecords().map { ($0.kase.orderID, $0.kase) })
        var changed = 0
        var previous: [String: Outcome] = [:]
        for t in instants {
            let rows = try store.queue(sort: .order, limit: 5000, at: t)
            #expect(rows.count == count)
            var disagreements: [String] = []
            for (i, row) in rows.enumerated() {
                let verdict = RulePack.ksPet2022.evaluate(try #require(exported[row.orderID]), at: t)
                if row.suggestedOutcome != verdict.outcome || row.dueAt != verdict.urgencyDeadline {
                    disagreements.append("\(row.orderID) at \(t): queue \(row.suggestedOutcome), rules \(verdict.outcome)")
                }
                if i % 20 == 0 {
                    let shown = try store.storedCase(row.orderID, at: t)
                    if shown.suggestedOutcome != verdict.outcome || shown.version != 1 {
                        disagreements.append("\(row.orderID) at \(t): show \(shown.suggestedOutcome) v\(shown.version), rules \(verdict.outcome)")
                    }
                }
                if let before = previous[row.orderID], before != row.suggestedOutcome { changed += 1 }
                previous[row.orderID] = row.suggestedOutcome
            }
            #expect(disagreements.isEmpty, "\(disagreements.count) disagreements, first: \(disagreements.prefix(3))")
        }
        #expect(changed > count / 2, "the test's deadlines must really pass: \(changed) suggestions changed")
        #expect(try store.changeToken() == auditBefore, "re-evaluation is not an agent's action: no audit rows")
    }

    /// Pages found by seeking from the last row shown tile the queue exactly (no row skipped,
    /// none twice) even when the rows were re-evaluated in memory: the seek starts from where a
    /// row stands in the stored order, not from its fresh urgency (which can put it elsewhere).
    static func firstDifference(_ a: [String], _ b: [String]) -> Int {
        (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
    }

    @Test(arguments: Backend.allCases) func seekingFromRowsComputedInMemoryNeitherSkipsNorRepeats(_ backend: Backend) throws {
        let store = try backend.makeStore()
        let count = backend == .sqlite ? 600 : 200
        _ = try store.importRecords(Self.cases(count).map { ImportRecord(kase: $0) }, agent: "importer", at: instant("2022-08-02T12:00:00"))
        for t in ["2022-08-04T15:30:00", "2022-08-09T00:00:00"].map(instant) {
            for sort in [QueueSort.urgency, .paid] {
                // Nothing written: every expired row is computed in memory (refreshLimit 0).
                let all = try store.queue(sort: sort, limit: count + 10, page: .offset(0), at: t, refreshLimit: 0).map(\.orderID)
                var paged: [String] = []
                var page = try store.queue(sort: sort, limit: 7, page: .offset(0), at: t, refreshLimit: 0)
                while !page.isEmpty, paged.count <= count {
                    paged += page.map(\.orderID)
                    page = try store.queue(sort: sort, limit: 7, page: .after(page.last!), at: t, refreshLimit: 0)
                }
                let forward = paged == all  // (the lists themselves are too long to print)
                #expect(forward, "\(sort) at \(t): \(paged.count) rows paged forward, \(all.count) in the queue, first difference at row \(Self.firstDifference(paged, all))")
                var back: [String] = []
                page = try store.queue(sort: sort, limit: 7, page: .last, at: t, refreshLimit: 0)
                while !page.isEmpty, back.count <= count {
                    back = page.map(\.orderID) + back
                    page = try store.queue(sort: sort, limit: 7, page: .before(page.first!), at: t, refreshLimit: 0)
                }
                let backward = back == all
                #expect(backward, "\(sort) at \(t): \(back.count) rows paged backward, \(all.count) in the queue, first difference at row \(Self.firstDifference(back, all))")
            }
        }
    }

    @Test func whereTheReEvaluationCannotBeWrittenReadsComputeItInMemory() throws {
        let store = try CaseStore.inMemory()
        let imported = instant("2022-08-02T12:00:00")
        let cases = Array(Self.cases().prefix(50))
        _ = try store.importRecords(cases.map { ImportRecord(kase: $0) }, agent: "importer", at: imported)
        let later = instant("2022-08-12T12:00:00")
        // As on a read-only database: the rows are read without the refresh having been written.
        let rows = try store.read { db in try store.queueRows(db, sort: .order, filter: nil, limit: 100, offset: 0, at: later) }
        for (row, kase) in zip(rows, cases) {
            let verdict = RulePack.ksPet2022.evaluate(kase, at: later)
            #expect(row.suggestedOutcome == verdict.outcome && row.dueAt == verdict.urgencyDeadline)
            let shown = try store.read { db in try store.load(db, kase.orderID, at: later) }
            #expect(shown.suggestedOutcome == verdict.outcome)
        }
        #expect(rows.contains { $0.suggestedOutcome != .monitor }, "the deadlines must have changed something")
    }

    @Test(arguments: Backend.allCases) func aTickReEvaluatesOnlyABoundedBatch(_ backend: Backend) throws {
        let store = try backend.makeStore()
        _ = try store.importRecords(Self.cases().map { ImportRecord(kase: $0) }, agent: "importer", at: instant("2022-08-02T12:00:00"))
        let later = instant("2022-08-12T12:00:00")
        #expect(try store.refreshExpired(at: later, limit: 300) == 300)
        #expect(try store.refreshExpired(at: instant("2022-08-02T12:00:01"), limit: 300) == 0)
    }
}

/// The default order is built around disputes: open claims first (breached, then the nearest
/// deadline), then cases to watch, then the rest; decided cases last.
struct QueueOrderTests {
    @Test(arguments: Backend.allCases) func openDisputesComeFirstAndDecidedCasesLast(_ backend: Backend) throws {
        let store = try backend.makeStore()
        let now = instant("2022-08-06T12:00:00")
        let claim = Claim(type: .refundOnly, at: instant("2022-08-06T10:00:00"))
        func scanned(_ c: Case) -> Case {
            var c = c
            c.tracking!.append(TrackingEvent(at: instant("2022-08-05T09:00:00"), text: "到达"))
            return c
        }
        var stalledClaim = sampleCase("A-stalled-claim"); stalledClaim.claim = claim           // stall overdue 08-05 15:00
        var runningClaim = scanned(sampleCase("B-running-claim")); runningClaim.claim = claim  // stall due 08-08 09:00
        var signedClaim = sampleCase("C-signed-claim")                                         // nothing running
        signedClaim.delivery = Delivery(offeredAt: instant("2022-08-02T16:00:00"), signedAt: instant("2022-08-02T16:00:00"))
        signedClaim.claim = Claim(type: .noReasonReturn, at: instant("2022-08-03T10:00:00"))
        let watch = scanned(sampleCase("D-watch"))
        var quiet = sampleCase("E-quiet")
        quiet.delivery = Delivery(offeredAt: instant("2022-08-02T16:00:00"), signedAt: instant("2022-08-02T16:00:00"))
        var decided = sampleCase("F-decided"); decided.claim = claim
        let all = [decided, quiet, watch, signedClaim, runningClaim, stalledClaim]
        _ = try store.importRecords(all.map { ImportRecord(kase: $0) }, agent: "importer", at: now)
        _ = try store.recordDecision("F-decided", outcome: try store.storedCase("F-decided", at: now).suggestedOutcome,
                                     reason: nil, agent: "li", at: now)
        let rows = try store.queue(limit: 10, at: now)
        #expect(rows.map(\.orderID) == ["A-stalled-claim", "B-running-claim", "C-signed-claim", "D-watch", "E-quiet", "F-decided"])
        #expect(rows.map(\.urgencyRank) == [.openDispute, .openDispute, .openDispute, .watch, .quiet, .decided])
        #expect(rows[0].dueTimer == .stall && rows[1].dueTimer == .stall && rows[2].dueTimer == nil)
    }
}

/// The filter finds what a row shows: merchant, waybill and the suggested outcome's label too.
struct QueueFilterTests {
    @Test(arguments: Backend.allCases) func merchantWaybillAndOutcomeLabelsAreFound(_ backend: Backend) throws {
        let store = try backend.makeStore()
        let now = instant("2022-08-03T12:00:00")
        var a = sampleCase("A1"); a.merchant = "萌宠之家"; a.shipment.waybill = "SF2208010111"
        var b = sampleCase("B2"); b.merchant = "汪星球犬舍"
        b.checklist[.identity] = ChecklistEntry(status: .missing); b.claim = Claim(type: .refuse, at: now)
        b.delivery = Delivery(offeredAt: now, refusedAt: now)
        _ = try store.importRecords([a, b].map { ImportRecord(kase: $0) }, agent: "t", at: now)
        func ids(_ filter: String) throws -> [String] { try store.queue(sort: .order, filter: filter, limit: 10, at: now).map(\.orderID) }
        #expect(try ids("萌宠") == ["A1"])
        #expect(try ids("0111") == ["A1"], "waybill")
        #expect(try ids("犬舍") == ["B2"])
        #expect(try ids("全额退款") == ["B2"] && ids("REFUND") == ["B2"] && ids("full_refund") == ["B2"])
        #expect(try store.count(filter: "犬舍") == 1)
    }

    /// Issue 13: the filter goes through a trigram index (FTS5 on SQLite, pg_trgm on
    /// PostgreSQL) and still finds every substring: Chinese, any case, across fields' ends,
    /// one or two characters (those scan), with LIKE's wildcards taken literally.
    @Test(arguments: Backend.allCases) func theFilterFindsSubstringsThroughItsTrigramIndex(_ backend: Backend) throws {
        let store = try backend.makeStore()
        let now = instant("2022-08-03T12:00:00")
        var a = sampleCase("KS2208A"); a.buyer = "王小明"; a.title = "英短蓝猫 Blue Cat"; a.merchant = "萌宠之家"
        var b = sampleCase("KS2208B"); b.buyer = "李四"; b.title = "柯基 100% 纯种"; b.shipment.waybill = "SF_77"
        _ = try store.importRecords([a, b].map { ImportRecord(kase: $0) }, agent: "t", at: now)
        func ids(_ filter: String) throws -> [String] { try store.queue(sort: .order, filter: filter, limit: 10, at: now).map(\.orderID) }
        #expect(try ids("王小明") == ["KS2208A"])
        #expect(try ids("blue cat") == ["KS2208A"] && ids("BLUE") == ["KS2208A"])
        #expect(try ids("蓝猫") == ["KS2208A"], "two characters")
        #expect(try ids("王") == ["KS2208A"], "one character")
        #expect(try ids("100%") == ["KS2208B"] && ids("0%") == ["KS2208B"] && ids("F_7") == ["KS2208B"])
        #expect(try ids("%") == ["KS2208B"] && ids("_") == ["KS2208B"])
        #expect(try ids("ks2208") == ["KS2208A", "KS2208B"])
        #expect(try ids("\"王") == [] && ids("小明\"") == [])
        #expect(try ids("宠物活体") == ["KS2208A", "KS2208B"], "the category path")
        // A renamed buyer is found under the new name only (the index follows the row).
        var renamed = a
        renamed.buyer = "赵六六"
        _ = try store.importRecords([ImportRecord(kase: renamed)], agent: "t", at: now)
        #expect(try ids("赵六六") == ["KS2208A"] && ids("王小明") == [])
        #expect(try store.count(filter: "赵六六") == 1)
        // And the plan goes through the index.
        let plan: String = try store.read { db in
            switch backend {
            case .sqlite:
                return try db.rows("EXPLAIN QUERY PLAN SELECT c.order_id FROM cases c WHERE c.rowid IN "
                                   + "(SELECT rowid FROM cases_text WHERE cases_text MATCH '\"赵六六\"')", []).map { $0.values.map { "\($0)" }.joined() }.joined()
            case .postgres:
                try db.execute("SET LOCAL enable_seqscan = off")
                return try db.rows("EXPLAIN SELECT c.order_id FROM cases c WHERE (\(SQLDialect.searchableText)) ILIKE '%赵六六%'", [])
                    .compactMap(\.firstText).joined(separator: "\n")
            }
        }
        #expect(plan.contains(backend == .sqlite ? "VIRTUAL TABLE INDEX" : "cases_text_trigrams"), "\(plan)")
    }
}
