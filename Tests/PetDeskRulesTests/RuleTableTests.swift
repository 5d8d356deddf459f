import PetDeskRules
import Testing

/// One row of a rule table: a case, an instant, and what the rule must conclude.
struct RuleRow: Sendable, CustomTestStringConvertible {
    var name: String
    var at: String
    var params: [String: String] = [:]
    var expect: FindingResult
    var outcome: Outcome?
    var build: @Sendable () -> Case

    var rule: String { String(name.prefix { $0 != ":" }) }
    var testDescription: String { name }

    init(_ name: String, at: String, params: [String: String] = [:], _ expect: FindingResult,
         outcome: Outcome? = nil, _ build: @escaping @Sendable () -> Case) {
        self.name = name
        self.at = at
        self.params = params
        self.expect = expect
        self.outcome = outcome
        self.build = build
    }
}

let later = "2022-08-20T12:00:00+08:00"

/// Every rule on both sides of its thresholds; names say the rule and the boundary.
let ruleRows: [RuleRow] = v10Rows + v11Rows

let v10Rows: [RuleRow] = [
    // KS-PET-SCOPE
    RuleRow("KS-PET-SCOPE: L2 宠物活体 is in scope", at: later, .notFired) { Base.confirmed() },
    RuleRow("KS-PET-SCOPE: L3 动物种苗 is in scope", at: later, .notFired) {
        var c = Base.confirmed(); c.categoryPath = ["农资绿植", "畜牧养殖", "动物种苗", "鸡苗"]; c.itemKind = nil; return c
    },
    RuleRow("KS-PET-SCOPE: cat food (item_kind other) is out of scope", at: later, .fired, outcome: .outOfScope) {
        var c = Base.confirmed(); c.categoryPath = ["宠物生活", "宠物主粮", "猫主粮"]; c.itemKind = .other; return c
    },
    RuleRow("KS-PET-SCOPE: a mis-listed animal (item_kind live_pet) is in scope", at: later, .notFired) {
        var c = Base.confirmed(); c.categoryPath = ["宠物生活", "宠物用品", "猫砂"]; c.itemKind = .livePet; return c
    },
    // KS-PET-PRECEDENCE
    RuleRow("KS-PET-PRECEDENCE: late shipment without buyer silence defers, after the rule that decided (§8.14)", at: later,
            .fired, outcome: .deferGeneral) {
        var c = Base.confirmed(); c.claim = Claim(type: .lateShipment, at: instant("2022-08-04T18:00:00+08:00")); return c
    },
    RuleRow("KS-PET-PRECEDENCE: late shipment excused by silence does not defer", at: later, .notFired, outcome: .notDelayedShipment) {
        var c = Base.confirmed()
        c.contacts = [Contact(at: instant("2022-08-01T11:00:00+08:00"), channel: .platform),
                      Contact(at: instant("2022-08-02T11:00:00+08:00"), channel: .platform)]
        c.buyerFirstReplyAt = nil
        c.claim = Claim(type: .lateShipment, at: instant("2022-08-04T18:00:00+08:00"))
        return c
    },
    // KS-PET-DISCLOSE
    RuleRow("KS-PET-DISCLOSE: purchase process missing is a violation", at: later, .fired) {
        var c = Base.confirmed(); c.checklist[.purchaseProcess] = ChecklistEntry(status: .missing); return c
    },
    RuleRow("KS-PET-DISCLOSE: done on the detail page is no violation", at: later, .notFired) { Base.confirmed() },
    RuleRow("KS-PET-DISCLOSE: done with channel off_platform counts as off-platform", at: later, .fired) {
        var c = Base.confirmed(); c.checklist[.purchaseProcess].channel = .offPlatform; return c
    },
    // KS-PET-CONFIRM
    RuleRow("KS-PET-CONFIRM: identity missing is a gap", at: later, .fired) {
        var c = Base.confirmed(); c.checklist[.identity] = ChecklistEntry(status: .missing); return c
    },
    RuleRow("KS-PET-CONFIRM: all eight confirmed before shipment", at: later, .notFired) { Base.confirmed() },
    RuleRow("KS-PET-CONFIRM: age unknown but birth date confirmed is no gap", at: later, .notFired) {
        var c = Base.confirmed(); c.checklist.remove(.age); return c
    },
    RuleRow("KS-PET-CONFIRM: age unknown and birth date unknown is unknown", at: later, .unknown) {
        var c = Base.confirmed(); c.checklist.remove(.age); c.checklist.remove(.birthDate); return c
    },
    // KS-PET-ID
    RuleRow("KS-PET-ID: leg ring (kind other) fires the identity reading", at: later, .fired) {
        var c = Base.confirmed(); c.checklist[.identity].kind = .other; return c
    },
    RuleRow("KS-PET-ID: chip does not", at: later, .notFired) { Base.confirmed() },
    // KS-PET-PRESHIP
    RuleRow("KS-PET-PRESHIP: packaging video off-platform is a gap", at: later, .fired) {
        var c = Base.confirmed(); c.checklist[.packagingVideo] = ChecklistEntry(status: .offPlatform); return c
    },
    RuleRow("KS-PET-PRESHIP: all seven told before shipment", at: later, .notFired) { Base.confirmed() },
    // KS-PET-SHIP-UNCONFIRMED
    RuleRow("KS-PET-SHIP-UNCONFIRMED: item done at the shipping instant is not before shipment", at: later, .fired, outcome: .fullRefund) {
        var c = Base.refused(); c.checklist[.sex].at = instant("2022-08-01T14:00:00+08:00"); return c
    },
    RuleRow("KS-PET-SHIP-UNCONFIRMED: item done 1 s before shipping is before shipment", at: later, .notFired, outcome: .buyerLiableCapped) {
        var c = Base.refused(); c.checklist[.sex].at = instant("2022-08-01T13:59:59+08:00"); return c
    },
    RuleRow("KS-PET-SHIP-UNCONFIRMED: an unknown item makes the ground unknown", at: later, .unknown, outcome: .needsEvidence) {
        var c = Base.refused(); c.checklist.remove(.careNotes); return c
    },
    RuleRow("KS-PET-SHIP-UNCONFIRMED: a missing item proves it even beside unknown ones", at: later, .fired, outcome: .fullRefund) {
        var c = Base.refused(); c.checklist.remove(.careNotes); c.checklist[.breed] = ChecklistEntry(status: .missing); return c
    },
    RuleRow("KS-PET-SHIP-UNCONFIRMED: not shipped does not apply", at: later, .notApplicable) {
        var c = Base.confirmed(); c.shipment = Shipment(); c.tracking = []; c.delivery = Delivery(); return c
    },
    // KS-PET-CANCEL
    RuleRow("KS-PET-CANCEL: cancelled 1 s before shipping, no consent", at: later, .fired, outcome: .fullRefund) {
        var c = Base.refused(); c.cancellation = Cancellation(requestedAt: instant("2022-08-01T13:59:59+08:00")); return c
    },
    RuleRow("KS-PET-CANCEL: cancelled at the shipping instant is after shipment", at: later, .notApplicable) {
        var c = Base.refused(); c.cancellation = Cancellation(requestedAt: instant("2022-08-01T14:00:00+08:00")); return c
    },
    RuleRow("KS-PET-CANCEL: on-platform consent before shipping", at: later, .notFired) {
        var c = Base.refused()
        c.cancellation = Cancellation(requestedAt: instant("2022-08-01T12:00:00+08:00"),
                                      consentAt: instant("2022-08-01T13:00:00+08:00"), consentChannel: .platform)
        return c
    },
    RuleRow("KS-PET-CANCEL: off-platform consent counts as none", at: later, .fired) {
        var c = Base.refused()
        c.cancellation = Cancellation(requestedAt: instant("2022-08-01T12:00:00+08:00"),
                                      consentAt: instant("2022-08-01T13:00:00+08:00"), consentChannel: .offPlatform)
        return c
    },
    RuleRow("KS-PET-CANCEL: consent of unknown channel is unknown", at: later, .unknown, outcome: .needsEvidence) {
        var c = Base.refused()
        c.cancellation = Cancellation(requestedAt: instant("2022-08-01T12:00:00+08:00"),
                                      consentAt: instant("2022-08-01T13:00:00+08:00"), consentChannel: nil)
        return c
    },
    RuleRow("KS-PET-CANCEL: cancelled, never shipped, refund refused holds", at: later, .fired, outcome: .fullRefund) {
        var c = Base.confirmed(); c.shipment = Shipment(); c.tracking = []; c.delivery = Delivery()
        c.cancellation = Cancellation(requestedAt: instant("2022-08-01T12:00:00+08:00"))
        c.claim = Claim(type: .refundOnly, at: instant("2022-08-03T12:00:00+08:00"))
        return c
    },
    RuleRow("KS-PET-CANCEL: survives signing by default", at: later, .fired, outcome: .fullRefund) {
        var c = Base.confirmed(); c.delivery.signedAt = c.delivery.offeredAt
        c.cancellation = Cancellation(requestedAt: instant("2022-08-01T12:00:00+08:00"))
        c.claim = Claim(type: .returnRefund, at: instant("2022-08-05T10:00:00+08:00"))
        return c
    },
    RuleRow("KS-PET-CANCEL: lost at signing with cancel_survives_signing=false", at: later,
            params: ["cancel_survives_signing": "false"], .notFired, outcome: .claimNotSupported) {
        var c = Base.confirmed(); c.delivery.signedAt = c.delivery.offeredAt
        c.cancellation = Cancellation(requestedAt: instant("2022-08-01T12:00:00+08:00"))
        c.claim = Claim(type: .returnRefund, at: instant("2022-08-05T10:00:00+08:00"))
        return c
    },
    // KS-PET-DELIVERY-7D — calendar (default)
    RuleRow("KS-PET-DELIVERY-7D: calendar, offered 23:59:59 on day 7 is on time", at: later, .notFired, outcome: .buyerLiableCapped) {
        Base.refused(offeredAt: "2022-08-08T23:59:59+08:00")
    },
    RuleRow("KS-PET-DELIVERY-7D: calendar, offered 00:00:00 on day 8 is late", at: later, .fired, outcome: .fullRefund) {
        Base.refused(offeredAt: "2022-08-09T00:00:00+08:00")
    },
    RuleRow("KS-PET-DELIVERY-7D: rolling, offered at shipped + 7×24h is on time", at: later,
            params: ["day_period_mode": "rolling"], .notFired) { Base.refused(offeredAt: "2022-08-08T14:00:00+08:00") },
    RuleRow("KS-PET-DELIVERY-7D: rolling, offered at shipped + 7×24h + 1 s is late", at: later,
            params: ["day_period_mode": "rolling"], .fired) { Base.refused(offeredAt: "2022-08-08T14:00:01+08:00") },
    RuleRow("KS-PET-DELIVERY-7D: shipped given in Z (06:00Z = 14:00+08), day 8 00:00 is late", at: later, .fired) {
        var c = Base.refused(offeredAt: "2022-08-08T16:00:00Z"); c.shipment.shippedAt = instant("2022-08-01T06:00:00Z"); return c
    },
    RuleRow("KS-PET-DELIVERY-7D: shipped 15:59:59Z is 23:59:59+08 on day 0, day 7 ends 08-08 24:00", at: later, .notFired) {
        var c = Base.refused(offeredAt: "2022-08-08T15:59:59Z"); c.shipment.shippedAt = instant("2022-07-31T16:00:00Z"); return c
    },
    RuleRow("KS-PET-DELIVERY-7D: an instant without offset is Shanghai time", at: later, .fired) {
        var c = Base.refused(offeredAt: "2022-08-09T00:00:00"); c.shipment.shippedAt = instant("2022-08-01T14:00"); return c
    },
    RuleRow("KS-PET-DELIVERY-7D: not offered, at day 8 00:00:00 the ground has vested", at: "2022-08-09T00:00:00+08:00", .fired, outcome: .buyerMayRefuse) {
        var c = Base.confirmed(); c.delivery = Delivery(); c.tracking = Base.dailyScans(until: instant("2022-08-08T23:00:00+08:00")); return c
    },
    RuleRow("KS-PET-DELIVERY-7D: not offered, at day 7 23:59:59 nothing has vested", at: "2022-08-08T23:59:59+08:00", .notFired, outcome: .monitor) {
        var c = Base.confirmed(); c.delivery = Delivery(); c.tracking = Base.dailyScans(until: instant("2022-08-08T23:00:00+08:00")); return c
    },
    RuleRow("KS-PET-DELIVERY-7D: agreed 36 hours, offered at +36h is on time", at: later, .notFired) {
        var c = Base.refused(offeredAt: "2022-08-03T02:00:00+08:00")
        c.agreement = Agreement(period: .hours(seconds: 36 * 3600), agreedAt: instant("2022-08-01T11:00:00+08:00"), channel: .platform)
        return c
    },
    RuleRow("KS-PET-DELIVERY-7D: agreed 36 hours, offered at +36h 1 s is late", at: later, .fired) {
        var c = Base.refused(offeredAt: "2022-08-03T02:00:01+08:00")
        c.agreement = Agreement(period: .hours(seconds: 36 * 3600), agreedAt: instant("2022-08-01T11:00:00+08:00"), channel: .platform)
        return c
    },
    RuleRow("KS-PET-DELIVERY-7D: agreed date 08-03, offered 08-03 23:59:59 is on time", at: later, .notFired) {
        var c = Base.refused(offeredAt: "2022-08-03T23:59:59+08:00")
        c.agreement = Agreement(period: .date(LocalDate(year: 2022, month: 8, day: 3)!), agreedAt: instant("2022-08-01T11:00:00+08:00"), channel: .platform)
        return c
    },
    RuleRow("KS-PET-DELIVERY-7D: agreed date 08-03, offered 08-04 00:00 is late", at: later, .fired) {
        var c = Base.refused(offeredAt: "2022-08-04T00:00:00+08:00")
        c.agreement = Agreement(period: .date(LocalDate(year: 2022, month: 8, day: 3)!), agreedAt: instant("2022-08-01T11:00:00+08:00"), channel: .platform)
        return c
    },
    RuleRow("KS-PET-DELIVERY-7D: an agreement made after shipment is ignored", at: later, .notFired) {
        var c = Base.refused(offeredAt: "2022-08-04T00:00:00+08:00")
        c.agreement = Agreement(period: .days(1), agreedAt: instant("2022-08-01T14:00:00+08:00"), channel: .platform)
        return c
    },
    RuleRow("KS-PET-DELIVERY-7D: an off-platform agreement is ignored", at: later, .notFired) {
        var c = Base.refused(offeredAt: "2022-08-04T00:00:00+08:00")
        c.agreement = Agreement(period: .days(1), agreedAt: instant("2022-08-01T11:00:00+08:00"), channel: .offPlatform)
        return c
    },
    RuleRow("KS-PET-DELIVERY-7D: agreement of unknown channel that would decide is unknown", at: later, .unknown, outcome: .needsEvidence) {
        var c = Base.refused(offeredAt: "2022-08-04T00:00:00+08:00")
        c.agreement = Agreement(period: .days(1), agreedAt: instant("2022-08-01T11:00:00+08:00"), channel: nil)
        return c
    },
    RuleRow("KS-PET-DELIVERY-7D: unknown shipping instant, on time from paid_at is still on time", at: later, .notFired) {
        var c = Base.refused(offeredAt: "2022-08-04T00:00:00+08:00"); c.shipment.shippedAt = nil
        for k in ChecklistKey.allCases { c.checklist[k].at = nil }
        return c
    },
    RuleRow("KS-PET-DELIVERY-7D: unknown shipping instant, late for every instant it could be, is proven (§8.21)", at: later,
            .fired, outcome: .fullRefund) {
        var c = Base.refused(offeredAt: "2022-08-09T12:00:00+08:00"); c.shipment.shippedAt = nil
        for k in ChecklistKey.allCases { c.checklist[k].at = nil }
        return c
    },
    RuleRow("KS-PET-DELIVERY-7D: unknown shipping instant, late or not depending on it, is unknown (§8.21)", at: later,
            .unknown, outcome: .needsEvidence) {
        var c = Base.refused(offeredAt: "2022-08-09T12:00:00+08:00"); c.shipment.shippedAt = nil
        c.tracking!.removeFirst()  // first scan 08-02 15:00: shipped 08-01 (late) or 08-02 (on time)
        for k in ChecklistKey.allCases { c.checklist[k].at = nil }
        return c
    },
    // KS-PET-STALL-72H
    RuleRow("KS-PET-STALL-72H: gap of exactly 72h is not a stall", at: "2022-08-05T10:00:00+08:00", .notFired) {
        Base.stalled(resumed: "2022-08-05T09:00:00+08:00")
    },
    RuleRow("KS-PET-STALL-72H: gap of 72h 1 s is a stall", at: "2022-08-05T10:00:00+08:00", .fired) {
        Base.stalled(resumed: "2022-08-05T09:00:01+08:00")
    },
    RuleRow("KS-PET-STALL-72H: in transit, 72h after the last scan is not yet a stall", at: "2022-08-05T09:00:00+08:00", .notFired) {
        Base.stalled()
    },
    RuleRow("KS-PET-STALL-72H: in transit, 72h 1 s after the last scan is a stall", at: "2022-08-05T09:00:01+08:00", .fired) {
        Base.stalled()
    },
    RuleRow("KS-PET-STALL-72H: tracking null is unknown even for a short transit", at: later, .unknown) {
        var c = Base.confirmed(); c.tracking = nil; return c
    },
    RuleRow("KS-PET-STALL-72H: tracking [] with a short transit is no stall", at: later, .notFired) {
        var c = Base.confirmed(); c.tracking = []; c.delivery.offeredAt = instant("2022-08-02T10:00:00+08:00"); return c
    },
    // KS-PET-STALL-REPLY-24H (stall after 08-02 09:00: established 08-05 09:00, reply due 08-06 09:00)
    RuleRow("KS-PET-STALL-REPLY-24H: reply at +24h exactly answers", at: "2022-08-07T09:00:00+08:00", .notFired, outcome: .monitor) {
        var c = Base.stalled(resumed: "2022-08-06T10:00:00+08:00"); c.stallReplies = [Base.reply("2022-08-06T09:00:00+08:00")]; return c
    },
    RuleRow("KS-PET-STALL-REPLY-24H: reply at +24h 1 s is too late", at: "2022-08-07T09:00:00+08:00", .fired, outcome: .buyerMayRefuse) {
        var c = Base.stalled(resumed: "2022-08-06T10:00:00+08:00"); c.stallReplies = [Base.reply("2022-08-06T09:00:01+08:00")]; return c
    },
    RuleRow("KS-PET-STALL-REPLY-24H: unanswered, at the deadline itself nothing has vested", at: "2022-08-06T09:00:00+08:00", .notFired) {
        Base.stalled()
    },
    RuleRow("KS-PET-STALL-REPLY-24H: unanswered, 1 s after the deadline it vests", at: "2022-08-06T09:00:01+08:00", .fired) {
        Base.stalled()
    },
    RuleRow("KS-PET-STALL-REPLY-24H: established mode vests at 72h 1 s", at: "2022-08-05T09:00:01+08:00",
            params: ["stall_vests_at": "established"], .fired) { Base.stalled() },
    RuleRow("KS-PET-STALL-REPLY-24H: established mode, not at 72h exactly", at: "2022-08-05T09:00:00+08:00",
            params: ["stall_vests_at": "established"], .notFired) { Base.stalled() },
    RuleRow("KS-PET-STALL-REPLY-24H: an off-platform reply does not answer", at: "2022-08-07T09:00:00+08:00", .fired) {
        var c = Base.stalled(); c.stallReplies = [Base.reply("2022-08-05T12:00:00+08:00", channel: .offPlatform)]; return c
    },
    RuleRow("KS-PET-STALL-REPLY-24H: a reply without the courier result does not answer", at: "2022-08-07T09:00:00+08:00", .fired) {
        var c = Base.stalled(); c.stallReplies = [Base.reply("2022-08-05T12:00:00+08:00", courierResult: " ")]; return c
    },
    RuleRow("KS-PET-STALL-REPLY-24H: a reply before the last update answers nothing", at: "2022-08-07T09:00:00+08:00", .fired) {
        var c = Base.stalled(); c.stallReplies = [Base.reply("2022-08-02T08:00:00+08:00")]; return c
    },
    RuleRow("KS-PET-STALL-REPLY-24H: a reply of unknown channel is unknown", at: "2022-08-07T09:00:00+08:00", .unknown) {
        var c = Base.stalled(); c.stallReplies = [Base.reply("2022-08-05T12:00:00+08:00", channel: nil)]; return c
    },
    RuleRow("KS-PET-STALL-REPLY-24H: the ground does not lapse when tracking resumes", at: "2022-08-07T09:00:00+08:00", .fired) {
        Base.stalled(resumed: "2022-08-06T10:00:00+08:00")
    },
    RuleRow("KS-PET-STALL-REPLY-24H: after signing it is only a violation", at: "2022-08-08T09:00:00+08:00", .fired, outcome: .monitor) {
        var c = Base.stalled(resumed: "2022-08-06T10:00:00+08:00")
        c.delivery.offeredAt = instant("2022-08-07T10:00:00+08:00"); c.delivery.signedAt = c.delivery.offeredAt
        return c
    },
    // KS-PET-REFUSAL-UNJUSTIFIED
    RuleRow("KS-PET-REFUSAL-UNJUSTIFIED: refusal with no ground", at: later, .fired, outcome: .buyerLiableCapped) { Base.refused() },
    RuleRow("KS-PET-REFUSAL-UNJUSTIFIED: refusal after late delivery is justified", at: later, .notFired, outcome: .fullRefund) {
        Base.refused(offeredAt: "2022-08-10T10:00:00+08:00")
    },
    // KS-PET-BUYER-SILENT-48H (t1 = 08-01 11:00, window ends 08-03 11:00)
    RuleRow("KS-PET-BUYER-SILENT-48H: second contact at t1 + 48h is inside the window", at: later, .fired, outcome: .notDelayedShipment) {
        silent(second: "2022-08-03T11:00:00+08:00", reply: nil)
    },
    RuleRow("KS-PET-BUYER-SILENT-48H: second contact at t1 + 48h 1 s is outside", at: later, .notFired, outcome: .deferGeneral) {
        silent(second: "2022-08-03T11:00:01+08:00", reply: nil)
    },
    RuleRow("KS-PET-BUYER-SILENT-48H: a reply at t1 + 48h defeats the silence", at: later, .notFired) {
        silent(second: "2022-08-02T11:00:00+08:00", reply: "2022-08-03T11:00:00+08:00")
    },
    RuleRow("KS-PET-BUYER-SILENT-48H: a reply at t1 + 48h 1 s does not", at: later, .fired) {
        silent(second: "2022-08-02T11:00:00+08:00", reply: "2022-08-03T11:00:01+08:00")
    },
    RuleRow("KS-PET-BUYER-SILENT-48H: a reply before t1 defeats it too", at: later, .notFired) {
        silent(second: "2022-08-02T11:00:00+08:00", reply: "2022-08-01T10:00:00+08:00")
    },
    RuleRow("KS-PET-BUYER-SILENT-48H: a contact of unknown channel does not count", at: later, .notFired) {
        var c = silent(second: "2022-08-02T11:00:00+08:00", reply: nil); c.contacts![1].channel = nil; return c
    },
    // KS-PET-MISMATCH
    RuleRow("KS-PET-MISMATCH: arrived as confirmed (trimmed) is not supported", at: later, .fired, outcome: .claimNotSupported) {
        mismatch(actual: " 无血统证书 ")
    },
    RuleRow("KS-PET-MISMATCH: differs from what was confirmed defers", at: later, .notFired, outcome: .deferGeneral) {
        mismatch(actual: "血统证书是假的")
    },
    RuleRow("KS-PET-MISMATCH: a mismatch claim that proves a refund ground is not a mismatch", at: later, .notFired, outcome: .fullRefund) {
        var c = Base.refused(offeredAt: "2022-08-10T10:00:00+08:00"); c.claim!.type = .mismatch; return c
    },
    // KS-PET-NO-NR-RETURN
    RuleRow("KS-PET-NO-NR-RETURN: no-reason return after signing", at: later, .fired, outcome: .claimNotSupported) {
        var c = Base.confirmed(); c.delivery.signedAt = c.delivery.offeredAt
        c.claim = Claim(type: .noReasonReturn, at: instant("2022-08-05T10:00:00+08:00")); return c
    },
    RuleRow("KS-PET-NO-NR-RETURN: before signing with no ground it is the deciding rule (§8.20)", at: later, .fired, outcome: .claimNotSupported) {
        var c = Base.confirmed(); c.claim = Claim(type: .noReasonReturn, at: instant("2022-08-05T10:00:00+08:00")); return c
    },
    // KS-PET-DOA / KS-PET-ILLNESS
    RuleRow("KS-PET-DOA: death claim after signing defers", at: later, .fired, outcome: .deferGeneral) {
        var c = Base.confirmed(); c.delivery.signedAt = c.delivery.offeredAt
        c.claim = Claim(type: .doa, at: instant("2022-08-04T11:00:00+08:00")); return c
    },
    RuleRow("KS-PET-DOA: refused dead on arrival after late delivery is a full refund", at: later, .notFired, outcome: .fullRefund) {
        var c = Base.refused(offeredAt: "2022-08-10T10:00:00+08:00"); c.claim!.type = .doa; return c
    },
    RuleRow("KS-PET-ILLNESS: illness claim after signing defers", at: later, .fired, outcome: .deferGeneral) {
        var c = Base.confirmed(); c.delivery.signedAt = c.delivery.offeredAt
        c.claim = Claim(type: .illness, at: instant("2022-08-04T11:00:00+08:00")); return c
    },
    RuleRow("KS-PET-ILLNESS: no illness claim, no finding", at: later, .notFired, outcome: .monitor) { Base.confirmed() },
]

