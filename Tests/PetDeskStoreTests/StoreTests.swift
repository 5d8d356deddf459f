import Foundation
import PetDeskRules
@testable import PetDeskStore
import Testing

func instant(_ text: String) -> Instant {
    guard case .success(let i) = PlatformTime.parseInstant(text) else { fatalError(text) }
    return i
}

/// A small in-scope case: paid 08-01 10:00, shipped 14:00, scanned daily, identity unknown.
func sampleCase(_ id: String = "S1", shipped: Bool = true) -> Case {
    var c = Case(orderID: id, categoryPath: ["宠物生活", "宠物活体", "猫"], totalAmount: Amount(yuan: "3000")!,
                 paidAt: instant("2022-08-01T10:00:00"))
    c.title = "英短蓝猫"
    c.buyer = "王**"
    for key in ChecklistKey.all where key != .identity {
        c.checklist[key] = ChecklistEntry(status: .done, at: instant("2022-08-01T11:00:00"), channel: .platform)
    }
    c.contacts = []
    if shipped {
        c.shipment = Shipment(shippedAt: instant("2022-08-01T14:00:00"))
        c.tracking = [TrackingEvent(at: instant("2022-08-01T15:00:00"), text: "揽收"), TrackingEvent(at: instant("2022-08-02T15:00:00"), text: "中转")]
    }
    return c
}

let now = instant("2022-08-03T12:00:00")

/// The conformance suite: every test runs on SQLite and on PostgreSQL.
struct StoreTests {

    @Test(arguments: Backend.allCases) func migrationsFromEmptyCreateTheSchema(_ backend: Backend) throws {
        let store = try backend.makeStore()
        #expect(try store.count() == 0)
        #expect(try store.integrityCheck() == "ok")
    }

    @Test(arguments: Backend.allCases) func aClaimWithoutItsInstantAndFractionalAgreedHoursRoundTrip(_ backend: Backend) throws {
        let store = try backend.makeStore()
        // Standard v1.1 §8.17–§8.18: the first failed with a CHECK error before migration v2.
        var c = sampleCase()
        c.claim = Claim(type: .refundOnly, at: nil, reason: "不想要了")
        c.agreement = Agreement(period: AgreedPeriod.hours(decimalText: "36.5")!, agreedAt: instant("2022-08-01T11:00:00"),
                                channel: .platform)
        _ = try store.importRecords([ImportRecord(kase: c)], agent: "importer", at: now)
        #expect(try store.storedCase("S1", at: now).imported == c)
        #expect(try store.integrityCheck() == "ok")
    }

    /// A case read, or returned by a write, carries its newest audit entry (who changed what
    /// last): the last of its history.
    @Test(arguments: Backend.allCases) func aCaseComesWithItsLatestChange(_ backend: Backend) throws {
        let store = try backend.makeStore()
        try store.importRecords([ImportRecord(kase: sampleCase())], agent: "importer", at: now)
        #expect(try store.storedCase("S1", at: now).latestChange?.agent == "importer")
        let marked = try store.saveMark("S1", item: .sex, status: .missing, agent: "li", at: now)
        #expect(marked.latestChange?.field == "checklist.sex" && marked.latestChange?.agent == "li")
        let decided = try store.recordDecision("S1", outcome: marked.suggestedOutcome, reason: nil, agent: "wang", at: now)
        #expect(decided.latestChange?.agent == "wang")
        let read = try store.storedCase("S1", at: now).latestChange
        let alone = try store.history("S1").last
        #expect(read != nil && read == alone)
    }

