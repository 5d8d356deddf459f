@testable import PetDeskStore
import PetDeskRules
import Testing

/// A record's properties are its table's columns: one missing or misspelt would lose a fact on
/// write or fail every read, on either backend.
struct RecordTests {
    static let at = Instant(secondsSinceEpoch: 1_750_000_000)

    /// One record of each table, with every optional column set, and the table it belongs to.
    static func samples() throws -> [(table: String, columns: [String])] {
        let mark = Mark(id: 1, item: .identity, status: .done, note: "n", agent: "a", at: at, confirmedAt: at, undoneAt: at, undoneBy: "b")
        let decision = Decision(outcome: .fullRefund, suggestedOutcome: .monitor, pack: "p", isOverride: true, reason: "r", agent: "a", at: at)
        let kase = Case(orderID: "K1", categoryPath: ["宠物"], totalAmount: Amount(fen: 100), paidAt: at)
        let verdict = RulePack.ksPet2022.evaluate(kase, at: at)
        func columns<R: StoreRecord>(_ r: R) throws -> (String, [String]) { (R.databaseTableName, try ColumnEncoder.columns(of: r).names.sorted()) }
        return try [
            columns(StoredCaseRecord(kase, version: 1, ruling: verdict.ruling, at: at)),
            columns(ChecklistItemRecord(orderID: "K1", key: .identity, ChecklistEntry(status: .done, at: at))),
            columns(ContactRecord(orderID: "K1", seq: 0, Contact(at: at, channel: .platform))),
            columns(TrackingEventRecord(orderID: "K1", seq: 0, TrackingEvent(at: at, text: "t"))),
            columns(StallReplyRecord(orderID: "K1", seq: 0, StallReply(at: at, reason: "r", courierResult: "c", channel: nil))),
            columns(MessageRecord(orderID: "K1", seq: 0, Message(at: at, from: "buyer", text: "t"))),
            columns(MarkRecord(orderID: "K1", mark, id: 1)),
            columns(DecisionRecord(orderID: "K1", decision)),
            columns(AuditRecord(AuditEntry(id: 1, at: at, agent: "a", orderID: "K1", action: "mark", field: nil, oldValue: nil, newValue: nil))),
            columns(LeaseRecord(orderID: "K1", agent: "a", acquiredAt: 1, expiresAt: 2)),
        ].map { (table: $0.0, columns: $0.1) }
    }

    @Test(arguments: Backend.allCases)
    func everyRecordHasExactlyItsTablesColumns(_ backend: Backend) throws {
        let store = try backend.makeStore()
        let query = backend == .sqlite
            ? "SELECT name FROM pragma_table_info(?)"
            : "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?"
        // PostgreSQL's trigger stamps who wrote a mark, decision or audit row; the store never writes it.
        let setByServer: Set<String> = backend == .postgres ? ["recorded_by"] : []
        for sample in try Self.samples() {
            let table = try store.read { db in
                try db.rows(query, [.text(sample.table)]).compactMap(\.firstText).filter { !setByServer.contains($0) }.sorted()
            }
            #expect(!table.isEmpty, "no table \(sample.table)")
            #expect(sample.columns == table, "\(sample.table)")
        }
    }

    @Test func aGeneratedIDIsLeftOutUntilTheDatabaseGivesOne() throws {
        let mark = Mark(id: 0, item: .sex, status: .missing, note: nil, agent: "a", at: Self.at, confirmedAt: nil, undoneAt: nil)
        #expect(try !MarkRecord(orderID: "K1", mark).columns().names.contains("id"))
        #expect(try MarkRecord(orderID: "K1", mark, id: 7).columns().names.contains("id"))
    }
}

