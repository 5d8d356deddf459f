import Foundation
@testable import PetDeskDashboard
import PetDeskRules
import PetDeskStore
import PetDeskUI
import Testing

/// The effect runner, driven as the terminal loop drives it but with no terminal: keys go in,
/// the store changes, the state shows what the rules say.
@MainActor
struct EngineTests {
    nonisolated static let now = Instant(secondsSinceEpoch: 1_659_787_200)  // 2022-08-06 20:00 UTC+8

    static func engine() throws -> (DashboardEngine, CaseStore) {
        let store = try CaseStore.inMemory()
        var c = Case(orderID: "E1", categoryPath: ["宠物生活", "宠物活体", "猫"], totalAmount: Amount(fen: 300_000),
                     paidAt: Now.minus(hours: 120))
        c.shipment = Shipment(shippedAt: Now.minus(hours: 100))
        c.tracking = [TrackingEvent(at: Now.minus(hours: 99), text: "揽收")]
        try store.importRecords([ImportRecord(kase: c)], agent: "importer", at: now)
        let engine = DashboardEngine(store: store, agent: "li", language: .zh, printCommand: nil, size: (120, 40),
                                     summaryDirectory: FileManager.default.temporaryDirectory, clock: { EngineTests.now })
        engine.dispatch(.resized(width: 120, height: 40))
        return (engine, store)
    }

    enum Now {
        static func minus(hours: Int64) -> Instant { EngineTests.now.adding(seconds: -hours * 3600) }
    }

    @Test func aKeystrokeMarksTheItemInTheStoreAndTheVerdictFollows() throws {
        let (engine, store) = try Self.engine()
        #expect(engine.state.current?.kase.orderID == "E1")
        engine.dispatch(.keyPressed(.tab))
        engine.dispatch(.keyPressed(.char("j")))
        engine.dispatch(.keyPressed(.char("d")))
        let stored = try store.storedCase("E1", at: Self.now)
        #expect(stored.marks.map(\.item) == [.identity] && stored.marks.first?.agent == "li")
        #expect(engine.state.current?.kase.checklist[.identity].status == .done)
        #expect(engine.state.message?.text.hasPrefix("已保存：宠物身份信息") == true)
        #expect(engine.state.verdict == store.pack.evaluate(stored.kase, at: Self.now))
    }

    @Test func theInstantDialogWritesTheConfirmedInstant() throws {
        let (engine, store) = try Self.engine()
        engine.dispatch(.keyPressed(.tab))
        engine.dispatch(.keyPressed(.char("j")))
        engine.dispatch(.keyPressed(.char("i")))
        engine.dispatch(.keyPressed(.control("u")))
        for ch in "2022-08-01 21:00:00" { engine.dispatch(.keyPressed(.char(ch))) }
        engine.dispatch(.keyPressed(.enter))
        let stored = try store.storedCase("E1", at: Self.now)
        #expect(stored.marks.first?.confirmedAt == Instant(secondsSinceEpoch: 1_659_358_800))
        #expect(stored.kase.checklist[.identity].at == Instant(secondsSinceEpoch: 1_659_358_800))
    }
}

