@testable import PetDeskStore
import PetDeskRules
import Testing

/// SQLite checks no foreign key of the rows an import writes (they hold by construction):
/// afterwards every row still has its case, and the connection checks them again.
struct ImportForeignKeyTests {
    @Test func afterAnImportWithMergesEveryRowHasItsCaseAndKeysAreCheckedAgain() throws {
        let store = try Backend.sqlite.makeStore()
        let records = ImportChunkTests.records()
        try store.importRecords(records, agent: "b", at: ImportChunkTests.now)
        // Again, with every case changed: each merge deletes and writes its lists once more.
        let changed = records.map { r in
            var k = r.kase
            k.tracking = (k.tracking ?? []) + [TrackingEvent(at: instant("2022-08-02T23:00:00"), text: "再次到达")]
            return ImportRecord(kase: k, marks: r.marks)
        }
        try store.importRecords(changed, agent: "b", at: ImportChunkTests.now)
        let (enforced, orphans, lists) = try store.write { db in
            (try db.int("PRAGMA foreign_keys"), try db.rows("PRAGMA foreign_key_check", []).count,
             try db.int("SELECT count(*) FROM tracking_events"))
        }
        #expect(enforced == 1)
        #expect(orphans == 0)
        #expect((lists ?? 0) > records.count)
        // The check is on again: a row for a case that does not exist is refused.
        #expect(throws: StoreError.self) {
            try store.write { db in _ = try db.execute("INSERT INTO contacts (order_id, seq, at) VALUES ('NO-SUCH-CASE', 0, 0)", []) }
        }
    }
}