/// Reading cases together gives each exactly what reading it alone gives: no list row strays to
/// another case, none is lost, and every list keeps its order.
struct ReadTogetherTests {
    static func kase(_ n: Int) -> Case {
        let at = { (s: Int64) in Instant(secondsSinceEpoch: 1_750_000_000 + Int64(n) * 7 + s) }
        var k = Case(orderID: "R\(n)", categoryPath: ["宠物生活", "宠物活体", "猫"], totalAmount: Amount(fen: 1000), paidAt: at(0))
        k.checklist[.identity] = ChecklistEntry(status: .done, at: at(5), kind: .chip, value: "CHIP\(n)")
        k.checklist[.sex] = ChecklistEntry(status: .missing)
        k.contacts = n % 2 == 0 ? [] : (0..<n).map { Contact(at: at(Int64(100 + $0)), channel: .platform) }
        k.tracking = n == 1 ? nil : (0..<(n + 1)).map { TrackingEvent(at: at(Int64(1000 - $0)), text: "扫描 \(n).\($0)") }
        k.stallReplies = (0..<n).map { StallReply(at: at(Int64(2000 + $0)), reason: "r\($0)", courierResult: nil, channel: nil) }
        k.messages = (0..<(3 - n % 3)).map { Message(at: nil, from: "buyer", text: "第\($0)条") }
        return k
    }

    @Test(arguments: Backend.allCases)
    func casesReadTogetherAreTheCasesReadAlone(_ backend: Backend) throws {
        let store = try backend.makeStore()
        let cases = (1...5).map(Self.kase)
        try store.importRecords(cases.map { ImportRecord(kase: $0) }, agent: "a", at: RecordTests.at)
        let ids = cases.map(\.orderID) + ["NOPE"]
        let together = try store.read { db in try CaseRows.read(ids, db: db) }
        #expect(together.count == 5)
        for k in cases {
            let alone = try store.read { db in try CaseRows.read(k.orderID, db: db) }
            #expect(together[k.orderID]?.kase == k)
            #expect(alone?.kase == k)
        }
    }
}

/// The queue's total is kept as imports add cases, never counted row by row again; it must stay
/// the number of cases through new, merged, repeated and split imports.
struct CaseCountTests {
    @Test(arguments: Backend.allCases)
    func theKeptTotalIsTheNumberOfCases(_ backend: Backend) throws {
        let store = try backend.makeStore()
        let at = RecordTests.at
        let first = (1...4).map(ReadTogetherTests.kase)
        try store.importRecords(first.map { ImportRecord(kase: $0) }, agent: "a", at: at)
        #expect(try store.count() == 4)
        var changed = first[0]
        changed.title = "改了标题"
        let more = [changed, first[1], ReadTogetherTests.kase(5), ReadTogetherTests.kase(6)]
        let summary = try store.importRecords(more.map { ImportRecord(kase: $0) }, agent: "a", at: at, total: 10, completes: false)
        #expect(summary.inserted == 2 && summary.merged == 1 && summary.unchanged == 1, "\(summary)")
        try store.importRecords([ImportRecord(kase: ReadTogetherTests.kase(7))], agent: "a", at: at)
        let counted = try store.read { db in try db.int("SELECT count(*) FROM cases") }
        #expect(try store.count() == 7 && counted == 7)
    }
}

/// Re-importing an export is harmless: the same file again changes nothing, even when its
/// carrier lists scans newest first (the merge put them in time order and called it a change).
struct ReimportTests {
    @Test(arguments: Backend.allCases)
    func theSameExportWithScansNewestFirstIsUnchanged(_ backend: Backend) throws {
        let store = try backend.makeStore()
        let k = ReadTogetherTests.kase(3)  // four scans, newest first
        #expect(k.tracking!.map(\.at) == k.tracking!.map(\.at).sorted().reversed())
        try store.importRecords([ImportRecord(kase: k)], agent: "a", at: RecordTests.at)
        let again = try store.importRecords([ImportRecord(kase: k)], agent: "a", at: RecordTests.at)
        #expect(again.unchanged == 1 && again.merged == 0, "\(again)")
        #expect(try store.storedCase(k.orderID, at: RecordTests.at).version == 1)
        // A new scan is put in its place in time among the stored ones.
        var newer = k
        newer.tracking!.append(TrackingEvent(at: k.tracking![1].at.adding(seconds: 1), text: "新扫描"))
        #expect(try store.importRecords([ImportRecord(kase: newer)], agent: "a", at: RecordTests.at).merged == 1)
        let merged = try store.storedCase(k.orderID, at: RecordTests.at).kase.tracking!.map(\.at)
        #expect(merged == merged.sorted() && merged.count == 5)
    }
}