/// Issue 13: `G`, PgUp and PgDn deep in the queue find their page by seeking from a row already
/// loaded, and show exactly the rows OFFSET would.
@MainActor
struct EnginePagingTests {
    @Test func pagesFoundBySeekingAreThePagesOffsetFinds() throws {
        let store = try CaseStore.inMemory()
        let cases = (0..<400).map { i -> Case in
            var c = Case(orderID: String(format: "P%04d", i), categoryPath: ["宠物生活", "宠物活体", "猫"], totalAmount: Amount(fen: 300_000),
                         paidAt: EngineTests.now.adding(seconds: -Int64(i % 37) * 3600 - 200_000))
            if i % 3 == 0 { c.claim = Claim(type: .refundOnly, at: c.paidAt.adding(seconds: 7200)) }
            return c
        }
        try store.importRecords(cases.map { ImportRecord(kase: $0) }, agent: "importer", at: EngineTests.now)
        let truth = try store.queue(limit: 1000, offset: 0, at: EngineTests.now).map(\.orderID)
        let engine = DashboardEngine(store: store, agent: "li", language: .zh, printCommand: nil, size: (120, 30),
                                     summaryDirectory: FileManager.default.temporaryDirectory, clock: { EngineTests.now })
        engine.dispatch(.resized(width: 120, height: 30))
        func check(_ what: String) {
            let s = engine.state
            #expect(s.row(at: s.selected)?.orderID == truth[s.selected], "\(what): row \(s.selected)")
            for i in s.scroll..<min(s.total, s.scroll + 20) {
                if let row = s.row(at: i) { #expect(row.orderID == truth[i], "\(what): row \(i)") }
            }
        }
        engine.dispatch(.keyPressed(.char("G")))
        #expect(engine.state.selected == 399)
        check("G")
        for n in 1...12 {
            engine.dispatch(.keyPressed(.pageUp))
            check("PgUp \(n)")
        }
        for n in 1...6 {
            engine.dispatch(.keyPressed(.pageDown))
            check("PgDn \(n)")
        }
        engine.dispatch(.keyPressed(.char("g")))
        for n in 1...15 {
            engine.dispatch(.keyPressed(.pageDown))
            check("PgDn from the top \(n)")
        }
    }

    @Test func thePageChosenSeeksWhenItTouchesTheLoadedRows() {
        let rows = (0..<30).map { i in
            QueueRow(orderID: "R\(i)", title: "", buyer: "", species: "", suggestedOutcome: .monitor, dueAt: nil, claimType: nil,
                     claimedBy: nil, decidedOutcome: nil, paidAt: EngineTests.now, version: 1, dueTimer: nil, urgencyRank: .quiet)
        }
        let window = (sort: QueueSort.urgency, filter: "", offset: 100, rows: rows)
        func describe(_ p: (QueuePage, Int)) -> String {
            switch p.0 {
            case .offset(let n): "offset \(n)"
            case .after(let r): "after \(r.orderID) at \(p.1)"
            case .before(let r): "before \(r.orderID) at \(p.1)"
            case .last: "last at \(p.1)"
            }
        }
        #expect(describe(DashboardEngine.page(for: 110, limit: 30, total: 10_000, near: window)) == "after R9 at 110")
        #expect(describe(DashboardEngine.page(for: 90, limit: 30, total: 10_000, near: window)) == "before R20 at 90")
        #expect(describe(DashboardEngine.page(for: 9_990, limit: 30, total: 10_000, near: window)) == "last at 9970")
        #expect(describe(DashboardEngine.page(for: 5_000, limit: 30, total: 10_000, near: window)) == "offset 5000")
        #expect(describe(DashboardEngine.page(for: 0, limit: 30, total: 10, near: nil)) == "offset 0")
    }
}

/// Rows the dashboard keeps from its last load (reading only the rows it lacks) are the rows a
/// fresh read shows at that instant: none kept past its suggestion's expiry or a lease's end,
/// none kept across a write.
@MainActor
struct WindowReuseTests {
    /// The engine's wall clock, moved by the test.
    final class Clock: @unchecked Sendable {
        var now: Instant
        init(_ now: Instant) { self.now = now }
    }

    /// In transit, shipped five minutes apart: their stall and delivery deadlines pass one after
    /// another as a test's clock moves.
    static func cases(from start: Instant) -> [Case] {
        (0..<300).map { i -> Case in
            var c = Case(orderID: String(format: "W%04d", i), categoryPath: ["宠物生活", "宠物活体", "猫"], totalAmount: Amount(fen: 300_000),
                         paidAt: start.adding(seconds: -4 * 86_400))
            let shipped = start.adding(seconds: -3 * 86_400 + Int64(i) * 300)
            c.shipment = Shipment(shippedAt: shipped)
            c.tracking = [TrackingEvent(at: shipped.adding(seconds: 3600), text: "揽收")]
            if i % 3 == 0 { c.claim = Claim(type: .refundOnly, at: shipped.adding(seconds: 86_400)) }
            return c
        }
    }