    @Test(arguments: Backend.allCases) func aMarkCarriesTheInstantTheAgentEnteredAndTheRulesUseIt(_ backend: Backend) throws {
        // Issue 11 #12: the identity was confirmed before shipping (14:00) or after it; the rules differ.
        let store = try backend.makeStore()
        try store.importRecords([ImportRecord(kase: sampleCase())], agent: "importer", at: now)
        let before = try store.saveMark("S1", item: .identity, status: .done, confirmedAt: instant("2022-08-01T12:00:00"), agent: "li", at: now)
        #expect(before.kase.checklist[.identity].at == instant("2022-08-01T12:00:00"))
        let after = try store.saveMark("S1", item: .identity, status: .done, confirmedAt: instant("2022-08-02T09:00:00"), agent: "li", at: now)
        #expect(after.kase.checklist[.identity].at == instant("2022-08-02T09:00:00"))
        let pack = RulePack.ksPet2022
        #expect(pack.evaluate(before.kase, at: now).suggestion != pack.evaluate(after.kase, at: now).suggestion)
        #expect(after.marks.map(\.confirmedAt) == [instant("2022-08-01T12:00:00"), instant("2022-08-02T09:00:00")])
        #expect(try store.history("S1").contains { $0.newValue?.contains("@ 2022-08-02T09:00:00+08:00") == true })
        // Undo brings the earlier instant back; a backup keeps both.
        let undone = try store.undoLastMark("S1", agent: "li", at: now)
        #expect(undone.kase.checklist[.identity].at == instant("2022-08-01T12:00:00"))
        let copy = try backend.makeStore()
        try copy.importRecords(try store.exportRecords(), agent: "importer", at: now)
        #expect(try copy.storedCase("S1", at: now).marks.map(\.confirmedAt) == undone.marks.map(\.confirmedAt))
    }

    @Test(arguments: Backend.allCases) func importThenReadBackGivesTheSameCase(_ backend: Backend) throws {
        let store = try backend.makeStore()
        let c = sampleCase()
        let summary = try store.importRecords([ImportRecord(kase: c)], agent: "importer", at: now)
        #expect(summary.inserted == 1)
        let stored = try store.storedCase("S1", at: now)
        #expect(stored.imported == c)
        #expect(stored.version == 1)
        #expect(stored.suggestedOutcome == .monitor)
    }

    @Test(arguments: Backend.allCases) func reimportingChangesNothing(_ backend: Backend) throws {
        let store = try backend.makeStore()
        try store.importRecords([ImportRecord(kase: sampleCase())], agent: "a", at: now)
        let again = try store.importRecords([ImportRecord(kase: sampleCase())], agent: "a", at: now)
        #expect(again == { var s = ImportSummary(); s.unchanged = 1; return s }())
        #expect(try store.storedCase("S1", at: now).version == 1)
        #expect(try store.history("S1").count == 1)
    }

    @Test(arguments: Backend.allCases) func aNewerExportMergesWithoutDroppingMarks(_ backend: Backend) throws {
        let store = try backend.makeStore()
        try store.importRecords([ImportRecord(kase: sampleCase())], agent: "a", at: now)
        try store.saveMark("S1", item: .identity, status: .done, note: "芯片已核对", agent: "li", at: now)
        var newer = sampleCase()
        newer.tracking = [TrackingEvent(at: instant("2022-08-03T09:00:00"), text: "派送中")]
        newer.delivery.offeredAt = instant("2022-08-03T10:00:00")
        let summary = try store.importRecords([ImportRecord(kase: newer)], agent: "a", at: now)
        #expect(summary.merged == 1)
        let stored = try store.storedCase("S1", at: now)
        #expect(stored.imported.tracking?.map(\.text) == ["揽收", "中转", "派送中"])
        #expect(stored.imported.delivery.offeredAt == instant("2022-08-03T10:00:00"))
        #expect(stored.kase.checklist[.identity].status == .done)
        #expect(stored.marks.count == 1)
        #expect(stored.version == 3)
    }