/// Statements that change rows are bound and stepped straight through SQLite: a failing one
/// reports SQLite's message and leaves the transaction rolled back, and the same cached
/// statement works again afterwards with other values.
@Suite struct DirectStatementTests {
    @Test(arguments: Backend.allCases)
    func aFailingWriteReportsItsErrorAndTheStatementIsReusable(_ backend: Backend) throws {
        let store = try backend.makeStore()
        let insert = "INSERT INTO meta (key, value) VALUES (?, ?)"
        try store.write { db in _ = try db.execute(insert, ["probe-1", "a"]) }
        #expect(throws: StoreError.self) {
            try store.write { db in
                _ = try db.execute(insert, ["probe-2", "b"])
                _ = try db.execute(insert, ["probe-1", "again"])  // the key is taken: the whole write is undone
            }
        }
        do {
            try store.write { db in _ = try db.execute(insert, ["probe-1", "c"]) }
            Issue.record("a duplicate key was written")
        } catch {
            #expect("\(error)".contains("UNIQUE") || "\(error)".contains("duplicate key"))
        }
        // Text of every shape, bound from one buffer: empty, inline-small, CJK and emoji, long.
        let long = String(repeating: "金毛寻回犬 ", count: 200)
        try store.write { db in
            _ = try db.execute("INSERT INTO meta (key, value) VALUES (?, ?), (?, ?), (?, ?)",
                               ["probe-3", "", "probe-4", "猫🐶e\u{301}", "probe-5", .text(long)])
        }
        let values = try store.read { db in
            try db.rows("SELECT key, value FROM meta WHERE key LIKE 'probe-%' ORDER BY key", []).map { "\($0.text("key") ?? "")=\($0.text("value") ?? "NULL")" }
        }
        #expect(values == ["probe-1=a", "probe-3=", "probe-4=猫🐶e\u{301}", "probe-5=\(long)"])
        #expect(throws: StoreError.self) { try store.write { db in _ = try db.execute(insert, ["probe-6"]) } }
    }
}

/// Records are read by column name, whatever the columns' order; a missing column or a value of
/// the wrong kind is an error, not a silent default.
@Suite struct RowDecoderTests {
    struct Sample: Codable, Equatable {
        var name: String
        var count: Int64?
        var rank: Int
    }