    @Test func rowsKeptFromTheLastLoadAreWhatAFreshReadShows() throws {
        let store = try CaseStore.inMemory()
        let start = EngineTests.now
        try store.importRecords(Self.cases(from: start).map { ImportRecord(kase: $0) }, agent: "importer", at: start)
        let clock = Clock(start)
        let engine = DashboardEngine(store: store, agent: "li", language: .zh, printCommand: nil, size: (120, 30),
                                     summaryDirectory: FileManager.default.temporaryDirectory, clock: { clock.now })
        engine.dispatch(.resized(width: 120, height: 30))
        let visible = Layout(width: 120, height: 30).queueRows
        let moves: [Key] = [.pageDown, .pageDown] + Array(repeating: .char("j"), count: visible + 4) + [.pageUp]
            + Array(repeating: .char("k"), count: 6) + [.pageDown, .char("G"), .pageUp, .pageUp, .char("g"), .pageDown]
        var compared = 0
        var outcomes: Set<Outcome> = []
        for round in 0..<6 {
            for (n, key) in moves.enumerated() {
                // Mostly a second a key; now and then the clock jumps past a batch of deadlines.
                clock.now = clock.now.adding(seconds: n % 7 == 3 ? 5_400 : 1)
                // As the loop's tick does: expired suggestions re-evaluated and written, but not
                // every time (a tick refreshes a bounded batch): kept rows may have expired.
                if (round + n) % 3 != 0, try store.refreshExpired(at: clock.now) > 0 { engine.storeChanged() }
                if n == 5 {
                    // A mark or a decision written: the case may move or show its decision, so
                    // nothing loaded before it is kept.
                    engine.dispatch(.keyPressed(.tab))
                    engine.dispatch(.keyPressed(.char("d")))
                    engine.dispatch(.keyPressed(.tab))
                    engine.dispatch(.keyPressed(.tab))
                    engine.dispatch(.keyPressed(.tab))
                    if round % 2 == 1 {
                        engine.dispatch(.keyPressed(.char("v")))
                        engine.dispatch(.keyPressed(.enter))
                    }
                }
                let before = (engine.state.windowOffset, engine.state.rows)
                let left = engine.state.current?.kase.orderID
                engine.dispatch(.keyPressed(key))
                let s = engine.state
                guard (s.windowOffset, s.rows) != before else { continue }  // no load: nothing new to compare
                let fresh = try store.queue(sort: .urgency, limit: visible, page: .offset(s.scroll), at: clock.now, refreshLimit: 0)
                let shown = (s.scroll..<min(s.total, s.scroll + visible)).compactMap { s.row(at: $0) }
                #expect(shown.map(\.orderID) == fresh.map(\.orderID), "round \(round), key \(n) \(key): order")
                for (a, b) in zip(shown, fresh) {
                    // The case opened and the one left are claimed and released after the load.
                    let leased = a.orderID == left || a.orderID == s.current?.kase.orderID
                    #expect(a.suggestedOutcome == b.suggestedOutcome && a.dueAt == b.dueAt && (leased || a.claimedBy == b.claimedBy)
                             && a.decidedOutcome == b.decidedOutcome,
                            "round \(round), key \(n) \(key): \(a.orderID) shown \(a.suggestedOutcome) \(String(describing: a.dueAt)) \(a.claimedBy ?? "-"), fresh \(b.suggestedOutcome) \(String(describing: b.dueAt)) \(b.claimedBy ?? "-")")
                    outcomes.insert(a.suggestedOutcome)
                }
                compared += 1
            }
        }
        #expect(compared > 60)
        #expect(outcomes.count >= 2, "the deadlines must really pass: \(outcomes)")
        let decided = try store.queue(limit: 400, offset: 0, at: clock.now).filter { $0.decidedOutcome != nil }.count
        #expect(decided >= 2, "decisions recorded: \(decided)")
        // Rows were really kept (for every two rows read, at least one kept), though the clock's
        // jumps and the writes drop the rows loaded often here.
        #expect(engine.rowsKept * 2 >= engine.rowsRead, "\(engine.rowsRead) rows read and \(engine.rowsKept) kept in \(engine.queueLoads) loads")
    }

