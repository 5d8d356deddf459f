import PetDeskRules
import PetDeskStore
import Testing

/// The orders CSV that export writes reads back, through import, as the same facts.
struct CSVExportTests {
    /// A case with every column of the orders file known.
    static var everyColumn: Case {
        let at = { (s: Int64) in Instant(secondsSinceEpoch: 1_750_000_000 + s) }
        var k = Case(orderID: "KS-9", categoryPath: ["宠物生活", "宠物活体", "猫"], totalAmount: Amount(fen: 350_050), paidAt: at(0))
        k.itemKind = .livePet
        k.title = "布偶猫, 蓝双 \"赛级\""
        k.buyer = "张**"
        k.merchant = "=萌宠小屋"
        k.buyerFirstReplyAt = at(60)
        k.cancellation = Cancellation(requestedAt: at(120))
        k.shipment = Shipment(shippedAt: at(3600), firstScanAt: at(7200), carrier: "顺丰", waybill: "SF123")
        k.delivery = Delivery(offeredAt: at(90_000), signedAt: at(90_600), refusedAt: at(91_000))
        k.claim = Claim(type: .doa, at: at(92_000), reason: "到货死亡\n有视频")
        return k
    }

    @Test func everyOrderColumnIsExportedAndReadsBackAsTheSameFact() throws {
        let original = Self.everyColumn
        let row = CSVCases.orderRow(original)
        #expect(row.count == CSVCases.orderColumns.count)
        #expect(!row.contains(""), "every column of this case is known: \(zip(CSVCases.orderColumns.map(\.path), row).filter { $0.1.isEmpty })")
        #expect(row[CSVCases.orderColumns.firstIndex { $0.path == "category_path" }!] == "宠物生活>宠物活体>猫")
        let text = ([CSVCases.orderColumns.map { $0.headers[0] }] + [row]).map { $0.map(CSVCases.quoted).joined(separator: ",") }
            .joined(separator: "\n") + "\n"
        var seen: [String: String] = [:]
        let contents = CSVCases.parse(orders: Array(text.utf8), file: "orders.csv", tracking: nil, seenOrderIDs: &seen)
        #expect(contents.issues.isEmpty, "\(contents.issues)")
        let back = try #require(contents.records.first?.kase)
        #expect(CSVCases.orderRow(back) == row)
        #expect(back.merchant == "=萌宠小屋" && back.claim?.reason == "到货死亡\n有视频" && back.delivery.refusedAt == original.delivery.refusedAt)
    }
}
