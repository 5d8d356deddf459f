import PetDeskRules

/// Deterministic synthetic cases: the demo queue and the benchmarks.
///
/// A case looks like a real order of the last two weeks: a species with the checklist a
/// merchant of that species would confirm, a shop that sells what its name says, a price in
/// that species' range, tracking, a chat transcript, and — where the rules say the buyer could
/// claim — usually a claim. No instant lies after `now`, so timers in a demo are live and
/// nothing has happened yet that could not have. Every branch of the standard is reached:
/// out-of-scope goods, unshipped orders, stalls with and without replies, cancellations,
/// agreements, every claim type and checklists in every state.
public struct CaseGenerator: Sendable {
    private var rng: SplitMix64
    /// The instant the queue is generated at; every instant of every case is at or before it.
    public let now: Instant
    private let pack: RulePack

    private static let hour: Int64 = 3600
    private static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁")
    private static let carriers = [("顺丰速运", "SF"), ("德邦快递", "DPK"), ("中通快递", "ZT")]
    private static let places = ["杭州萧山集散中心", "西安咸阳集散中心", "北京顺义集散中心", "广州白云集散中心", "成都双流集散中心", "武汉转运中心"]

    /// A generator whose cases are fixed by `seed` and placed in the two weeks before `now`.
    public init(seed: UInt64, now: Instant, pack: RulePack = .ksPet2022) {
        rng = SplitMix64(seed: seed)
        self.now = now
        self.pack = pack
    }

    /// The next case, numbered `index` (used in its order id).
    public mutating func next(index: Int) -> Case {
        let hour = Self.hour
        let paidAt = now.adding(seconds: -Int64(rng.below(14 * 24)) * hour - Int64(rng.below(3600)))
        let date = PlatformTime.format(paidAt).prefix(10).split(separator: "-").joined().dropFirst(2)
        let orderID = "KS\(date)\(String(index).leftPadded(to: 6))"
        if rng.below(100) < 4 {
            let goods = rng.pick(Species.goods)
            var kase = Case(orderID: orderID, categoryPath: goods.category, totalAmount: price(goods.yuan), paidAt: paidAt)
            kase.itemKind = .other
            kase.title = goods.title
            kase.merchant = goods.merchant
            kase.buyer = buyerName()
            return kase
        }
        let species = rng.pick(Species.all)
        let listing = rng.pick(species.listings)
        var kase = Case(orderID: orderID, categoryPath: species.category, totalAmount: price(listing.yuan), paidAt: paidAt)
        kase.itemKind = rng.below(10) == 0 ? nil : species.kind
        kase.title = listing.title
        kase.buyer = buyerName()
        kase.merchant = rng.pick(species.merchants)
        var chat = Chat(now: now)

        let confirmAt = paidAt.adding(seconds: Int64(1 + rng.below(20)) * hour / 2)
        fillChecklist(&kase, species, listing, at: confirmAt)
        chat.say(.merchant, at: confirmAt, "亲，帮您核对一下：\(listing.breed)，\(kase.checklist[.sex].value ?? "")，\(kase.checklist[.age].value ?? "")，疫苗：\(kase.checklist[.vaccination].value ?? "")。")
        kase.contacts = [Contact(at: paidAt.adding(seconds: hour / 2), channel: .platform)].filter { $0.at <= now }
        if rng.below(5) == 0 {
            let late = Contact(at: paidAt.adding(seconds: 20 * hour), channel: rng.below(4) == 0 ? .offPlatform : .platform)
            if late.at <= now { kase.contacts?.append(late) }
        }
        if rng.below(4) != 0 {
            kase.buyerFirstReplyAt = past(paidAt.adding(seconds: hour + Int64(rng.below(1800))))
            if let reply = kase.buyerFirstReplyAt { chat.say(.buyer, at: max(reply, confirmAt), "好的，确认无误，麻烦尽快发货") }
        }

        let shipDelay = Int64(2 + rng.below(60)) * hour
        let shippedAt = paidAt.adding(seconds: shipDelay)
        if rng.below(12) == 0 || shippedAt > now {
            if rng.below(3) == 0, let asked = past(paidAt.adding(seconds: hour)) {
                kase.cancellation = Cancellation(requestedAt: asked)
                chat.say(.buyer, at: asked, "不好意思，家里不同意养了，想取消订单")
            }
            kase.tracking = []
            if rng.below(2) == 0 {
                let type: ClaimType = rng.below(2) == 0 ? .lateShipment : .refundOnly
                claim(&kase, type, at: min(now, paidAt.adding(seconds: 50 * hour)), species, &chat)
            }
            return finish(kase, chat)
        }
        let carrier = rng.pick(Self.carriers)
        let waybill = "\(carrier.1)\(String(index).leftPadded(to: 10))"
        kase.shipment = Shipment(shippedAt: shippedAt, firstScanAt: nil, carrier: carrier.0, waybill: waybill)
        chat.say(.merchant, at: shippedAt, "已发货，\(carrier.0) 运单号 \(waybill)，请保持电话畅通")
        if rng.below(10) == 0 { kase.cancellation = Cancellation(requestedAt: shippedAt.adding(seconds: -3 * hour)) }
        if rng.below(10) == 0 {
            kase.agreement = Agreement(period: .days(10), agreedAt: past(confirmAt), channel: rng.below(3) == 0 ? .offPlatform : .platform)
        }
        // Tracking: hops every few hours to a few days; some stall.
        var events: [TrackingEvent] = []
        var t = shippedAt.adding(seconds: hour)
        let hops = 1 + rng.below(6)
        for hop in 0..<hops where t <= now {
            events.append(TrackingEvent(at: t, text: hop == 0 ? "【\(Self.places[0].prefix(2))市】\(carrier.0) 已收取快件" : "快件到达【\(rng.pick(Self.places))】"))
            let gapHours = rng.below(8) == 0 ? 73 + rng.below(40) : 6 + rng.below(40)
            t = t.adding(seconds: Int64(gapHours) * hour)
        }
        kase.tracking = rng.below(30) == 0 ? nil : events
        if let last = events.last, rng.below(4) == 0, let replyAt = past(last.at.adding(seconds: 80 * hour)) {
            kase.stallReplies = [StallReply(at: replyAt, reason: "中转站暴雨停运", courierResult: "已联系承运商，预计明日恢复",
                                            channel: rng.below(5) == 0 ? nil : .platform)]
            chat.say(.merchant, at: replyAt, "中转站暴雨停运，已联系承运商，预计明日恢复运输")
        }
        // Delivery: some in transit, some offered, some signed or refused.
        let offerAt = t
        guard offerAt <= now, rng.below(3) != 0 else { return finish(kase, chat) }
        kase.delivery.offeredAt = offerAt
        switch rng.below(6) {
        case 0, 1:
            kase.delivery.signedAt = offerAt
            let types: [ClaimType] = [.noReasonReturn, .mismatch, .doa, .illness, .refundOnly]
            if rng.below(2) == 0, let at = past(offerAt.adding(seconds: 2 * hour)) {
                claim(&kase, rng.pick(types), at: at, species, &chat)
            }
        case 2, 3, 4:
            if let refusedAt = past(offerAt.adding(seconds: 300)) {
                kase.delivery.refusedAt = refusedAt
                claim(&kase, rng.below(8) == 0 ? .doa : .refuse, at: refusedAt, species, &chat)
            }
        default:
            break
        }
        return finish(kase, chat)
    }