    @Test(arguments: Backend.allCases) func aMarkChangesTheVerdictAndIsAudited(_ backend: Backend) throws {
        let store = try backend.makeStore()
        var c = sampleCase()
        c.claim = Claim(type: .refuse, at: instant("2022-08-03T10:05:00"))
        c.delivery = Delivery(offeredAt: instant("2022-08-03T10:00:00"), refusedAt: instant("2022-08-03T10:05:00"))
        try store.importRecords([ImportRecord(kase: c)], agent: "a", at: now)
        #expect(try store.storedCase("S1", at: now).suggestedOutcome == .needsEvidence)
        let after = try store.saveMark("S1", item: .identity, status: .missing, agent: "li", at: now)
        #expect(after.suggestedOutcome == .fullRefund)
        #expect(after.version == 2)
        let undone = try store.undoLastMark("S1", agent: "li", at: now)
        #expect(undone.suggestedOutcome == .needsEvidence)
        let trail = try store.history("S1").map { "\($0.action) \($0.agent) \($0.field ?? "") \($0.oldValue ?? "") -> \($0.newValue ?? "")" }
        #expect(trail == ["import a   -> version 1", "mark li checklist.identity unknown -> missing", "undo li checklist.identity missing -> unknown"])
    }

    @Test(arguments: Backend.allCases) func undoOnlyUndoesTheAgentsOwnMarks(_ backend: Backend) throws {
        let store = try backend.makeStore()
        try store.importRecords([ImportRecord(kase: sampleCase())], agent: "a", at: now)
        try store.saveMark("S1", item: .identity, status: .done, agent: "li", at: now)
        #expect(throws: StoreError.nothingToUndo(orderID: "S1", agent: "wang")) {
            try store.undoLastMark("S1", agent: "wang", at: now)
        }
    }

    @Test(arguments: Backend.allCases) func aStaleVersionIsRefused(_ backend: Backend) throws {
        let store = try backend.makeStore()
        try store.importRecords([ImportRecord(kase: sampleCase())], agent: "a", at: now)
        try store.saveMark("S1", item: .identity, status: .done, agent: "li", at: now, expectedVersion: 1)
        #expect(throws: StoreError.conflict(orderID: "S1", expected: 1, actual: 2)) {
            try store.saveMark("S1", item: .identity, status: .missing, agent: "wang", at: now, expectedVersion: 1)
        }
        #expect(try store.storedCase("S1", at: now).kase.checklist[.identity].status == .done)
    }

    @Test(arguments: Backend.allCases) func anOverrideNeedsAReason(_ backend: Backend) throws {
        let store = try backend.makeStore()
        try store.importRecords([ImportRecord(kase: sampleCase())], agent: "a", at: now)
        #expect(throws: StoreError.overrideNeedsReason(suggested: .monitor, outcome: .fullRefund)) {
            try store.recordDecision("S1", outcome: .fullRefund, reason: "  ", agent: "li", at: now)
        }
        let accepted = try store.recordDecision("S1", outcome: .monitor, reason: nil, agent: "li", at: now)
        #expect(accepted.decisions.map(\.isOverride) == [false])
        let overridden = try store.recordDecision("S1", outcome: .fullRefund, reason: "买家提供死亡视频", agent: "li", at: now)
        #expect(overridden.decisions.last?.isOverride == true)
        #expect(overridden.decisions.last?.suggestedOutcome == .monitor)
        #expect(overridden.decisions.last?.pack == "KS-PET-2022")
        #expect(overridden.dueAt == nil)
    }

    @Test func theAuditLogRefusesUpdateAndDelete() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let disk = try CaseStore.open(at: path)
        try disk.importRecords([ImportRecord(kase: sampleCase())], agent: "a", at: now)
        for sql in ["UPDATE audit_log SET agent = 'x'", "DELETE FROM audit_log"] {
            let result = try shell("sqlite3", path, sql)
            #expect(result.status != 0)
            #expect(result.output.contains("audit_log is append-only"))
        }
        #expect(try disk.history("S1").count == 1)
    }

    @Test(arguments: Backend.allCases) func queueIsSortedByUrgency(_ backend: Backend) throws {
        let store = try backend.makeStore()
        var late = sampleCase("LATE")
        late.tracking = [TrackingEvent(at: instant("2022-08-01T15:00:00"), text: "揽收")]  // stalls at 08-04 15:00
        var soon = sampleCase("SOON")
        soon.tracking = [TrackingEvent(at: instant("2022-08-03T11:00:00"), text: "中转")]
        let unshipped = sampleCase("NONE", shipped: false)
        try store.importRecords([ImportRecord(kase: soon), ImportRecord(kase: unshipped), ImportRecord(kase: late)], agent: "a", at: now)
        let rows = try store.queue(sort: .urgency, limit: 10, at: now)
        #expect(rows.map(\.orderID) == ["LATE", "SOON", "NONE"])
        #expect(try store.queue(sort: .urgency, limit: 1, offset: 2, at: now).map(\.orderID) == ["NONE"])
        #expect(try store.queue(sort: .order, filter: "SO", limit: 10, at: now).map(\.orderID) == ["SOON"])
        #expect(try store.count(filter: "王") == 3)
        #expect(try store.count() == 3)
        try store.importRecords([ImportRecord(kase: sampleCase("MORE"))], agent: "a", at: now)
        #expect(try store.count() == 4)
        #expect(try store.count(filter: "100%") == 0)
    }

    @Test(arguments: Backend.allCases) func leasesExpireAndBlockOthers(_ backend: Backend) throws {
        let store = try backend.makeStore()
        try store.importRecords([ImportRecord(kase: sampleCase())], agent: "a", at: now)
        try store.claim("S1", agent: "li", at: now, duration: 300)
        #expect(throws: StoreError.claimedByOther(orderID: "S1", agent: "li", until: "2022-08-03 12:05")) {
            try store.claim("S1", agent: "wang", at: now.adding(seconds: 60), duration: 300)
        }
        try store.claim("S1", agent: "wang", at: now.adding(seconds: 301), duration: 300)
        #expect(try store.storedCase("S1", at: now.adding(seconds: 302)).lease?.agent == "wang")
        try store.release("S1", agent: "wang", at: now.adding(seconds: 303))
        #expect(try store.storedCase("S1", at: now.adding(seconds: 304)).lease == nil)
    }

    /// A queue row names the case's holder while the lease runs and holds no longer than it;
    /// once the lease has run out the row names no one, though its row is still stored.
    @Test(arguments: Backend.allCases) func aQueueRowShowsTheHolderOnlyWhileTheLeaseRuns(_ backend: Backend) throws {
        let store = try backend.makeStore()
        try store.importRecords([ImportRecord(kase: sampleCase("L1")), ImportRecord(kase: sampleCase("L2"))], agent: "a", at: now)
        try store.claim("L1", agent: "li", at: now, duration: 300)
        let during = try store.queue(sort: .order, limit: 10, at: now.adding(seconds: 60), refreshLimit: 0)
        #expect(during.map(\.orderID) == ["L1", "L2"])
        #expect(during.map(\.claimedBy) == ["li", nil])
        let held = try #require(during.first?.validUntil)
        #expect(held <= now.adding(seconds: 300))
        let after = try store.queue(sort: .order, limit: 10, at: now.adding(seconds: 301), refreshLimit: 0)
        #expect(after.map(\.claimedBy) == [nil, nil])
        #expect(try store.queueRow("L1", at: now.adding(seconds: 60))?.claimedBy == "li")
        #expect(try store.queueRow("L1", at: now.adding(seconds: 301))?.claimedBy == nil)
    }

    @Test(arguments: Backend.allCases) func exportThenImportGivesTheSameContent(_ backend: Backend) throws {
        let store = try backend.makeStore()
        try store.importRecords([ImportRecord(kase: sampleCase("A")), ImportRecord(kase: sampleCase("B"))], agent: "a", at: now)
        try store.saveMark("A", item: .identity, status: .done, note: "ok", agent: "li", at: now)
        try store.recordDecision("B", outcome: .monitor, reason: nil, agent: "li", at: now)
        let exported = try store.exportRecords()
        let copy = try backend.makeStore()
        try copy.importRecords(exported, agent: "a", at: now)
        let again = try copy.exportRecords()
        #expect(again.map(\.kase) == exported.map(\.kase))
        #expect(again.map { $0.marks.map { [$0.item.rawValue, $0.status.rawValue, $0.agent, $0.note ?? ""] } }
                == exported.map { $0.marks.map { [$0.item.rawValue, $0.status.rawValue, $0.agent, $0.note ?? ""] } })
        #expect(again.map(\.decisions) == exported.map(\.decisions))
        #expect(try copy.storedCase("A", at: now).kase.checklist[.identity].status == .done)
    }

    /// An export read a few cases at a time hands every case once, in order, each with its own
    /// marks, decisions and audit trail, whatever the batch size.
    @Test(arguments: Backend.allCases) func exportInBatchesGivesEveryCaseOnceWithItsOwnHistory(_ backend: Backend) throws {
        let store = try backend.makeStore()
        let ids = ["E5", "E1", "E3", "E2", "E4"]
        try store.importRecords(ids.map { ImportRecord(kase: sampleCase($0)) }, agent: "a", at: now)
        try store.saveMark("E2", item: .identity, status: .done, note: "ok", agent: "li", at: now)
        try store.saveMark("E5", item: .sex, status: .missing, note: nil, agent: "wang", at: now)
        try store.recordDecision("E3", outcome: .monitor, reason: nil, agent: "li", at: now)
        for size in [1, 2, 5, 500] {
            var batches: [[ImportRecord]] = []
            try store.exportRecords(batchSize: size) { batches.append($0) }
            let all = batches.flatMap { $0 }
            #expect(all.map(\.kase.orderID) == ids.sorted(), "batch size \(size)")
            #expect(batches.allSatisfy { $0.count <= size } && batches.count == (ids.count + size - 1) / size)
            for r in all {
                #expect(r.marks.map(\.agent) == (r.kase.orderID == "E2" ? ["li"] : r.kase.orderID == "E5" ? ["wang"] : []))
                #expect(r.decisions.count == (r.kase.orderID == "E3" ? 1 : 0))
                #expect(r.audit == (try store.history(r.kase.orderID)) && !r.audit.isEmpty)
            }
        }
    }

    @Test(arguments: Backend.allCases) func nextClaimsTheMostUrgentUnheldCaseAndNeverOneTwice(_ backend: Backend) throws {
        let (a, b, scratch) = try backend.makeTwoHandles()
        defer { withExtendedLifetime(scratch) {} }
        var late = sampleCase("LATE")
        late.tracking = [TrackingEvent(at: instant("2022-08-01T15:00:00"), text: "揽收")]  // stalls first
        let quiet = (0..<30).map { ImportRecord(kase: sampleCase(String(format: "Q%02d", $0), shipped: false)) }
        try a.importRecords([ImportRecord(kase: late)] + quiet, agent: "a", at: now)
        try a.recordDecision("Q00", outcome: try a.storedCase("Q00", at: now).suggestedOutcome, reason: nil, agent: "a", at: now)
        // The most urgent first, as the queue orders it.
        #expect(try a.claimNext(agent: "li", at: now, duration: 600)?.orderID == "LATE")
        #expect(try a.storedCase("LATE", at: now).lease?.agent == "li")
        #expect(try a.position(of: "LATE", sort: .urgency, filter: nil, at: now) == 0)
        #expect(try a.position(of: "Q05", sort: .order, filter: nil, at: now) == 6)
        #expect(try a.position(of: "Q05", sort: .order, filter: "LATE", at: now) == nil)
        // Two agents at once: every undecided case once, never one twice; decided ones never.
        let claimed = ClaimLog()
        let handles = [a, b]
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            while let row = try? handles[i].claimNext(agent: i == 0 ? "li" : "wang", at: now, duration: 600) {
                claimed.add(row.orderID)
            }
        }
        #expect(claimed.all.count == 29)
        #expect(Set(claimed.all).count == 29)
        #expect(!claimed.all.contains("Q00") && !claimed.all.contains("LATE"))
        // A lapsed lease makes its case claimable again.
        #expect(try b.claimNext(agent: "wang", at: now.adding(seconds: 601), duration: 600)?.orderID == "LATE")
    }

    /// `bench team` found double claims: a claimer whose query began before another's lease was
    /// committed wrote its lease over it. Taking a lease now refuses an unexpired one of another
    /// agent whatever the transaction read before.
    @Test(arguments: Backend.allCases) func takingALeaseNeverOverwritesAnotherAgentsUnexpiredOne(_ backend: Backend) throws {
        let store = try backend.makeStore()
        try store.importRecords([ImportRecord(kase: sampleCase())], agent: "a", at: now)
        try store.claim("S1", agent: "li", at: now, duration: 300)
        let taken = try store.write { db in try store.takeLease(db, "S1", agent: "wang", at: now.adding(seconds: 10), duration: 300) }
        #expect(taken == nil)
        #expect(try store.storedCase("S1", at: now.adding(seconds: 11)).lease?.agent == "li")
        let renewed = try store.write { db in try store.takeLease(db, "S1", agent: "li", at: now.adding(seconds: 20), duration: 300) }
        #expect(renewed?.expiresAt == now.adding(seconds: 320))
        let lapsed = try store.write { db in try store.takeLease(db, "S1", agent: "wang", at: now.adding(seconds: 320), duration: 300) }
        #expect(lapsed?.agent == "wang")
    }

    @Test(arguments: Backend.allCases) func unknownCasesAreNotFound(_ backend: Backend) throws {
        let store = try backend.makeStore()
        #expect(throws: StoreError.notFound(orderID: "NOPE")) { try store.storedCase("NOPE", at: now) }
        #expect(throws: StoreError.notFound(orderID: "NOPE")) {
            try store.saveMark("NOPE", item: .identity, status: .done, agent: "li", at: now)
        }
    }
}

