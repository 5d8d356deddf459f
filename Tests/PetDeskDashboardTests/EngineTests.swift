import Foundation
import PetDeskDashboard
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