    /// This agent's own mark keeps the rows loaded when the case stays where it stood in the
    /// queue (its row alone is read again), and drops them when it moved: either way the rows
    /// shown are a fresh read's.
    @Test func aMarkKeepsTheRowsWhenItsCaseStaysInPlace() throws {
        let store = try CaseStore.inMemory()
        let start = EngineTests.now
        try store.importRecords(Self.cases(from: start).map { ImportRecord(kase: $0) }, agent: "importer", at: start)
        let engine = DashboardEngine(store: store, agent: "li", language: .zh, printCommand: nil, size: (120, 30),
                                     summaryDirectory: FileManager.default.temporaryDirectory, clock: { start })
        engine.dispatch(.resized(width: 120, height: 30))
        let visible = Layout(width: 120, height: 30).queueRows
        var (kept, moved) = (0, 0)
        for n in 0..<24 {
            // Another case, another item, another status each time.
            engine.dispatch(.keyPressed(.char("j")))
            engine.dispatch(.keyPressed(.tab))
            for _ in 0..<(n % 5) { engine.dispatch(.keyPressed(.char("j"))) }
            let before = (place: engine.state.rows.firstIndex { $0.orderID == engine.state.current?.kase.orderID }, read: engine.rowsRead)
            engine.dispatch(.keyPressed(.char(n % 2 == 0 ? "d" : "m")))
            for _ in 0..<3 { engine.dispatch(.keyPressed(.tab)) }
            let s = engine.state
            let fresh = try store.queue(sort: .urgency, limit: visible, page: .offset(s.scroll), at: start, refreshLimit: 0)
            let shown = (s.scroll..<min(s.total, s.scroll + visible)).compactMap { s.row(at: $0) }
            #expect(shown.map(\.orderID) == fresh.map(\.orderID), "mark \(n): order")
            #expect(shown.map(\.suggestedOutcome) == fresh.map(\.suggestedOutcome), "mark \(n): suggestions")
            if engine.rowsRead == before.read { kept += 1 } else { moved += 1 }
            if engine.rowsRead == before.read {
                #expect(s.rows.firstIndex { $0.orderID == s.current?.kase.orderID } == before.place, "mark \(n): kept, so in place")
            }
        }
        #expect(kept > 0, "\(kept) marks kept the rows, \(moved) read them again")
    }