struct ShellResult { var status: Int32; var output: String }

func shell(_ arguments: String...) throws -> ShellResult {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = arguments
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = pipe
    try p.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return ShellResult(status: p.terminationStatus, output: String(decoding: data, as: UTF8.self))
}

/// Backups restore every mark and decision exactly (issue: same-second marks were merged).
struct BackupTests {
    @Test(arguments: Backend.allCases) func twoMarksOfOneItemInOneSecondBothSurviveExportAndImport(_ backend: Backend) throws {
        let store = try backend.makeStore()
        let t = instant("2022-08-03T12:00:00")
        func mark(_ status: ItemStatus, undone: Bool = false) -> Mark {
            Mark(id: 0, item: .identity, status: status, note: "核对", agent: "li", at: t,
                 undoneAt: undone ? t : nil, undoneBy: undone ? "wang" : nil)
        }
        let marks = [mark(.done), mark(.missing), mark(.done), mark(.offPlatform, undone: true)]
        let decision = Decision(outcome: .fullRefund, suggestedOutcome: .fullRefund, pack: "KS-PET-2022", isOverride: false,
                                reason: nil, agent: "li", at: t)
        _ = try store.importRecords([ImportRecord(kase: sampleCase(), marks: marks, decisions: [decision, decision])],
                                    agent: "importer", at: t)
        let original = try store.storedCase("S1", at: t)
        #expect(original.marks.count == 4 && original.decisions.count == 2)
        #expect(original.kase.checklist[.identity].status == .done)

        let restored = try backend.makeStore()
        let backup = try store.exportRecords()
        _ = try restored.importRecords(backup, agent: "restorer", at: t)
        _ = try restored.importRecords(backup, agent: "restorer", at: t)  // again: nothing added
        let copy = try restored.storedCase("S1", at: t)
        #expect(copy.marks.map(\.withoutID) == original.marks.map(\.withoutID))
        #expect(copy.marks.last?.undoneBy == "wang")
        #expect(copy.decisions == original.decisions)
        #expect(copy.kase.checklist[.identity].status == .done)
    }
}

