import PetDeskRules
@testable import PetDeskUI

func instant(_ text: String) -> Instant {
    guard case .success(let i) = PlatformTime.parseInstant(text) else { fatalError(text) }
    return i
}

let now = instant("2022-08-06T16:00:00+08:00")

/// A case in transit with a stall, a refusal and an unconfirmed identity.
func sampleCase(_ id: String = "KS2208010111", buyer: String = "王**") -> Case {
    var c = Case(orderID: id, categoryPath: ["宠物生活", "宠物活体", "猫"], totalAmount: Amount(yuan: "3000")!,
                 paidAt: instant("2022-08-01T10:00:00"))
    c.title = "英短金渐层 弟弟"
    c.buyer = buyer
    c.merchant = "萌宠之家"
    for key in ChecklistKey.all where key != .identity {
        c.checklist[key] = ChecklistEntry(status: .done, at: instant("2022-08-01T11:00:00"), value: key == .pedigree ? "无血统证书" : nil,
                                          channel: key == .purchaseProcess ? .detailPage : .platform)
    }
    c.shipment = Shipment(shippedAt: instant("2022-08-01T20:00:00"), carrier: "顺丰速运")
    c.tracking = [TrackingEvent(at: instant("2022-08-01T21:00:00"), text: "已收取快件"),
                  TrackingEvent(at: instant("2022-08-02T09:00:00"), text: "到达【杭州萧山集散中心】"),
                  TrackingEvent(at: instant("2022-08-05T09:01:00"), text: "到达【西安咸阳集散中心】")]
    c.messages = [Message(at: instant("2022-08-01T10:30:00"), from: "merchant", text: "亲，感谢下单！")]
    return c
}

func items() -> [QueueItem] {
    [
        QueueItem(orderID: "KS2208010111", title: "英短金渐层 弟弟", buyer: "王**", species: "猫", suggestedOutcome: .buyerMayRefuse,
                  dueAt: instant("2022-08-06T09:00:00"), claimType: nil, claimedBy: "li", decidedOutcome: nil, dueTimer: .stallReply),
        QueueItem(orderID: "KS2208010122", title: "柯基犬 三色 弟弟 两个月", buyer: "张**", species: "狗", suggestedOutcome: .fullRefund,
                  dueAt: instant("2022-08-07T00:00:00"), claimType: .refuse, claimedBy: nil, decidedOutcome: nil, dueTimer: .delivery),
        QueueItem(orderID: "KS2208010102", title: "三黄鸡苗 出壳3天 100只 包活", buyer: "李\u{1b}[2J\u{202E}**", species: "鸡苗",
                  suggestedOutcome: .monitor, dueAt: nil, claimType: .lateShipment, claimedBy: nil, decidedOutcome: .notDelayedShipment),
    ]
}

/// A state with the queue and the first case loaded.
func loadedState(width: Int = 120, height: Int = 40, language: Language = .zh) -> State {
    var s = State(width: width, height: height, now: now, language: language, agent: "li", isDemo: true)
    s = update(s, .queueLoaded(items: items(), total: 3, offset: 0)).0
    s = update(s, .caseLoaded(CaseSnapshot(kase: sampleCase(), version: 4, claimedBy: "li", decision: nil))).0
    return s
}
