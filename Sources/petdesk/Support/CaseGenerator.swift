import PetDeskRules

/// Deterministic synthetic cases: the demo queue and the benchmarks.
///
/// Instants are placed relative to `now`, so timers in a demo are live. Every branch of the
/// standard is reached: out-of-scope goods, unshipped orders, stalls with and without replies,
/// cancellations, agreements, every claim type and checklists in every state.
struct CaseGenerator {
    private var rng: SplitMix64
    let now: Instant

    init(seed: UInt64, now: Instant) {
        rng = SplitMix64(seed: seed)
        self.now = now
    }

    private static let species: [(category: [String], kind: ItemKind, titles: [String])] = [
        (["宠物生活", "宠物活体", "猫"], .livePet, ["英短蓝猫 幼猫 疫苗齐全", "布偶猫 海双色 弟弟", "英短金渐层 妹妹", "暹罗猫 重点色 两个月", "缅因猫 银虎斑 公"]),
        (["宠物生活", "宠物活体", "狗"], .livePet, ["柯基犬 三色 弟弟 两个月", "柴犬 赤色 妹妹", "比熊犬 纯种 疫苗齐全", "金毛幼犬 赛级血统", "边境牧羊犬 黑白 公"]),
        (["宠物生活", "宠物活体", "水族"], .livePet, ["锦鲤 红白 15cm 两条", "孔雀鱼 一对 包活"]),
        (["宠物生活", "宠物活体", "小宠"], .livePet, ["垂耳兔 幼兔 侏儒", "金丝熊仓鼠 一只", "玄凤鹦鹉 手养 会说话"]),
        (["农资绿植", "畜牧养殖", "动物种苗", "鸡苗"], .animalSeedling, ["三黄鸡苗 出壳3天 100只 包活", "芦花鸡苗 50只"]),
        (["农资绿植", "畜牧养殖", "动物种苗", "鸭苗"], .animalSeedling, ["麻鸭苗 30只 包邮"]),
    ]
    private static let outOfScope: [(category: [String], title: String)] = [
        (["宠物生活", "宠物主粮", "猫主粮"], "皇家幼猫粮 K36 10kg 整箱装"),
        (["宠物生活", "宠物用品", "猫砂"], "豆腐猫砂 6L×4 包"),
    ]
    private static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁")
    private static let merchants = ["萌宠之家", "云朵布偶猫舍", "汪星球犬舍", "蓝猫乐园", "小橘宠物", "鑫旺禽苗孵化场", "锦鲤世家"]
    private static let carriers = [("顺丰速运", "SF"), ("德邦快递", "DPK"), ("中通快递", "ZT")]
    private static let places = ["杭州萧山集散中心", "西安咸阳集散中心", "北京顺义集散中心", "广州白云集散中心", "成都双流集散中心", "武汉转运中心"]