    /// The case with its transcript, and — where the rules say a refund ground has vested and
    /// the buyer has said nothing — usually the buyer's claim, made after the deadline passed.
    private mutating func finish(_ kase: Case, _ chat: Chat) -> Case {
        var kase = kase, chat = chat
        if kase.claim == nil, rng.below(4) != 0 {
            let verdict = pack.evaluate(kase, at: now)
            if verdict.outcome == .buyerMayRefuse {
                let passed = verdict.timers.compactMap(\.deadline?.instant).filter { $0 < now }.max() ?? now.adding(seconds: -Self.hour)
                let span = max(1, min(now.secondsSinceEpoch - passed.secondsSinceEpoch, 30 * Self.hour))
                let at = passed.adding(seconds: 60 + Int64(rng.below(Int(span))))
                claim(&kase, rng.below(4) == 0 ? .returnRefund : .refundOnly, at: min(at, now), nil, &chat)
            }
        }
        kase.messages = chat.messages
        return kase
    }

    /// Files the buyer's claim of `type` at `at`, with words a buyer would use and the first
    /// answer of the merchant.
    private mutating func claim(_ kase: inout Case, _ type: ClaimType, at: Instant, _ species: Species?, _ chat: inout Chat) {
        var claim = Claim(type: type, at: at)
        switch type {
        case .refuse: claim.reason = rng.pick(["到货时精神很差，不敢签收", "箱子有异味，拒收", "快递员说已经不动了，拒收"])
        case .returnRefund: claim.reason = rng.pick(["物流停了好几天，怕路上出事，申请退货退款", "超过约定时间还没到，申请退货退款"])
        case .refundOnly: claim.reason = rng.pick(["物流好几天没动了，申请仅退款", "迟迟不到，担心路上出事，申请退款", "说好三天到，现在还没到"])
        case .noReasonReturn: claim.reason = "家人过敏，想七天无理由退"
        case .mismatch:
            let mismatch = species?.mismatch ?? (item: ChecklistKey.breed, actual: "品种不符")
            claim.item = mismatch.item
            claim.actual = mismatch.actual
            claim.reason = "到货后发现\(mismatch.item.chineseName)与说好的不一样：\(mismatch.actual)"
        case .doa: claim.reason = "到货时已经没有呼吸了"
        case .illness: claim.reason = rng.pick(["到家第二天开始拉稀、精神差", "到家后一直打喷嚏流鼻涕", "到货后不吃不喝"])
        case .lateShipment: claim.reason = "付款两天了还没发货"
        }
        kase.claim = claim
        chat.say(.buyer, at: at, claim.reason ?? "")
        if let answer = past(at.adding(seconds: Int64(10 + rng.below(120)) * 60)) {
            chat.say(.merchant, at: answer, rng.pick(["亲，我们正在核实，请稍等", "已联系快递核实情况，请耐心等待", "请提供视频，我们马上处理"]))
        }
    }

