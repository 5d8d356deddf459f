@testable import PetDeskStore
import PetDeskRules
import Testing

/// The next or previous page is found by seeking the queue's indexes, never by walking rows:
/// SQLite's plan for each seek must constrain every term of the index it reads.
struct QueuePlanTests {
    static let at = Instant(secondsSinceEpoch: 1_796_000_000)

    static func plan(_ store: CaseStore, sort: QueueSort, page: QueuePage) throws -> [String] {
        let query = store.pageQueries(sort: sort, filter: nil, page: page, at: at)
        return try store.read { db in
            try query.statements.flatMap { statement in
                try db.rows("EXPLAIN QUERY PLAN " + statement.sql, statement.arguments(limit: 40)).compactMap { $0.text("detail") }
            }
        }
    }

    @Test func aPageAfterOrBeforeARowSeeksEveryTermOfTheIndex() throws {
        let store = try CaseStore.inMemory()
        // A quiet row with no deadline: its class is most of a real queue (bench ui: 194,000 rows
        // walked on each PgDn there while only the class was sought).
        let row = QueueRow(orderID: "K5", title: "", buyer: "", species: "", suggestedOutcome: .outOfScope, dueAt: nil, claimType: nil,
                           claimedBy: nil, decidedOutcome: nil, paidAt: Self.at, version: 1, urgencyRank: .quiet)
        let after = try Self.plan(store, sort: .urgency, page: .after(row))
        #expect(after.contains { $0.contains("cases_by_queue (urgency_rank=? AND <expr>=? AND order_id>?)") }, "\(after)")
        #expect(after.contains { $0.contains("cases_by_queue (urgency_rank=? AND <expr>>?)") }, "\(after)")
        let before = try Self.plan(store, sort: .urgency, page: .before(row))
        #expect(before.contains { $0.contains("cases_by_queue (urgency_rank=? AND <expr>=? AND order_id<?)") }, "\(before)")
        let paid = try Self.plan(store, sort: .paid, page: .after(row))
        #expect(paid.contains { $0.contains("cases_by_paid (paid_at=? AND order_id<?)") }, "\(paid)")
        // No part of any plan reads the whole table, and no seek sorts what it found (a seek
        // that sorts has read its whole range: PgUp among 194,000 quiet cases took 250 ms).
        for detail in after + before + paid {
            #expect(!detail.hasPrefix("SCAN c"), "\(detail)")
            #expect(!detail.contains("RIGHT PART OF ORDER BY"), "\(detail)")
            // Each part reads its rows in the index's order: nothing sorts them again.
            #expect(!detail.contains("TEMP B-TREE"), "\(detail)")
        }
    }

    /// A page's statements read the same at every instant and offset: each is prepared once and
    /// cached, not once a second (the instant written into the text made every load prepare its
    /// statements again, and the cache grow by them all shift).
    @Test func pageStatementsAreTheSameTextAtEveryInstantAndOffset() throws {
        let store = try CaseStore.inMemory()
        let row = QueueRow(orderID: "K5", title: "", buyer: "", species: "", suggestedOutcome: .monitor, dueAt: nil, claimType: nil,
                           claimedBy: nil, decidedOutcome: nil, paidAt: Self.at, version: 1, urgencyRank: .quiet)
        for page in [QueuePage.offset(0), .after(row), .before(row), .last] {
            let now = store.pageQueries(sort: .urgency, filter: nil, page: page, at: Self.at).statements.map(\.sql)
            let later = store.pageQueries(sort: .urgency, filter: nil, page: page, at: Self.at.adding(seconds: 61)).statements.map(\.sql)
            #expect(now == later)
        }
        let top = store.pageQueries(sort: .paid, filter: nil, page: .offset(0), at: Self.at).statements.map(\.sql)
        #expect(top == store.pageQueries(sort: .paid, filter: nil, page: .offset(5_000), at: Self.at).statements.map(\.sql))
    }
}
