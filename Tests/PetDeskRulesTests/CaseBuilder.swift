import PetDeskRules

/// A clean in-scope case to vary in rule tables: a cat paid 2022-08-01 10:00, every item confirmed
/// on the platform at 11:00, shipped 14:00, scans every day, offered 08-04 10:00, no claim.
enum Base {
    static func confirmed() -> Case {
        var c = Case(orderID: "T0001", categoryPath: ["宠物生活", "宠物活体", "猫"],
                     totalAmount: Amount(yuan: "3000")!, paidAt: instant("2022-08-01T10:00:00+08:00"))
        c.itemKind = .livePet
        c.title = "英短蓝猫"
        for key in ChecklistKey.allCases {
            c.checklist[key] = key == .purchaseProcess
                ? ChecklistEntry(status: .done, channel: .detailPage)
                : ChecklistEntry(status: .done, at: instant("2022-08-01T11:00:00+08:00"), kind: key == .identity ? .chip : nil,
                                 value: key == .pedigree ? "无血统证书" : "ok", channel: .platform)
        }
        c.contacts = [Contact(at: instant("2022-08-01T10:30:00+08:00"), channel: .platform)]
        c.buyerFirstReplyAt = instant("2022-08-01T10:40:00+08:00")
        c.shipment = Shipment(shippedAt: instant("2022-08-01T14:00:00+08:00"), carrier: "顺丰速运", waybill: "SF1")
        c.tracking = ["2022-08-01T15:00:00+08:00", "2022-08-02T09:00:00+08:00", "2022-08-03T09:00:00+08:00"]
            .map { TrackingEvent(at: instant($0), text: "scan") }
        c.delivery.offeredAt = instant("2022-08-04T10:00:00+08:00")
        return c
    }

    /// Scans every 24 h from shipment until `end` (no stall).
    static func dailyScans(until end: Instant) -> [TrackingEvent] {
        var t = instant("2022-08-01T15:00:00+08:00")
        var events: [TrackingEvent] = []
        while t < end {
            events.append(TrackingEvent(at: t, text: "scan"))
            t = t.adding(hours: 24)
        }
        return events
    }

    /// The base case refused at the offer instant, scanned daily until then.
    static func refused(offeredAt: String = "2022-08-04T10:00:00+08:00") -> Case {
        var c = confirmed()
        c.tracking = dailyScans(until: instant(offeredAt))
        c.delivery.offeredAt = instant(offeredAt)
        c.delivery.refusedAt = instant(offeredAt)
        c.claim = Claim(type: .refuse, at: instant(offeredAt))
        return c
    }

    /// A case in transit with one stall: scans 08-01 15:00 and 08-02 09:00, then nothing until
    /// `resumed` (or never), not yet offered.
    static func stalled(resumed: String? = nil) -> Case {
        var c = confirmed()
        c.tracking = ["2022-08-01T15:00:00+08:00", "2022-08-02T09:00:00+08:00"].map { TrackingEvent(at: instant($0), text: "scan") }
        if let resumed { c.tracking!.append(TrackingEvent(at: instant(resumed), text: "scan")) }
        c.delivery.offeredAt = nil
        return c
    }

    /// A reply to a stall, on the platform, with a reason and the courier result.
    static func reply(_ at: String, channel: Channel? = .platform, courierResult: String? = "已联系快递") -> StallReply {
        StallReply(at: instant(at), reason: "暴雨停运", courierResult: courierResult, channel: channel)
    }
}
