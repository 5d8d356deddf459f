@testable import PetDeskStore
import PetDeskRules
import Testing

/// A filter of one or two characters is found through the index of characters and pairs
/// (SQLite migration v6), and finds exactly what checking every case's columns finds.
struct ShortFilterTests {
    static let titles = ["英短蓝猫 公", "金毛幼犬", "柯基 Corgi-3", "虎皮鹦鹉 一对", "布偶猫 海双", "垂耳兔_侏儒", "孔雀鱼 100%"]
    static let buyers = ["王**", "李*", "Zhang S.", "赵六 Rene\u{301}x"]
    static let merchants = ["汪星球犬舍", "喵喵Cattery", "鹦语鸟园", "锦鲤世家"]

    /// 140 cases with mixed Chinese, ASCII, punctuation and LIKE wildcards in their columns.
    static func store(_ backend: Backend = .sqlite) throws -> CaseStore {
        let store = try backend.makeStore()
        let cases = (0..<140).map { i in
            var c = sampleCase(String(format: "KS-%05d", i * 37))
            c.title = titles[i % titles.count]
            c.buyer = buyers[i % buyers.count]
            c.merchant = merchants[i % merchants.count]
            c.shipment.waybill = i % 5 == 0 ? nil : "SF\(i * 7919)"
            c.categoryPath = ["宠物生活", "宠物活体", i % 2 == 0 ? "猫" : "狗"]
            return c
        }
        try store.importRecords(cases.map { ImportRecord(kase: $0) }, agent: "importer", at: now)
        return store
    }

    /// Filters of one and two characters: Chinese, ASCII in either case, digits, punctuation,
    /// wildcards, an outcome label, one found nowhere.
    static let filters = ["猫", "金毛", "毛", "鹦鹉", "Co", "co", "RG", "i-", "-3", "*", "**", "%", "_", "_侏", "3", "00", "KS", "S-",
                          "s.", " 公", "退款", "龙虾", "Z", "\"", "\"猫",
                          // Two characters, three scalars (a letter with a combining mark).
                          "e\u{301}x"]

    @Test(arguments: Backend.allCases) func theIndexFindsWhatCheckingEveryCaseFinds(_ backend: Backend) throws {
        let store = try Self.store(backend)
        for filter in Self.filters {
            let f = try #require(store.filterPredicates(filter))
            let scanned = try store.read { db in
                try db.rows("SELECT c.order_id FROM cases c WHERE \(f.scan.0) ORDER BY c.order_id", f.scan.1).compactMap { $0.text("order_id") }
            }
            // Every way of reading a page (sorting the index's matches, walking the queue's index
            // against them, walking the queue checking columns) and the count agree with the scan.
            for read in [FilterRead.sortMatches, .walkIndex, .walkCheck] {
                let predicate = f.predicate(read)
                let query = try #require(store.pageQueries(sort: .order, filter: predicate, page: .offset(0), at: now).statements.first)
                let paged = try store.read { db in try db.rows(query.sql, query.arguments(limit: 1000)).compactMap { $0.text("order_id") } }
                #expect(paged == scanned, "filter \(filter)")
            }
            #expect(try store.count(filter: filter) == scanned.count, "filter \(filter)")
            #expect(try store.queue(sort: .order, filter: filter, limit: 1000, at: now).map(\.orderID) == scanned, "filter \(filter)")
        }
        // The fixture is not empty-handed: most filters find something, some find nothing.
        #expect(try store.count(filter: "猫") == 90)  // 70 cats, 20 dogs with a cat in the title
        #expect(try store.count(filter: "金毛") == 20)
        #expect(try store.count(filter: "龙虾") == 0)
    }

    @Test func aShortFilterIsAnsweredByTheIndexWithoutReadingEveryCase() throws {
        let store = try Self.store()
        for filter in ["金毛", "猫", "Co"] {
            let f = try #require(store.filterPredicates(filter))
            let text = try #require(f.textIndex)
            #expect(text.sql.contains("cases_grams"), "filter \(filter)")
            #expect(text.isExact, "filter \(filter)")
            let plan = try store.read { db in
                try db.rows("EXPLAIN QUERY PLAN SELECT count(*) FROM cases c WHERE \(f.indexed!.0)", f.indexed!.1).compactMap { $0.text("detail") }
            }
            #expect(plan.contains { $0.contains("cases_grams VIRTUAL TABLE") }, "\(plan)")
            #expect(!plan.contains { $0 == "SCAN c" || $0.hasPrefix("SCAN c ") }, "\(plan)")
        }
        // A filter matching many cases walks the queue's index against the set of matches.
        let walk = try #require(store.filterPredicates("金毛")).predicate(.walkIndex)
        let query = try #require(store.pageQueries(sort: .urgency, filter: walk, page: .offset(0), at: now).statements.first)
        let plan = try store.read { db in try db.rows("EXPLAIN QUERY PLAN " + query.sql, query.arguments(limit: 40)).compactMap { $0.text("detail") } }
        #expect(plan.contains { $0.hasPrefix("SCAN c USING INDEX cases_by_queue") }, "\(plan)")
        #expect(!plan.contains { $0.contains("TEMP B-TREE FOR ORDER BY") }, "\(plan)")
        // Punctuation alone is nothing the tokenizer keeps: those filters check every case.
        #expect(store.filterPredicates("**")?.textIndex == nil)
        #expect(store.filterPredicates("i-")?.textIndex?.isExact == false)
    }