/// A mark reported saved survives power loss: every connection commits with synchronous=FULL.
struct DurabilityTests {
    @Test func connectionsCommitWithSynchronousFull() throws {
        let scratch = ScratchFile("durable")
        let store = try CaseStore.open(at: scratch.path)
        #expect(try store.synchronousMode() == 2)
    }
}

/// A lease means something: another agent's writes need force, and are audited as forced.
struct LeaseTests {
    @Test(arguments: Backend.allCases) func writesToACaseSomeoneElseHoldsNeedForceAndAreAudited(_ backend: Backend) throws {
        let store = try backend.makeStore()
        let t = instant("2022-08-03T12:00:00")
        _ = try store.importRecords([ImportRecord(kase: sampleCase())], agent: "importer", at: t)
        _ = try store.claim("S1", agent: "a", at: t, duration: 300)
        #expect(throws: StoreError.self) { try store.saveMark("S1", item: .sex, status: .missing, agent: "b", at: t) }
        #expect(throws: StoreError.self) { try store.recordDecision("S1", outcome: .monitor, reason: "x", agent: "b", at: t) }
        #expect(throws: StoreError.self) { try store.release("S1", agent: "b", at: t) }
        #expect(try store.storedCase("S1", at: t).lease?.agent == "a", "b's release must not end a's lease")
        _ = try store.saveMark("S1", item: .sex, status: .missing, agent: "b", at: t, force: true)
        #expect(try store.history("S1").last?.newValue?.contains("[forced over a's lease]") == true)
        _ = try store.saveMark("S1", item: .sex, status: .done, agent: "a", at: t)  // the holder writes freely
        _ = try store.saveMark("S1", item: .sex, status: .done, agent: "b", at: t.adding(seconds: 301))  // expired: free
    }
}

