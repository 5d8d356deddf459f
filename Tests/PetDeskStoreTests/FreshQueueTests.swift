import Foundation
import PetDeskRules
@testable import PetDeskStore
import Testing

/// The queue is a view of the rules (standard §9): as deadlines pass, the stored suggestions are
/// re-evaluated, and the queue, `show` and the rules agree at every instant.
struct FreshQueueTests {
    /// 2,000 cases shipped a few minutes apart, in transit, so their 7-day deadlines and stall
    /// timers pass one after another over the instants the test reads at.
    static func cases() -> [Case] {
        (0..<2000).map { i in
            var c = sampleCase(String(format: "F%05d", i))
            c.checklist[.identity] = ChecklistEntry(status: .done, at: instant("2022-08-01T11:00:00"), kind: .chip, channel: .platform)
            let shipped = instant("2022-08-01T14:00:00").adding(seconds: Int64(i) * 97)
            c.shipment = Shipment(shippedAt: shipped)
            c.tracking = [TrackingEvent(at: shipped.adding(seconds: 3600), text: "揽收")]
            if i % 3 == 0 { c.claim = Claim(type: .refundOnly, at: shipped.adding(seconds: 86_400)) }
            return c
        }
    }

    @Test func queueShowAndRulesAgreeAsDeadlinesPass() throws {
        let store = try CaseStore.inMemory()
        let imported = instant("2022-08-02T12:00:00")
        _ = try store.importRecords(Self.cases().map { ImportRecord(kase: $0) }, agent: "importer", at: imported)
        let auditBefore = try store.changeToken()
        // Around the stall deadlines (08-04 15:00 + i·97 s) and the delivery deadline (08-09 00:00).
        let instants = ["2022-08-04T15:30:00", "2022-08-05T16:00:00", "2022-08-08T23:59:59", "2022-08-09T00:00:00",
                        "2022-08-12T12:00:00"].map(instant)
        var changed = 0
        var previous: [String: Outcome] = [:]
        for t in instants {
            let rows = try store.queue(sort: .order, limit: 5000, at: t)
            #expect(rows.count == 2000)
            var disagreements: [String] = []
            for row in rows {
                let stored = try store.storedCase(row.orderID, at: t)
                let verdict = RulePack.ksPet2022.evaluate(stored.kase, at: t)
                if row.suggestedOutcome != verdict.outcome || stored.suggestedOutcome != verdict.outcome
                    || row.dueAt != verdict.urgencyDeadline || stored.version != 1 {
                    disagreements.append("\(row.orderID) at \(t): queue \(row.suggestedOutcome), show \(stored.suggestedOutcome), rules \(verdict.outcome)")
                }
                if let before = previous[row.orderID], before != row.suggestedOutcome { changed += 1 }
                previous[row.orderID] = row.suggestedOutcome
            }
            #expect(disagreements.isEmpty, "\(disagreements.count) disagreements, first: \(disagreements.prefix(3))")
        }
        #expect(changed > 1000, "the test's deadlines must really pass: \(changed) suggestions changed")
        #expect(try store.changeToken() == auditBefore, "re-evaluation is not an agent's action: no audit rows")
    }

    @Test func aTickReEvaluatesOnlyABoundedBatch() throws {
        let store = try CaseStore.inMemory()
        _ = try store.importRecords(Self.cases().map { ImportRecord(kase: $0) }, agent: "importer", at: instant("2022-08-02T12:00:00"))
        let later = instant("2022-08-12T12:00:00")
        #expect(try store.refreshExpired(at: later, limit: 300) == 300)
        #expect(try store.refreshExpired(at: instant("2022-08-02T12:00:01"), limit: 300) == 0)
    }
}
