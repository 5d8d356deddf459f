import PetDeskRules

/// The table rows of the delivery family (Sources/PetDeskRules/Families/Delivery), each on one side of one boundary.
let deliveryRows: [RuleRow] = [
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
    // §6: a signature or refusal with no offer instant bounds the offer from above only.
    RuleRow("KS-PET-DELIVERY-7D: refused on time with no offer instant is on time (§6)", at: later, .notFired,
            outcome: .buyerLiableCapped) {
        var c = Base.refused(offeredAt: "2022-08-08T23:59:59+08:00"); c.delivery.offeredAt = nil; return c
    },
    RuleRow("KS-PET-DELIVERY-7D: refused late with no offer instant proves nothing about the offer (§6)", at: later, .unknown,
            outcome: .needsEvidence) {
        var c = Base.refused(offeredAt: "2022-08-09T00:00:00+08:00"); c.delivery.offeredAt = nil; return c
    },
    // §8.18: fractional agreed hours, seconds dropped.
    RuleRow("KS-PET-DELIVERY-7D: offered exactly 36.5 h after shipping under a 36.5 h agreement is on time (§8.18)", at: later,
            .notFired, outcome: .buyerLiableCapped) {
        agreedHours(offeredAt: "2022-08-03T02:30:00+08:00")
    },
    RuleRow("KS-PET-DELIVERY-7D: offered 36.5 h 1 s after shipping under a 36.5 h agreement is late (§8.18)", at: later,
            .fired, outcome: .fullRefund) {
        agreedHours(offeredAt: "2022-08-03T02:30:01+08:00")
    },
]