    @Test(arguments: Backend.allCases) func theIndexFollowsACaseWhoseTextChanges(_ backend: Backend) throws {
        let store = try backend.makeStore()
        var c = sampleCase("G1")
        c.title = "金毛幼犬"
        try store.importRecords([ImportRecord(kase: c)], agent: "importer", at: now)
        #expect(try store.count(filter: "金毛") == 1)
        // A newer export of the same order renames it (the merge updates the row).
        c.title = "柯基幼犬"
        try store.importRecords([ImportRecord(kase: c)], agent: "importer", at: now.adding(seconds: 60))
        #expect(try store.count(filter: "金毛") == 0)
        #expect(try store.queue(sort: .order, filter: "金毛", limit: 10, at: now).isEmpty)
        #expect(try store.count(filter: "柯基") == 1)
        #expect(try store.count(filter: "幼犬") == 1)
        #expect(try store.integrityCheck() == "ok")
    }

    @Test func onPostgreSQLAShortFilterIsAnElementOfTheGramsIndex() throws {
        let store = try Self.store(.postgres)
        let f = try #require(store.filterPredicates("金毛"))
        let indexed = try #require(f.indexed)
        let plan = try store.read { db in
            // 140 rows: without this PostgreSQL rightly prefers reading the table.
            try db.execute("SET LOCAL enable_seqscan = off")
            return try db.rows("EXPLAIN SELECT count(*) FROM cases c WHERE \(indexed.0)", indexed.1).compactMap { $0.firstText }
        }
        #expect(plan.contains { $0.contains("cases_grams") }, "\(plan)")
        #expect(try store.count(filter: "毛") == 20)
        let (lower, upper) = (try store.count(filter: "co"), try store.count(filter: "CO"))
        let onSQLite = try Self.store(.sqlite).count(filter: "co")
        #expect(lower == upper && lower == onSQLite && lower > 0)
    }

    @Test func aGramDocumentHoldsEachCharacterAndPairOnceWithinItsColumn() {
        let tokens = SearchGrams.document(["猫猫", nil, "ab", "ba猫"]).split(separator: " ").map(String.init)
        #expect(tokens.sorted() == ["a", "ab", "a猫", "b", "ba", "猫", "猫猫"].sorted())  // each once
        #expect(SearchGrams.document([nil, ""]) == "")
        // Scalars, not characters (split as scalars: a space before a combining mark is one character).
        #expect(SearchGrams.document(["🐶e\u{301}"]).unicodeScalars.split(separator: " ").count == 5)
        // No pair across two columns.
        #expect(!SearchGrams.document(["x", "y"]).contains("xy"))
        #expect(SearchGrams.isExact("金毛") && SearchGrams.isExact("Co") && !SearchGrams.isExact("i-"))
        #expect(SearchGrams.isSearchable("i-") && !SearchGrams.isSearchable("**"))
    }

    @Test func aLongDocumentWithManyRepeatsHoldsEachGramOnce() {
        // Few distinct scalars in long columns: most grams repeat, and the hash set probes past
        // taken slots. Each gram must come out exactly once.
        var seed: UInt64 = 2022
        func pick<T>(_ from: [T]) -> T {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return from[Int(seed >> 33) % from.count]
        }
        let alphabet = Array("ab猫狗🐶0")
        for length in [1, 5, 40, 300, 2_000] {
            let columns: [String?] = (0..<6).map { i in
                i == 2 ? nil : String((0..<length).map { _ in pick(alphabet) })
            }
            var expected = Set<String>()
            for case let text? in columns {
                let scalars = Array(text.unicodeScalars)
                for (i, s) in scalars.enumerated() {
                    expected.insert(String(s))
                    if i > 0 { expected.insert(String(scalars[i - 1]) + String(s)) }
                }
            }
            let tokens = SearchGrams.document(columns).split(separator: " ").map(String.init)
            #expect(tokens.count == expected.count)
            #expect(Set(tokens) == expected)
        }
    }
}

/// The dashboard's cheap count: exact below its limit, a lower bound at it.
struct CappedCountTests {
    @Test(arguments: Backend.allCases) func aCountUpToALimitIsExactBelowItAndALowerBoundAtIt(_ backend: Backend) throws {
        let store = try ShortFilterTests.store(backend)
        // No filter: the kept total, exact whatever the limit.
        #expect(try store.count(filter: nil, upTo: 10) == (140, true))
        for filter in ["金毛", "猫", "退款", "KS-0", "**", "i-"] {
            let exact = try store.count(filter: filter)
            let small = try store.count(filter: filter, upTo: 10)
            #expect(small.count == min(exact, 10) && small.isExact == (exact < 10), "filter \(filter)")
            let large = try store.count(filter: filter, upTo: 10_000)
            #expect(large.count == exact && large.isExact, "filter \(filter)")
        }
    }
}

/// How a filter is best read is found once and forgotten when an import changes the counts.
struct FilterReadCacheTests {
    @Test func anImportForgetsHowEachFilterIsRead() throws {
        let store = try ShortFilterTests.store()
        _ = try store.queue(sort: .urgency, filter: "金毛", limit: 10, at: now)
        #expect(store.filterReads["金毛"] == .sortMatches)
        try store.importRecords([ImportRecord(kase: sampleCase("NEW1"))], agent: "importer", at: now)
        #expect(store.filterReads["金毛"] == nil)
    }
}