    /// The next case, numbered `index` (used in its order id).
    mutating func next(index: Int) -> Case {
        let hour: Int64 = 3600
        let paidAt = now.adding(seconds: -Int64(rng.below(14 * 24)) * hour - Int64(rng.below(3600)))
        let orderID = "KS\(PlatformTime.format(paidAt).prefix(10).replacingOccurrences(of: "-", with: "").dropFirst(2))\(String(index).leftPadded(to: 6))"
        let amount = Amount(fen: Int64(200 + rng.below(60)) * 5000)
        var kase: Case
        if rng.below(100) < 4 {
            let o = Self.outOfScope[rng.below(Self.outOfScope.count)]
            kase = Case(orderID: orderID, categoryPath: o.category, totalAmount: amount, paidAt: paidAt)
            kase.itemKind = .other
            kase.title = o.title
        } else {
            let s = Self.species[rng.below(Self.species.count)]
            kase = Case(orderID: orderID, categoryPath: s.category, totalAmount: amount, paidAt: paidAt)
            kase.itemKind = rng.below(10) == 0 ? nil : s.kind
            kase.title = s.titles[rng.below(s.titles.count)]
        }
        kase.buyer = "\(Self.surnames[rng.below(Self.surnames.count)])**"
        kase.merchant = Self.merchants[rng.below(Self.merchants.count)]
        let confirmAt = paidAt.adding(seconds: Int64(1 + rng.below(20)) * hour / 2)
        fillChecklist(&kase, at: confirmAt)
        kase.contacts = [Contact(at: paidAt.adding(seconds: hour / 2), channel: .platform)]
        if rng.below(5) == 0 { kase.contacts?.append(Contact(at: paidAt.adding(seconds: 20 * hour), channel: rng.below(4) == 0 ? .offPlatform : .platform)) }
        kase.buyerFirstReplyAt = rng.below(4) == 0 ? nil : paidAt.adding(seconds: hour)

        let shipDelay = Int64(2 + rng.below(60)) * hour
        let shippedAt = paidAt.adding(seconds: shipDelay)
        if rng.below(12) == 0 || shippedAt > now {
            if rng.below(3) == 0 { kase.cancellation = Cancellation(requestedAt: paidAt.adding(seconds: hour)) }
            kase.tracking = []
            if rng.below(2) == 0 { kase.claim = Claim(type: rng.below(2) == 0 ? .lateShipment : .refundOnly, at: min(now, paidAt.adding(seconds: 50 * hour))) }
            return kase
        }
        let carrier = Self.carriers[rng.below(Self.carriers.count)]
        kase.shipment = Shipment(shippedAt: shippedAt, firstScanAt: nil, carrier: carrier.0,
                                 waybill: "\(carrier.1)\(String(index).leftPadded(to: 10))")
        if rng.below(10) == 0 { kase.cancellation = Cancellation(requestedAt: shippedAt.adding(seconds: -3 * hour)) }
        if rng.below(10) == 0 {
            kase.agreement = Agreement(period: .days(10), agreedAt: confirmAt, channel: rng.below(3) == 0 ? .offPlatform : .platform)
        }
        // Tracking: hops every few hours to a few days; some stall.
        var events: [TrackingEvent] = []
        var t = shippedAt.adding(seconds: hour)
        let hops = 1 + rng.below(6)
        for hop in 0..<hops where t <= now {
            events.append(TrackingEvent(at: t, text: hop == 0 ? "【\(Self.places[0].prefix(2))市】\(carrier.0) 已收取快件" : "快件到达【\(Self.places[rng.below(Self.places.count)])】"))
            let gapHours = rng.below(8) == 0 ? 73 + rng.below(40) : 6 + rng.below(40)
            t = t.adding(seconds: Int64(gapHours) * hour)
        }
        kase.tracking = rng.below(30) == 0 ? nil : events
        if let last = events.last, rng.below(4) == 0 {
            kase.stallReplies = [StallReply(at: last.at.adding(seconds: 80 * hour), reason: "中转站暴雨停运",
                                            courierResult: "已联系承运商，预计明日恢复", channel: rng.below(5) == 0 ? nil : .platform)]
            if kase.stallReplies[0].at > now { kase.stallReplies = [] }
        }
        // Delivery: some in transit, some offered, some signed or refused.
        let offerAt = t
        guard offerAt <= now, rng.below(3) != 0 else {
            if rng.below(6) == 0 { kase.claim = Claim(type: .refundOnly, at: now.adding(seconds: -hour)) }
            return kase
        }
        kase.delivery.offeredAt = offerAt
        switch rng.below(6) {
        case 0, 1:
            kase.delivery.signedAt = offerAt
            let types: [ClaimType] = [.noReasonReturn, .mismatch, .doa, .illness, .refundOnly]
            if rng.below(2) == 0, offerAt.adding(seconds: 2 * hour) <= now {
                let type = types[rng.below(types.count)]
                kase.claim = Claim(type: type, at: offerAt.adding(seconds: 2 * hour), reason: "到货后发现问题",
                                   item: type == .mismatch ? .pedigree : nil, actual: type == .mismatch ? "无血统证书" : nil)
            }
        case 2, 3, 4:
            kase.delivery.refusedAt = offerAt.adding(seconds: 300)
            if kase.delivery.refusedAt! <= now {
                kase.claim = Claim(type: rng.below(8) == 0 ? .doa : .refuse, at: kase.delivery.refusedAt!, reason: "拒收")
            } else {
                kase.delivery.refusedAt = nil
            }
        default:
            break
        }
        return kase
    }

    private mutating func fillChecklist(_ kase: inout Case, at: Instant) {
        let values: [ChecklistKey: String] = [
            .identity: "900\(rng.below(900_000_000) + 100_000_000)", .vaccination: "猫三联两针", .birthDate: "2022-05-20",
            .age: "2个半月", .sex: rng.below(2) == 0 ? "公" : "母", .breed: "英国短毛猫", .pedigree: "无血统证书",
            .otherFees: "无", .healthCheck: "已发体检报告", .fullVideo: "已发全身视频", .shipTime: "付款后两天内发货",
            .packagingVideo: "已发航空箱打包视频", .transportMethod: "顺丰特快（活体专运）", .arrivalWindow: "预计3天内送达",
            .careNotes: "到家先隔离观察3天",
        ]
        let profile = rng.below(10)
        for key in ChecklistKey.allCases {
            var entry = ChecklistEntry(status: .done, at: key == .purchaseProcess ? nil : at,
                                       value: values[key], channel: key == .purchaseProcess ? .detailPage : .platform)
            if key == .identity { entry.kind = kase.itemKind == .animalSeedling ? .other : .chip }
            switch profile {
            case 0 where rng.below(4) == 0: entry = ChecklistEntry(status: .unknown)
            case 1 where rng.below(5) == 0: entry = ChecklistEntry(status: .missing, note: "商家未提供")
            case 2 where rng.below(5) == 0: entry = ChecklistEntry(status: .offPlatform, note: "商家称已微信发送")
            default: break
            }
            kase.checklist[key] = entry
        }
    }
}

/// A small, fast, deterministic PRNG (Steele, Lea & Flood's SplitMix64).
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// A number in `0..<bound`.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