private func silent(second: String, reply: String?) -> Case {
    var c = Base.confirmed()
    c.contacts = [Contact(at: instant("2022-08-01T11:00:00+08:00"), channel: .platform),
                  Contact(at: instant(second), channel: .platform)]
    c.buyerFirstReplyAt = reply.map(instant)
    c.claim = Claim(type: .lateShipment, at: instant("2022-08-04T18:00:00+08:00"))
    return c
}

private func mismatch(actual: String) -> Case {
    var c = Base.confirmed()
    c.delivery.signedAt = c.delivery.offeredAt
    c.claim = Claim(type: .mismatch, at: instant("2022-08-05T10:00:00+08:00"), item: .pedigree, actual: actual)
    return c
}

struct RuleTableTests {
    @Test(arguments: ruleRows)
    func row(_ row: RuleRow) throws {
        let v = try verdict(row.build(), at: row.at, params: row.params)
        #expect(v.result(of: row.rule) == row.expect, "findings: \(v.findings.map { "\($0.rule) \($0.result) \($0.detail.english)" })")
        if let outcome = row.outcome { #expect(v.outcome == outcome, "grounds \(v.grounds) missing \(v.missing)") }
    }
}

/// Meta-tests: the pack's rules are well-formed and every rule is tested on both sides.
struct RuleMetaTests {
    @Test func ruleIDsAreUnique() {
        let ids = RulePack.ksPet2022.rules.map(\.id)
        #expect(Set(ids).count == ids.count)
    }