    @Test func aKeptRowMustStillHoldAndTheRestIsReadBySeeking() {
        func row(_ i: Int, until: Int64? = nil) -> QueueRow {
            var r = QueueRow(orderID: "R\(i)", title: "", buyer: "", species: "", suggestedOutcome: .monitor, dueAt: nil, claimType: nil,
                             claimedBy: nil, decidedOutcome: nil, paidAt: EngineTests.now, version: 1, dueTimer: nil, urgencyRank: .quiet)
            if let until { r.claimLease(until: Instant(secondsSinceEpoch: until)) }
            return r
        }
        let now = Instant(secondsSinceEpoch: 1_000)
        let window = (offset: 100, rows: (0..<30).map { row($0) })
        func describe(_ p: (QueuePage, Int)?) -> String {
            switch p?.0 {
            case .after(let r)?: "after \(r.orderID) ×\(p!.1)"
            case .before(let r)?: "before \(r.orderID) ×\(p!.1)"
            case .offset(let n)?: "offset \(n)"
            case .last?: "last"
            case nil: "-"
            }
        }
        let ahead = DashboardEngine.readAhead
        // One row down at the bottom edge: 29 kept, one read after the last and a few more ahead.
        let down = DashboardEngine.reuse(window, offset: 101, limit: 30, total: 10_000, at: now)
        #expect(down?.kept.map(\.orderID) == (1..<30).map { "R\($0)" } && down?.keptOffset == 101)
        #expect(describe(down?.before) == "-" && describe(down?.after) == "after R29 ×\(1 + ahead)")
        // Up across the top: read before the first kept row, and ahead upwards.
        let up = DashboardEngine.reuse(window, offset: 95, limit: 30, total: 10_000, at: now)
        #expect(up?.kept.count == 25 && describe(up?.before) == "before R0 ×\(5 + ahead)" && describe(up?.after) == "-")
        // Nothing is read past either end of the queue.
        #expect(describe(DashboardEngine.reuse(window, offset: 110, limit: 30, total: 130, at: now)?.after) == "-")
        #expect(describe(DashboardEngine.reuse(window, offset: 105, limit: 30, total: 131, at: now)?.after) == "after R29 ×1")
        #expect(describe(DashboardEngine.reuse((3, window.rows), offset: 1, limit: 30, total: 10_000, at: now)?.before) == "before R0 ×3")
        // Many rows missing (PgDn half a page over): those alone.
        #expect(describe(DashboardEngine.reuse(window, offset: 115, limit: 30, total: 10_000, at: now)?.after) == "after R29 ×15")
        // Nothing in common, or a kept row no longer valid: read afresh.
        #expect(DashboardEngine.reuse(window, offset: 130, limit: 30, total: 10_000, at: now) == nil)
        var expiring = window
        expiring.rows[12] = row(12, until: 1_000)
        #expect(DashboardEngine.reuse(expiring, offset: 101, limit: 30, total: 10_000, at: now) == nil)
        #expect(DashboardEngine.reuse(expiring, offset: 101, limit: 30, total: 10_000, at: Instant(secondsSinceEpoch: 999)) != nil)
    }
}

/// As the terminal loop runs it, the leases taken and given up as the agent moves between cases
/// are written off the key path, in order, and are not mistaken for another agent's change.
@MainActor
struct BackgroundLeaseTests {
    /// A dashboard of agent li over cats with these order ids, writing in the background as the
    /// terminal loop does, sized and showing its first case.
    static func engine(_ ids: [String]) throws -> (DashboardEngine, CaseStore) {
        let store = try CaseStore.inMemory()
        let cases = ids.map { id in
            Case(orderID: id, categoryPath: ["宠物生活", "宠物活体", "猫"], totalAmount: Amount(fen: 300_000),
                 paidAt: EngineTests.now.adding(seconds: -7200))
        }
        try store.importRecords(cases.map { ImportRecord(kase: $0) }, agent: "importer", at: EngineTests.now)
        let engine = DashboardEngine(store: store, agent: "li", language: .zh, printCommand: nil, size: (120, 40),
                                     summaryDirectory: FileManager.default.temporaryDirectory, clock: { EngineTests.now })
        engine.writesInBackground = true
        engine.dispatch(.resized(width: 120, height: 40))
        return (engine, store)
    }

    @Test func movingToAnotherCaseReleasesAndClaimsInTheBackground() throws {
        let (engine, store) = try Self.engine(["L1", "L2"])
        engine.finishWrites()
        let first = try #require(engine.state.current?.kase.orderID)
        #expect(try store.storedCase(first, at: EngineTests.now).lease?.agent == "li")
        engine.dispatch(.keyPressed(.char("j")))
        engine.finishWrites()
        let second = try #require(engine.state.current?.kase.orderID)
        #expect(second != first)
        #expect(try store.storedCase(second, at: EngineTests.now).lease?.agent == "li")
        #expect(try store.storedCase(first, at: EngineTests.now).lease == nil)
        // This dashboard's own lease writes are not another agent's change.
        #expect(engine.token == (try store.changeToken()))
    }
}