/// An import skips SQLite's CHECK constraints for speed (its values come from Swift enums);
/// every other write must meet them again as soon as it ends.
struct BulkImportConstraintTests {
    @Test func checkConstraintsHoldAgainAfterAnImport() throws {
        let store = try CaseStore.inMemory()
        try store.importRecords([ImportRecord(kase: sampleCase())], agent: "importer", at: now)
        #expect(throws: StoreError.self) {
            try store.write { db in _ = try db.execute("UPDATE checklist_items SET status = 'bogus' WHERE order_id = 'S1'", []) }
        }
        #expect(try store.storedCase("S1", at: now).kase.checklist[.sex].status == .done)
    }
}

/// Issue 13: pages found by seeking (after a row, before a row, the end) are exactly the pages
/// OFFSET finds, in every sort, with and without a filter, on both backends.
struct KeysetPagingTests {
    @Test(arguments: Backend.allCases) func seekingPagesMatchOffsetPagesInEverySort(_ backend: Backend) throws {
        let store = try backend.makeStore()
        let at = instant("2022-08-06T12:00:00")
        try store.importRecords(FreshQueueTests.cases(120).map { ImportRecord(kase: $0) }, agent: "importer", at: at)
        for sort in QueueSort.allCases {
            for filter in [nil, "F00", "F0"] as [String?] {
                let all = try store.queue(sort: sort, filter: filter, limit: 1000, offset: 0, at: at)
                #expect(all.count > 50)
                // Page forward by seeking from the last row shown.
                var walked: [QueueRow] = try store.queue(sort: sort, filter: filter, limit: 7, offset: 0, at: at)
                while let last = walked.last {
                    let next = try store.queue(sort: sort, filter: filter, limit: 7, page: .after(last), at: at)
                    if next.isEmpty { break }
                    walked += next
                }
                #expect(walked.map(\.orderID) == all.map(\.orderID), "\(sort) \(filter ?? "")")
                // Back from a row, and the end.
                let before = try store.queue(sort: sort, filter: filter, limit: 9, page: .before(all[40]), at: at)
                #expect(before.map(\.orderID) == all[31..<40].map(\.orderID), "\(sort)")
                let tail = try store.queue(sort: sort, filter: filter, limit: 9, page: .last, at: at)
                #expect(tail.map(\.orderID) == all.suffix(9).map(\.orderID), "\(sort)")
            }
        }
    }
}