    @Test func everyRuleHasWordingAndSummary() {
        for rule in RulePack.ksPet2022.rules {
            #expect(!rule.chineseText.isEmpty && !rule.englishSummary.isEmpty && !rule.citation.isEmpty, "\(rule.id)")
        }
    }

    @Test func everyRuleHasAFiringAndANonFiringRow() {
        for rule in RulePack.ksPet2022.rules {
            let rows = ruleRows.filter { $0.rule == rule.id.rawValue }
            #expect(rows.contains { $0.expect == .fired }, "\(rule.id) has no firing row")
            #expect(rows.contains { $0.expect == .notFired || $0.expect == .notApplicable }, "\(rule.id) has no non-firing row")
        }
    }

    @Test func ruleIDsAreFoundByTheirText() {
        #expect(RuleID(rawValue: "KS-PET-STALL-72H")?.rawValue == "KS-PET-STALL-72H")
        #expect(RuleID(rawValue: "KS-PET-NOPE") == nil)
        let ids = RulePack.ksPet2022.rules.map(\.id)
        #expect(ids.sorted().map(\.rawValue) == ids.map(\.rawValue).sorted())
    }

    @Test func everyRowNamesARuleOfThePack() {
        let ids = Set(RulePack.ksPet2022.rules.map(\.id.rawValue))
        for row in ruleRows { #expect(ids.contains(row.rule), "\(row.name)") }
    }

    @Test func refundGroundsAreTheFourOfStep4() {
        let grounds = RulePack.ksPet2022.rules.filter(\.isRefundGround).map(\.id.rawValue)
        #expect(grounds == ["KS-PET-SHIP-UNCONFIRMED", "KS-PET-CANCEL", "KS-PET-DELIVERY-7D", "KS-PET-STALL-REPLY-24H"])
    }
}