    @Test func aRecordIsReadByColumnNameAndAWrongRowIsAnError() throws {
        let row = SQLRow(columns: ["rank": 2, "name": 0, "count": 1], values: [.text("金毛"), .null, .int(7)])
        #expect(try RowDecoder.decode(Sample.self, from: row) == Sample(name: "金毛", count: nil, rank: 7))
        let counted = SQLRow(columns: ["name": 0, "count": 1, "rank": 2], values: [.text("a"), .int(3), .int(1)])
        #expect(try RowDecoder.decode(Sample.self, from: counted).count == 3)
        #expect(throws: DecodingError.self) {
            try RowDecoder.decode(Sample.self, from: SQLRow(columns: ["name": 0], values: [.text("a")]))  // no rank column
        }
        #expect(throws: DecodingError.self) {
            try RowDecoder.decode(Sample.self, from: SQLRow(columns: ["name": 0, "count": 1, "rank": 2], values: [.null, .null, .int(1)]))
        }
        #expect(throws: DecodingError.self) {
            try RowDecoder.decode(Sample.self, from: SQLRow(columns: ["name": 0, "count": 1, "rank": 2], values: [.text("a"), .text("x"), .int(1)]))
        }
    }

    /// The columns are found in order when they come in the record's order, and by name when
    /// they do not; a name the result holds twice reads its first column either way.
    @Test func columnsInAnyOrderAndRepeatedNamesReadAsByName() throws {
        let (names, columns) = SQLRow.index(["name", "count", "rank"])
        let inOrder = SQLRow(names: names, columns: columns, values: [.text("a"), .int(3), .int(1)])
        #expect(try RowDecoder.decode(Sample.self, from: inOrder) == Sample(name: "a", count: 3, rank: 1))
        let shuffled = SQLRow.index(["rank", "extra", "count", "name"])
        let row = SQLRow(names: shuffled.names, columns: shuffled.columns, values: [.int(2), .text("x"), .null, .text("b")])
        #expect(try RowDecoder.decode(Sample.self, from: row) == Sample(name: "b", count: nil, rank: 2))
        // "count" twice: the first (3) is the column, as `row["count"]` says, not the one in place.
        let repeated = SQLRow.index(["name", "count", "count", "rank"])
        #expect(repeated.names == ["name", "count", "", "rank"])
        let twice = SQLRow(names: repeated.names, columns: repeated.columns, values: [.text("c"), .int(3), .int(9), .int(4)])
        #expect(try RowDecoder.decode(Sample.self, from: twice) == Sample(name: "c", count: 3, rank: 4))
        let skipsFirst = SQLRow.index(["rank", "count", "name", "count"])
        let later = SQLRow(names: skipsFirst.names, columns: skipsFirst.columns, values: [.int(5), .int(6), .text("d"), .int(8)])
        #expect(try RowDecoder.decode(Sample.self, from: later) == Sample(name: "d", count: 6, rank: 5))
    }

    /// A statement's index is kept, and taken only for the names it was made for: the same
    /// statement asking about other names (a schema changed under it, a new statement where a
    /// freed one lived) gets theirs.
    @Test func aKeptIndexServesOnlyTheNamesItWasMadeFor() throws {
        final class Statement {}
        let (statement, other) = (Statement(), Statement())
        let names = ["order_id", "title", "rank"]
        let first = SQLRow.index(names, for: statement)
        #expect(first.columns == ["order_id": 0, "title": 1, "rank": 2])
        #expect(SQLRow.index(names, for: statement).columns == first.columns)
        let changed = SQLRow.index(["order_id", "rank", "title", "title"], for: statement)
        #expect(changed.columns == ["order_id": 0, "rank": 1, "title": 2] && changed.names == ["order_id", "rank", "title", ""])
        #expect(SQLRow.index(["a"], for: other).columns == ["a": 0])
        // Through the store: a table that gains a column reads it under the same query text.
        let store = try CaseStore.inMemory()
        _ = try store.backend.write { db in try db.execute("CREATE TABLE t (a INTEGER)", []); try db.execute("INSERT INTO t VALUES (1)", []) }
        #expect(try store.backend.read { db in try db.rows("SELECT * FROM t", []).first?.int("b") } == nil)
        _ = try store.backend.write { db in try db.execute("ALTER TABLE t ADD COLUMN b INTEGER DEFAULT 7", []) }
        #expect(try store.backend.read { db in try db.rows("SELECT * FROM t", []).first?.int("b") } == 7)
    }

    struct Optionals: Codable, Equatable {
        var note: String?
        var seq: Int?
        var flag: Bool?
        var at: Int64?
    }

    /// An optional property reads its column once: nil for NULL and for a column the result
    /// lacks, the value otherwise (a number in a text column, text in a number column as SQLite
    /// may hand them back), and a wrong kind is still an error.
    @Test func optionalColumnsReadNilValueOrError() throws {
        let full = SQLRow(columns: ["note": 0, "seq": 1, "flag": 2, "at": 3], values: [.text("猫"), .int(4), .int(1), .text("17")])
        #expect(try RowDecoder.decode(Optionals.self, from: full) == Optionals(note: "猫", seq: 4, flag: true, at: 17))
        let nulls = SQLRow(columns: ["note": 0, "seq": 1, "flag": 2, "at": 3], values: [.null, .null, .null, .null])
        #expect(try RowDecoder.decode(Optionals.self, from: nulls) == Optionals())
        #expect(try RowDecoder.decode(Optionals.self, from: SQLRow(columns: ["note": 0], values: [.int(5)])) == Optionals(note: "5"))
        #expect(throws: DecodingError.self) {
            try RowDecoder.decode(Optionals.self, from: SQLRow(columns: ["flag": 0], values: [.text("yes")]))
        }
    }
}

