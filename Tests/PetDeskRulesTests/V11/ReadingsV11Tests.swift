import PetDeskRules
import Testing

/// Rows for the readings added in standard v1.1 (§6, §8.14–§8.23), in the same table as the
/// others: each on one side of one boundary, named after the clause.

/// Late-shipment claims with two on-platform contacts (08-01 11:00, 08-02 11:00) and no reply.
func silentCase(claim: String) -> Case {
    var c = Base.confirmed()
    c.contacts = [Contact(at: instant("2022-08-01T11:00:00+08:00"), channel: .platform),
                  Contact(at: instant("2022-08-02T11:00:00+08:00"), channel: .platform)]
    c.buyerFirstReplyAt = nil
    c.claim = Claim(type: .lateShipment, at: instant(claim))
    return c
}

/// Unshipped; the buyer asked for a refund on 08-02 10:00 with no cancellation recorded.
func unshippedRefund() -> Case {
    var c = Base.confirmed(); c.shipment = Shipment(); c.tracking = []; c.delivery = Delivery()
    c.claim = Claim(type: .refundOnly, at: instant("2022-08-02T10:00:00+08:00")); return c
}

/// Shipped 08-01 14:00 under an on-platform agreement of 36.5 hours, refused at the offer.
func agreedHours(offeredAt: String) -> Case {
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
        #expect(v.missing == [.agreementChannel, .agreementAgreedAt])
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

    @Test func aClosedBreachNeverRaisesACase() throws {
        var c = Base.refused(offeredAt: "2022-08-09T08:00:00+08:00")
        c.claim = nil; c.delivery.refusedAt = nil
        c.delivery.signedAt = c.delivery.offeredAt
        let v = try verdict(c, at: later)
        #expect(v.timers.contains { $0.kind == .delivery && $0.state == .breached && $0.isClosed })
        #expect(v.urgency(isDecided: false) == Urgency(rank: .quiet, deadline: nil, timer: nil))
        var open = Base.stalled()
        open.claim = Claim(type: .refundOnly, at: instant("2022-08-05T10:00:00+08:00"))
        let u = try verdict(open, at: "2022-08-05T12:00:00+08:00").urgency(isDecided: false)
        #expect(u.rank == .openDispute && u.timer == .stall)
        #expect(try verdict(open, at: "2022-08-05T12:00:00+08:00").urgency(isDecided: true).rank == .decided)
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
