import PetDeskRules
import PetDeskStore
import Testing

/// An import writes the plain new cases of each chunk together; the store must end exactly as
/// if every record had been imported on its own, in order — duplicates of one order id in a
/// chunk, a record bringing marks, a case already stored, and more records than one chunk.
@Suite struct ImportChunkTests {
    static let now = instant("2022-08-03T10:00:00")

    /// Records that exercise every way a record leaves the together-path.
    static func records() -> [ImportRecord] {
        var out: [ImportRecord] = []
        for i in 0..<(StoreTuning.importChunk * 2 + 5) {
            var c = sampleCase(String(format: "C%03d", i), shipped: i % 3 != 0)
            c.title = "第\(i)只 英短蓝猫"
            out.append(ImportRecord(kase: c))
            switch i % 7 {
            case 1:  // the same order again in the chunk, with a newer title and a new scan: merged
                var again = c
                again.title = "改过的标题 \(i)"
                again.tracking = (c.tracking ?? []) + [TrackingEvent(at: instant("2022-08-02T20:00:00"), text: "派送中 \(i)")]
                out.append(ImportRecord(kase: again))
            case 4:  // a case with marks of its own (a backup's record), then a plain record of it
                var withMarks = sampleCase(String(format: "M%03d", i))
                withMarks.buyer = "李**"
                out.append(ImportRecord(kase: withMarks, marks: [
                    Mark(id: 0, item: .identity, status: .done, note: "芯片已核对", agent: "li", at: instant("2022-08-02T09:00:00"), confirmedAt: nil, undoneAt: nil)
                ]))
                out.append(ImportRecord(kase: sampleCase(String(format: "M%03d", i))))
            default: break
            }
        }
        return out
    }

    /// What a store holds, with the audit trail's numbers left out (they count rows).
    static func contents(_ store: CaseStore) throws -> [String] {
        try store.exportRecords().map { r in
            let marks = r.marks.map { m in var m = m; m.id = 0; return m }
            let audit = r.audit.map { e in var e = e; e.id = 0; return e }
            return "\(r.kase) \(marks) \(r.decisions) \(audit)"
        }
    }

    @Test(arguments: Backend.allCases)
    func importingTogetherEqualsImportingOneByOne(_ backend: Backend) throws {
        let records = Self.records()
        let together = try backend.makeStore(), oneByOne = try backend.makeStore()
        // One case is stored already: its record in the file merges.
        var stored = sampleCase("C002")
        stored.merchant = "老店"
        for store in [together, oneByOne] { try store.importRecords([ImportRecord(kase: stored)], agent: "a", at: Self.now) }

        let summary = try together.importRecords(records, agent: "b", at: Self.now)
        var expected = ImportSummary()
        for r in records {
            let one = try oneByOne.importRecords([r], agent: "b", at: Self.now)
            expected.inserted += one.inserted
            expected.merged += one.merged
            expected.unchanged += one.unchanged
        }
        #expect(summary == expected)
        #expect(summary.inserted > StoreTuning.importChunk)
        #expect(summary.merged > 5)
        #expect(try Self.contents(together) == Self.contents(oneByOne))
        #expect(try together.count(filter: "改过的标题") == oneByOne.count(filter: "改过的标题"))
        #expect(try together.count(filter: "改过的标题") > 0)
        #expect(try together.queue(sort: .urgency, limit: 500, at: Self.now).map(\.orderID)
                == oneByOne.queue(sort: .urgency, limit: 500, at: Self.now).map(\.orderID))
    }
}
