@testable import PetDeskStore
import PetDeskRules
import Testing

/// An import leaves the text of the cases it inserts to one statement at the end of each batch
/// (SQLite migration v7): both indexes must then hold exactly what indexing every case on its
/// own would — each case once, with its text as last written, none left out.
struct DeferredTextIndexTests {
    /// The rows of `sql`, each as text.
    static func lines(_ store: CaseStore, _ sql: String) throws -> [String] {
        try store.read { db in try db.rows(sql, []).map { row in row.values.map { "\($0)" }.joined(separator: "|") } }
    }

    /// The trigram index's documents and the short-filter index's terms with how many cases
    /// hold each, against the same built in one statement from the cases as they are now.
    static func indexesMatchTheCases(_ store: CaseStore) throws {
        let indexed = try lines(store, "SELECT rowid, text FROM cases_text ORDER BY rowid")
        let expected = try lines(store, """
            SELECT rowid, coalesce(order_id, '') || char(10) || coalesce(buyer, '') || char(10) || coalesce(title, '')
              || char(10) || coalesce(category_path, '') || char(10) || coalesce(merchant, '') || char(10) || coalesce(waybill, '')
            FROM cases ORDER BY rowid
            """)
        #expect(!indexed.isEmpty)
        #expect(indexed == expected)
        let (grams, rebuilt) = try store.write { db in
            try db.execute("""
                CREATE VIRTUAL TABLE temp.grams_rebuilt USING fts5(grams, tokenize = 'ascii', detail = 'none', content = '');
                INSERT INTO temp.grams_rebuilt (rowid, grams)
                  SELECT rowid, petdesk_grams(order_id, buyer, title, category_path, merchant, waybill) FROM cases;
                CREATE VIRTUAL TABLE temp.grams_now USING fts5vocab(main, cases_grams, row);
                CREATE VIRTUAL TABLE temp.grams_expected USING fts5vocab(temp, grams_rebuilt, row)
                """, [])
            let read = { (table: String) in
                try db.rows("SELECT term, doc FROM temp.\(table) ORDER BY term", []).map { "\($0.values)" }
            }
            let result = (try read("grams_now"), try read("grams_expected"))
            try db.execute("DROP TABLE temp.grams_now; DROP TABLE temp.grams_expected; DROP TABLE temp.grams_rebuilt", [])
            return result
        }
        #expect(!grams.isEmpty)
        #expect(grams == rebuilt)
        #expect(try store.read { db in try db.int("SELECT count(*) FROM text_index_deferred") } == 0)
    }

    @Test func anImportIndexesEveryCaseOnceWithItsLastText() throws {
        let store = try CaseStore.inMemory()
        // Stored before the import, then merged by it (its text changed by a trigger).
        var stored = sampleCase("C002")
        stored.merchant = "老店"
        try store.importRecords([ImportRecord(kase: stored)], agent: "a", at: ImportChunkTests.now)
        // New cases, some imported again later in the same batch with a new title.
        try store.importRecords(ImportChunkTests.records(), agent: "b", at: ImportChunkTests.now)
        try Self.indexesMatchTheCases(store)
        // The title a merge replaced is no longer found; the new one is.
        #expect(try store.count(filter: "第1只 英") == 0)
        #expect(try store.count(filter: "第2只 英") == 1)
        #expect(try store.count(filter: "改过的标题 1") > 0)
        #expect(try store.count(filter: "改过") > 0)
    }

    @Test func writesOutsideAnImportAreIndexedAsTheyHappen() throws {
        let store = try CaseStore.inMemory()
        try store.importRecords((0..<20).map { ImportRecord(kase: sampleCase(String(format: "K%03d", $0))) }, agent: "a",
                                at: ImportChunkTests.now)
        // A row changed and one removed outside an import: the triggers index them at once.
        try store.write { db in
            try db.execute("UPDATE cases SET buyer = '新买家甲' WHERE order_id = 'K003'", [])
            try db.execute("DELETE FROM cases WHERE order_id = 'K004'", [])
        }
        try Self.indexesMatchTheCases(store)
        #expect(try store.count(filter: "新买家甲") == 1)
    }
}