    private mutating func fillChecklist(_ kase: inout Case, _ species: Species, _ listing: Species.Listing, at: Instant) {
        let ageDays = rng.within(species.ageDays)
        let born = kase.paidAt.adding(seconds: -Int64(ageDays) * 86_400)
        let identity = species.identityPrefix + String(100_000_000_000 + UInt64(rng.below(900_000_000_000)))
        let values: [ChecklistKey: String] = [
            .identity: identity, .vaccination: rng.pick(species.vaccines),
            .birthDate: String(PlatformTime.format(born).prefix(10)), .age: Self.ageText(days: ageDays),
            .sex: rng.pick(species.sexes), .breed: listing.breed, .pedigree: rng.pick(species.pedigrees),
            .otherFees: rng.pick(["无", "无，包邮", "航空箱费用已含"]), .healthCheck: "已发体检报告",
            .fullVideo: "已发全身视频", .shipTime: "付款后两天内发货", .packagingVideo: "已发打包视频",
            .transportMethod: species.transport, .arrivalWindow: "预计3天内送达", .careNotes: species.care,
        ]
        let profile = rng.below(10)
        let confirmed = past(at)
        for key in ChecklistKey.allCases {
            var entry = ChecklistEntry(status: .done, at: key == .purchaseProcess ? nil : confirmed,
                                       value: values[key], channel: key == .purchaseProcess ? .detailPage : .platform)
            if key == .identity { entry.kind = species.identity }
            if key != .purchaseProcess, confirmed == nil { entry = ChecklistEntry(status: .unknown) }
            switch profile {
            case 0 where rng.below(4) == 0: entry = ChecklistEntry(status: .unknown)
            case 1 where rng.below(5) == 0: entry = ChecklistEntry(status: .missing, note: "商家未提供")
            case 2 where rng.below(5) == 0: entry = ChecklistEntry(status: .offPlatform, note: "商家称已微信发送")
            default: break
            }
            kase.checklist[key] = entry
        }
    }

    /// An age as a merchant writes it: "出壳3天", "45天", "2个月", "2个半月".
    static func ageText(days: Int) -> String {
        if days < 10 { return "出壳\(days)天" }
        if days < 60 { return "\(days)天" }
        let months = days / 30, half = days % 30 >= 15
        return half ? "\(months)个半月" : "\(months)个月"
    }

    private mutating func buyerName() -> String { "\(rng.pick(Self.surnames))**" }

    /// A price in the range, rounded to ten yuan above 100 yuan as shops price live animals.
    private mutating func price(_ yuan: ClosedRange<Int>) -> Amount {
        var value = rng.within(yuan)
        if value > 100 { value = value / 10 * 10 + (rng.below(3) == 0 ? 8 : 0) }
        return Amount(fen: Int64(value) * 100)
    }

    /// The instant when it is not after `now`, else nil (it has not happened yet).
    private func past(_ instant: Instant) -> Instant? { instant <= now ? instant : nil }
}

/// A transcript being written: messages in time order, none after `now`.
private struct Chat {
    enum Speaker: String { case buyer, merchant }
    let now: Instant
    private(set) var messages: [Message] = []

    init(now: Instant) { self.now = now }

    mutating func say(_ who: Speaker, at: Instant, _ text: String) {
        guard at <= now, !text.isEmpty else { return }
        messages.append(Message(at: at, from: who.rawValue, text: text))
        messages.sort { ($0.at ?? at) < ($1.at ?? at) }
    }
}

extension String {
    /// The text padded on the left with zeros to `width` characters.
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
