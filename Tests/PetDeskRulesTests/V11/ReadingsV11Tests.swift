import PetDeskRules
import Testing

/// Rows for the readings added in standard v1.1 (§6, §8.14–§8.23), in the same table as the
/// others: each on one side of one boundary, named after the clause.
let v11Rows: [RuleRow] = [
    // §8.14: the silence holds only if its window closed before the buyer's claim.
    RuleRow("KS-PET-BUYER-SILENT-48H: a claim at t1 + 48h is the buyer acting (§8.14)", at: later, .notFired, outcome: .deferGeneral) {
        silentCase(claim: "2022-08-03T11:00:00+08:00")
    },
    RuleRow("KS-PET-BUYER-SILENT-48H: a claim at t1 + 48h 1 s comes after the window (§8.14)", at: later, .fired,
            outcome: .notDelayedShipment) {
        silentCase(claim: "2022-08-03T11:00:01+08:00")
    },
    // §8.16: absent contacts mean none were recorded.
    RuleRow("KS-PET-BUYER-SILENT-48H: contacts absent means none (§8.16)", at: later, .notFired, outcome: .deferGeneral) {
        var c = silentCase(claim: "2022-08-05T11:00:00+08:00"); c.contacts = nil; return c
    },
    // §8.19: a confirmation before payment still precedes shipment.
    RuleRow("KS-PET-SHIP-UNCONFIRMED: confirmed before payment counts (§8.19)", at: later, .notFired, outcome: .buyerLiableCapped) {
        var c = Base.refused(); c.checklist[.sex].at = instant("2022-07-31T09:00:00+08:00"); return c
    },
    // §8.21: an unknown shipping instant matters only if the answer differs within its range.
    RuleRow("KS-PET-SHIP-UNCONFIRMED: done before payment with shipped_at unknown is done (§8.21)", at: later, .notFired,
            outcome: .buyerLiableCapped) {
        var c = Base.refused(); c.shipment.shippedAt = nil
        for k in ChecklistKey.allCases where k != .purchaseProcess { c.checklist[k].at = instant("2022-08-01T09:59:59+08:00") }
        return c
    },
    RuleRow("KS-PET-SHIP-UNCONFIRMED: done between payment and first scan with shipped_at unknown is unknown (§8.21)", at: later,
            .unknown, outcome: .needsEvidence) {
        var c = Base.refused(); c.shipment.shippedAt = nil; return c  // items at 11:00, first scan 15:00
    },
    RuleRow("KS-PET-CANCEL: cancelled after the first scan with shipped_at unknown is after shipment (§8.21)", at: later,
            .notApplicable, outcome: .buyerLiableCapped) {
        var c = Base.refused(); c.shipment.shippedAt = nil
        for k in ChecklistKey.allCases where k != .purchaseProcess { c.checklist[k].at = nil }
        c.cancellation = Cancellation(requestedAt: instant("2022-08-01T15:00:00+08:00"))
        return c
    },
    RuleRow("KS-PET-CANCEL: cancelled before the first scan with shipped_at unknown is unknown (§8.21)", at: later,
            .unknown, outcome: .needsEvidence) {
        var c = Base.refused(); c.shipment.shippedAt = nil
        for k in ChecklistKey.allCases where k != .purchaseProcess { c.checklist[k].at = nil }
        c.cancellation = Cancellation(requestedAt: instant("2022-08-01T14:59:59+08:00"))
        return c
    },
    // §8.22: age and birth date.
    RuleRow("KS-PET-CONFIRM: age missing, birth date unknown is unknown (§8.22)", at: later, .unknown) {
        var c = Base.confirmed(); c.checklist[.age] = ChecklistEntry(status: .missing); c.checklist.remove(.birthDate); return c
    },
    RuleRow("KS-PET-CONFIRM: age missing, birth date confirmed is done (§8.22)", at: later, .notFired) {
        var c = Base.confirmed(); c.checklist[.age] = ChecklistEntry(status: .missing); return c
    },
    // §8.23: a refund asked for before shipping is a cancellation.
    RuleRow("KS-PET-CANCEL: refund asked before shipping, still unshipped, defers citing CANCEL (§8.23)", at: later, .notFired,
            outcome: .deferGeneral) {
        unshippedRefund()
    },
    RuleRow("KS-PET-CANCEL: refund asked before shipping, shipped anyway, is a full refund (§8.23)", at: later, .fired,
            outcome: .fullRefund) {
        var c = unshippedRefund(); c.shipment.shippedAt = instant("2022-08-02T14:00:00+08:00"); return c
    },
    // §6: a stall reply obligation lapses unbroken when the pet is offered before it is due.
    RuleRow("KS-PET-STALL-REPLY-24H: offered at the reply deadline, the obligation lapsed (§6)", at: later, .notFired,
            outcome: .buyerLiableCapped) {
        var c = Base.stalled(); c.delivery.offeredAt = instant("2022-08-06T09:00:00+08:00")
        c.delivery.refusedAt = c.delivery.offeredAt; c.claim = Claim(type: .refuse, at: c.delivery.offeredAt); return c
    },
    RuleRow("KS-PET-STALL-REPLY-24H: offered 1 s after the reply deadline, the ground held (§6)", at: later, .fired,
            outcome: .fullRefund) {
        var c = Base.stalled(); c.delivery.offeredAt = instant("2022-08-06T09:00:01+08:00")
        c.delivery.refusedAt = c.delivery.offeredAt; c.claim = Claim(type: .refuse, at: c.delivery.offeredAt); return c
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
    // §8.20.
    RuleRow("KS-PET-NO-NR-RETURN: before signing a proven ground wins (§8.20)", at: later, .notFired, outcome: .fullRefund) {
        var c = Base.refused(offeredAt: "2022-08-09T12:00:00+08:00"); c.delivery.refusedAt = nil
        c.claim = Claim(type: .noReasonReturn, at: instant("2022-08-09T12:10:00+08:00")); return c
    },
]

/// Late-shipment claims with two on-platform contacts (08-01 11:00, 08-02 11:00) and no reply.
private func silentCase(claim: String) -> Case {
    var c = Base.confirmed()
    c.contacts = [Contact(at: instant("2022-08-01T11:00:00+08:00"), channel: .platform),
                  Contact(at: instant("2022-08-02T11:00:00+08:00"), channel: .platform)]
    c.buyerFirstReplyAt = nil
    c.claim = Claim(type: .lateShipment, at: instant(claim))
    return c
}

/// Unshipped; the buyer asked for a refund on 08-02 10:00 with no cancellation recorded.
private func unshippedRefund() -> Case {
    var c = Base.confirmed(); c.shipment = Shipment(); c.tracking = []; c.delivery = Delivery()
    c.claim = Claim(type: .refundOnly, at: instant("2022-08-02T10:00:00+08:00")); return c
}

/// Shipped 08-01 14:00 under an on-platform agreement of 36.5 hours, refused at the offer.
private func agreedHours(offeredAt: String) -> Case {
    var c = Base.refused(offeredAt: offeredAt)
    c.agreement = Agreement(period: AgreedPeriod.hours(decimalText: "36.5")!, agreedAt: instant("2022-08-01T11:00:00+08:00"),
                            channel: .platform)
    return c
}

/// v1.1 behaviour that a finding alone does not show: grounds, missing, flags, timers, steps.
struct ReadingsV11Tests {
    @Test func aClaimBeforeSigningJudgedAfterItOnlyFlagsTheLateDelivery() throws {
        var c = Base.confirmed()
        c.delivery.offeredAt = instant("2022-08-09T12:00:00+08:00")
        c.delivery.signedAt = instant("2022-08-09T12:10:00+08:00")
        c.claim = Claim(type: .refundOnly, at: instant("2022-08-09T12:05:00+08:00"))
        let v = try verdict(c, at: later)
        #expect(v.outcome == .claimNotSupported && v.grounds.isEmpty)
        #expect(v.flags.map(\.description).contains("merchant_violation:KS-PET-DELIVERY-7D"))
        let asWritten = try verdict(c, at: later, params: ["signing_ends_refusal_grounds": "false"])
        #expect(asWritten.outcome == .fullRefund && asWritten.grounds.map(\.rawValue) == ["KS-PET-DELIVERY-7D"])
    }

    @Test func aLateShipmentClaimAfterSigningTakesViolationsAtTheSignature() throws {
        var c = Base.confirmed()
        c.delivery.offeredAt = instant("2022-08-09T12:00:00+08:00")
        c.delivery.signedAt = instant("2022-08-09T12:10:00+08:00")
        c.claim = Claim(type: .lateShipment, at: instant("2022-08-10T09:00:00+08:00"))
        let v = try verdict(c, at: later)
        #expect(v.grounds.first?.rawValue == "KS-PET-BUYER-SILENT-48H")
        #expect(v.flags.map(\.description).contains("merchant_violation:KS-PET-DELIVERY-7D"))
    }

    @Test func aClaimWithoutItsInstantNeedsItWhenASignatureExists() throws {
        var c = Base.confirmed()
        c.delivery.signedAt = c.delivery.offeredAt
        c.claim = Claim(type: .refundOnly, at: nil)
        let v = try verdict(c, at: later)
        #expect(v.outcome == .needsEvidence && v.missing == [.claimAt])
        #expect(v.nextSteps.contains { $0.action == .collectEvidence && $0.party == .agent && $0.paths == [.claimAt] })
        var refusal = Base.refused()
        refusal.claim?.at = nil
        #expect(try verdict(refusal, at: later).outcome == .buyerLiableCapped)
    }

    @Test func aPendingCancellationTellsTheMerchantNotToShip() throws {
        let v = try verdict(unshippedRefund(), at: later)
        #expect(v.grounds.map(\.rawValue) == ["KS-PET-CANCEL"])
        #expect(v.nextSteps.contains { $0.action == .merchantMustNotShip && $0.party == .merchant })
        #expect(v.nextSteps.contains { $0.action == .routeToGeneralRules && $0.rule?.rawValue == "KS-PET-CANCEL" })
    }

    @Test func everyAbsentPathOfAnAgreementIsMissing() throws {
        var c = Base.refused(offeredAt: "2022-08-09T12:00:00+08:00")
        c.agreement = Agreement(period: .days(10), agreedAt: nil, channel: nil)
        let v = try verdict(c, at: later)
        #expect(v.outcome == .needsEvidence)
        #expect(v.missing.contains(.agreementChannel))
    }

    @Test func aRunningStallReplyAsksTheMerchantForItsReason() throws {
        let v = try verdict(Base.stalled(), at: "2022-08-05T12:00:00+08:00")
        let step = try #require(v.nextSteps.first { $0.action == .demandStallReason })
        #expect(step.by == instant("2022-08-06T09:00:00+08:00") && step.party == .merchant)
        #expect(v.outcome == .monitor && v.nextSteps.first?.action == .watch)
    }

    @Test func aBreachedDeliveryReadsHowLateItWasForEver() throws {
        let c = Base.refused(offeredAt: "2022-08-09T08:00:00+08:00")
        for at in ["2022-08-10T00:00:00+08:00", "2023-01-01T00:00:00+08:00"] {
            let timer = try #require(try verdict(c, at: at).timers.first { $0.kind == .delivery })
            #expect(timer.state == .breached && timer.closedAt == instant("2022-08-09T08:00:00+08:00"))
            #expect(timer.secondsRemaining(at: instant(at)) == -8 * 3600)
            #expect(!timer.asksForAction)
        }
    }

    @Test func timerWindowsFollowTheParameters() throws {
        let v = try verdict(Base.stalled(), at: "2022-08-05T12:00:00+08:00", params: ["stall_reply_hours": "36"])
        let reply = try #require(v.timers.first { $0.kind == .stallReply })
        #expect(reply.windowHours == 36)
        #expect(reply.deadline?.instant == instant("2022-08-06T21:00:00+08:00"))
    }

    @Test func signingEndsRefusalGroundsIsAListedParameter() {
        #expect(Parameters.descriptors.contains { $0.name == "signing_ends_refusal_grounds" && $0.defaultValue == "true" })
        var p = Parameters()
        #expect(throws: ParameterError.self) { try p.set("signing_ends_refusal_grounds", to: "maybe") }
    }

    @Test(arguments: [("36.5", Int64(131_400)), ("36", 129_600), ("0.0002777", 0), ("1.00002", 3600)])
    func agreedHoursKeepWholeSeconds(_ text: String, _ seconds: Int64) {
        let period = AgreedPeriod.hours(decimalText: text)
        if seconds == 0 { #expect(period == nil) } else {
            #expect(period == .hours(seconds: seconds))
            #expect(period.flatMap { AgreedPeriod.hours(decimalText: $0.valueText) } == period)
        }
    }

    @Test func agreedPeriodsOfTheWrongKindAreCaseFileErrors() {
        for (kind, value) in [("days", "1.5"), ("hours", "0"), ("hours", "\"soon\""), ("days", "-2")] {
            let text = #"{"order_id":"A1","category_path":["宠物生活","宠物活体","猫"],"total_amount":"1","paid_at":"2022-08-01T10:00:00","#
                + #""agreement":{"kind":"\#(kind)","value":\#(value),"agreed_at":"2022-08-01T11:00:00","channel":"platform"}}"#
            let contents = Fixtures.parse(text)
            #expect(contents.errors.contains { $0.field == "agreement.value" }, "\(kind) \(value)")
        }
    }
}