/// The background writer brings the lease to the case wanted when it comes round: cases passed
/// through before then are never claimed, and what it never held it never releases.
struct LeaseIntentTests {
    @Test func theWriterMovesTheLeaseStraightToTheCaseWantedLast() throws {
        let (t0, t1, t2) = (Instant(secondsSinceEpoch: 100), Instant(secondsSinceEpoch: 101), Instant(secondsSinceEpoch: 102))
        let leases = LeaseIntent()
        #expect(leases.nextMove() == nil)                       // nothing wanted, nothing held
        leases.claim("A", at: t0)
        let first = try #require(leases.nextMove())
        #expect(first.release == nil && first.claim == "A" && first.at == t0)
        #expect(leases.nextMove() == nil)                       // held already: no second claim
        // Three moves before the writer comes round: one release, one claim.
        for (old, new) in [("A", "B"), ("B", "C"), ("C", "D")] {
            leases.release(old, at: t1)
            leases.claim(new, at: t2)
        }
        let move = try #require(leases.nextMove())
        #expect(move.release == "A" && move.claim == "D" && move.at == t2)
        // Back to the case held before the writer comes round: nothing to write.
        leases.release("D", at: t1)
        leases.claim("E", at: t1)
        leases.release("E", at: t2)
        leases.claim("D", at: t2)
        #expect(leases.nextMove() == nil)
        // A late release of a case left long ago does not give up the one wanted now.
        leases.release("B", at: t2)
        #expect(leases.nextMove() == nil)
        // Leaving: the case held is released.
        leases.release("D", at: t2)
        let leaving = try #require(leases.nextMove())
        #expect(leaving.release == "D" && leaving.claim == nil)
        // A claim another agent refused is not held, so never released.
        leases.claim("F", at: t2)
        #expect(leases.nextMove()?.claim == "F")
        leases.claimFailed("F")
        leases.release("F", at: t2)
        #expect(leases.nextMove() == nil)
    }
}