/// A record read straight from its columns (`ColumnRecord`) is the record `RowDecoder` reads
/// from the same row: with every column a different value, in the table's order or another,
/// and with each column NULL in turn (both read it, or both refuse it); written straight to
/// its columns it gives the values `ColumnEncoder` gives.
@Suite struct ColumnReaderTests {
    static func check<R: ColumnRecord>(_ type: R.Type) throws {
        let names = R.columnNames
        // Every column its own value; an integer reads as text where text is wanted.
        let distinct = names.indices.map { SQLValue.int(1_000 + Int64($0)) }
        for order in [Array(names.indices), Array(names.indices.reversed())] {
            let shuffled = SQLRow.index(order.map { names[$0] } + ["extra"])
            for nulled in [nil] + names.indices.map(Optional.some) {
                var values = order.map { distinct[$0] } + [.text("x")]
                if let nulled { values[order.firstIndex(of: nulled)!] = .null }
                let row = SQLRow(names: shuffled.names, columns: shuffled.columns, values: values)
                let expected = try? ColumnEncoder.columns(of: RowDecoder.decode(R.self, from: row))
                let places = try #require(ColumnReader.places(of: names, in: row.columns))
                var reader = ColumnReader(row, places: places, names: names)
                let record = try? R(reading: &reader)
                let read = try record.map { try ColumnEncoder.columns(of: $0) }
                #expect(read?.names == expected?.names && read?.values == expected?.values,
                        "\(R.self), columns \(order == Array(names.indices) ? "in order" : "reversed"), NULL in \(nulled.map { names[$0] } ?? "none")")
                // Written back straight from its columns, it gives what the encoder gives.
                if let record {
                    var written: [SQLValue] = []
                    record.writeColumns(to: &written)
                    #expect(written == (try ColumnEncoder.columns(of: record).values), "\(R.self) written")
                }
            }
        }
    }

    @Test func everyColumnRecordReadsAsRowDecoderDoes() throws {
        try Self.check(StoredCaseRecord.self)
        try Self.check(ChecklistItemRecord.self)
        try Self.check(ContactRecord.self)
        try Self.check(TrackingEventRecord.self)
        try Self.check(StallReplyRecord.self)
        try Self.check(MessageRecord.self)
        try Self.check(MarkRecord.self)
        try Self.check(DecisionRecord.self)
        try Self.check(AuditRecord.self)
        try Self.check(LeaseRecord.self)
    }

    /// Each record names every column of its table, in its `CodingKeys`' order.
    @Test func columnNamesAreTheCodingKeys() throws {
        let kase = Case(orderID: "K1", categoryPath: ["宠物"], totalAmount: Amount(fen: 100), paidAt: RecordTests.at)
        let verdict = RulePack.ksPet2022.evaluate(kase, at: RecordTests.at)
        #expect(try ColumnEncoder.columns(of: StoredCaseRecord(kase, version: 1, ruling: verdict.ruling, at: RecordTests.at)).names
                == StoredCaseRecord.columnNames)
        #expect(try ColumnEncoder.columns(of: MessageRecord(orderID: "K1", seq: 0, Message(at: RecordTests.at, from: "b", text: "t"))).names
                == MessageRecord.columnNames)
    }

    /// A record that read more columns than it names is an error, not a trap.
    @Test func readingPastTheColumnsIsAnError() throws {
        let row = SQLRow(columns: ["order_id": 0], values: [.text("K1")])
        var reader = ColumnReader(row, places: [0], names: ["order_id"])
        #expect(try reader.text() == "K1")
        #expect(throws: DecodingError.self) { try reader.text() }
    }
}