@MainActor
struct BackgroundLeaseMovesTests {
    /// Many moves in a row: afterwards this agent holds the case on screen and no other.
    /// Stopping (a signal) while a claim is still queued: the case is not left claimed.
    @Test func leavingWhileAClaimIsQueuedLeavesNothingClaimed() throws {
        let (engine, store) = try BackgroundLeaseTests.engine(["S1", "S2", "S3"])
        engine.finishWrites()
        engine.holdingWriter {
            engine.dispatch(.keyPressed(.char("j")))  // the claim of the next case is queued
            engine.leaveCase()
        }
        engine.finishWrites()
        for id in ["S1", "S2", "S3"] { #expect(try store.storedCase(id, at: EngineTests.now).lease == nil, "\(id)") }
    }

    @Test func afterManyMovesOnlyTheCaseOnScreenIsHeld() throws {
        let ids = (1...8).map { "M\($0)" }
        let (engine, store) = try BackgroundLeaseTests.engine(ids)
        for key in [Key.char("j"), .char("j"), .char("j"), .char("j"), .char("j"), .char("k"), .char("j"), .char("j")] {
            engine.dispatch(.keyPressed(key))
            engine.deliverWrites()
        }
        engine.finishWrites()
        let shown = try #require(engine.state.current?.kase.orderID)
        for id in ids {
            #expect(try store.storedCase(id, at: EngineTests.now).lease?.agent == (id == shown ? "li" : nil), "\(id)")
        }
        #expect(engine.token == (try store.changeToken()))
    }
}

/// Only the filter last asked for is counted in the background; a count typed over is skipped.
struct BackgroundCountInboxTests {
    @Test func onlyTheLastFilterAskedForIsCounted() {
        let inbox = EventInbox()
        #expect(inbox.wantCount(of: "K"))
        #expect(!inbox.wantCount(of: "K"))           // already queued: not twice
        #expect(inbox.wantCount(of: "KS"))           // typed over
        #expect(!inbox.isCountWanted("K"))           // K's queued count is skipped
        #expect(inbox.isCountWanted("KS"))
        inbox.countDone("K")                         // a late K changes nothing
        #expect(inbox.isCountWanted("KS"))
        inbox.countDone("KS")
        #expect(inbox.wantCount(of: "KS"))           // done or failed: a later ask counts again
        #expect(inbox.wantCount(of: "K"))            // back to K: counted again
    }
}

/// Catching up with its own background writes, a dashboard still sees another agent's change
/// made meanwhile (taking the change token as it stood then hid it; background leases made it
/// happen on every move between cases).
@MainActor
struct OwnWritesHideNoChangeTests {
    @Test func anotherAgentsMarkMadeWhileOurOwnWriteWasPendingIsShown() throws {
        let (engine, store) = try EngineTests.engine()
        engine.writesInBackground = true
        engine.dispatch(.resized(width: 120, height: 40))
        engine.finishWrites()
        // Our own mark, written in the background and not yet delivered...
        engine.dispatch(.keyPressed(.tab))
        engine.dispatch(.keyPressed(.char("j")))
        engine.dispatch(.keyPressed(.char("d")))
        Thread.sleep(forTimeInterval: 0.3)
        // ...while another agent marks another item of the same case.
        _ = try store.saveMark("E1", item: .sex, status: .missing, agent: "other", at: EngineTests.now, force: true)
        engine.deliverWrites()
        // What the terminal loop does next: a change token that moved means another agent wrote.
        if let t = try? store.changeToken(), t != engine.token { engine.storeChanged() }
        engine.finishWrites()
        #expect(engine.state.current?.kase.checklist[.sex].status == .missing)
        #expect(engine.state.message?.text.contains("other") == true, "\(String(describing: engine.state.message))")
    }
}

/// A new engine starts from the store's change token as it stands: what was written before it
/// opened (an import by someone else) is not news, and its first own write does not read the
/// whole audit log to find out (a million cases: 200–380 ms on that keystroke in bench ui).
@MainActor
struct EngineStartTokenTests {
    @Test func anEngineStartsAtTheStoresChangeTokenAndItsOwnFirstWriteIsNotAnotherAgentsChange() throws {
        let store = try CaseStore.inMemory()
        var c = Case(orderID: "E1", categoryPath: ["宠物生活", "宠物活体", "猫"], totalAmount: Amount(fen: 300_000),
                     paidAt: EngineTests.Now.minus(hours: 120))
        c.shipment = Shipment(shippedAt: EngineTests.Now.minus(hours: 100))
        try store.importRecords([ImportRecord(kase: c)], agent: "importer", at: EngineTests.now)
        // As the terminal loop and bench ui run it: every write in the background from the start.
        let engine = DashboardEngine(store: store, agent: "li", language: .zh, printCommand: nil, size: (120, 40),
                                     summaryDirectory: FileManager.default.temporaryDirectory, clock: { EngineTests.now })
        #expect(engine.token == (try store.changeToken()))
        #expect(engine.token > 0)  // the importer's trail is there
        engine.writesInBackground = true
        engine.dispatch(.resized(width: 120, height: 40))
        engine.finishWrites()  // the lease on the first case
        engine.dispatch(.keyPressed(.tab))
        engine.dispatch(.keyPressed(.char("j")))
        engine.dispatch(.keyPressed(.char("d")))
        engine.finishWrites()
        #expect(engine.token == (try store.changeToken()))
        #expect(engine.state.message?.text.contains("importer") != true, "\(String(describing: engine.state.message))")
    }
}
