@testable import PetDeskRules
import PetDeskDemo
import Testing

/// `valid_until` stops at the instant the decision settles (`KSPet2022Evaluator.settledFrom`):
/// it must give what deciding every candidate gives, on the demo generator's cases and on
/// the shapes it never makes (an unknown shipping instant, unknown channels, claims and
/// cancellations without instants, refusals, consents after `at`, shuffled tracking), under the
/// defaults and under every reading the pack leaves open.
struct SettledHorizonTests {
    /// A demo case bent by `random` into a rarer shape.
    static func mutated(_ base: Case, _ random: inout SplitMix64) -> Case {
        var k = base
        func chance(_ percent: Int) -> Bool { random.below(100) < percent }
        if chance(25), k.shipment.shippedAt != nil {
            k.shipment.shippedAt = nil
            if chance(50) { k.shipment.waybill = "SF1234567890" }
        }
        if chance(20) { k.shipment.firstScanAt = nil }
        if chance(20) {
            // Never shipped: no trace of the pet leaving.
            k.shipment = Shipment()
            k.tracking = nil
            k.delivery = Delivery()
        }
        if chance(35) {
            let asked = k.paidAt.adding(seconds: Int64(random.below(10 * 86_400)))
            k.cancellation = Cancellation(requestedAt: chance(80) ? asked : nil)
            if chance(60) {
                k.cancellation?.consentAt = asked.adding(seconds: Int64(random.below(3 * 86_400)))
                k.cancellation?.consentChannel = chance(70) ? .platform : (chance(50) ? .offPlatform : nil)
            }
        }
        if chance(35) {
            let types: [ClaimType] = [.refuse, .refundOnly, .refundOnly, .returnRefund, .lateShipment, .doa, .illness, .mismatch,
                                      .noReasonReturn]
            k.claim = Claim(type: random.pick(types), at: chance(70) ? k.paidAt.adding(seconds: Int64(random.below(12 * 86_400))) : nil)
        }
        if chance(15) {
            // A late-shipment claim after the merchant's contacts (the buyer-silence rule).
            let first = k.paidAt.adding(seconds: Int64(random.below(6 * 86_400)))
            k.contacts = [Contact(at: first, channel: .platform), Contact(at: first.adding(seconds: 3_600), channel: .platform)]
            k.buyerFirstReplyAt = chance(20) ? first.adding(seconds: Int64(random.below(4 * 86_400))) : nil
            k.claim = Claim(type: .lateShipment, at: chance(50) ? first.adding(seconds: Int64(random.below(5 * 86_400))) : nil)
        }
        if chance(10) { k.delivery.refusedAt = k.paidAt.adding(seconds: Int64(random.below(12 * 86_400))) }
        if chance(10) { k.delivery.signedAt = k.paidAt.adding(seconds: Int64(random.below(12 * 86_400))) }
        if chance(15) { k.claim?.at = nil }
        if chance(15) { k.agreement?.channel = nil }
        if chance(15) { k.agreement?.agreedAt = nil }
        if chance(20), var tracking = k.tracking {
            tracking.reverse()
            k.tracking = tracking
        }
        for i in k.stallReplies.indices where chance(30) { k.stallReplies[i].channel = nil }
        return k
    }

    /// Every reading the pack leaves open, in turn against the defaults: each flips what a step
    /// reads of the instant (when signing ends a ground, when delivery is complete, where the
    /// delivery period starts, when a stall vests).
    static let readings: [Parameters] = {
        var list: [Parameters] = []
        for signingEnds in [false, true] {
            for cancelSurvives in [true, false] {
                for completeAt in DeliveryCompletion.allCases {
                    for anchor in DeliveryAnchor.allCases {
                        for vests in StallVesting.allCases {
                            var p = Parameters()
                            p.signingEndsRefusalGrounds = signingEnds
                            p.cancelSurvivesSigning = cancelSurvives
                            p.deliveryCompleteAt = completeAt
                            p.deliveryAnchor = anchor
                            p.stallVestsAt = vests
                            list.append(p)
                        }
                    }
                }
            }
        }
        return list
    }()

    @Test func settlingGivesWhatDecidingEveryCandidateGives() {
        let now = Instant(secondsSinceEpoch: 1_660_000_000)
        var generator = CaseGenerator(seed: 99, now: now)
        var random = SplitMix64(seed: 7)
        var compared = 0, settled = 0, changes = 0
        for index in 0..<1500 {
            let base = generator.next(index: index)
            let kase = index.isMultiple(of: 3) ? base : Self.mutated(base, &random)
            for parameters in [Parameters(), Self.readings[index % Self.readings.count]] {
                for _ in 0..<3 {
                    let at = kase.paidAt.adding(seconds: Int64(random.below(16 * 86_400)) - 86_400)
                    let facts = Facts(kase, parameters, at: at)
                    let evaluator = KSPet2022Evaluator(facts: facts)
                    let decision = evaluator.decide(at: at, findings: false).decision
                    guard decision.outcome != .outOfScope else { continue }
                    let fast = ValidUntil.horizon(for: facts, decision: decision)
                    let full = ValidUntil.horizon(for: facts, decision: decision, settles: false)
                    #expect(fast.validUntil == full.validUntil && fast.reviewAt == full.reviewAt,
                            "\(kase.orderID) at \(at): \(String(describing: fast.validUntil)) instead of \(String(describing: full.validUntil))")
                    compared += 1
                    if evaluator.settledFrom() != nil { settled += 1 }
                    if full.validUntil != nil { changes += 1 }
                }
            }
        }
        // The comparison covers cases that settle and cases that change, under every reading.
        #expect(compared > 6000 && settled > 1000 && changes > 1000, "\(compared) compared, \(settled) settle, \(changes) change")
    }
}

/// What `Facts` keeps while `valid_until` moves it from candidate to candidate must be what a
/// fresh evaluation at that candidate works out.
struct KeptFactsTests {
    /// Shipped and signed for in the same second, with the health check done after shipping:
    /// the move to that second changes the shipping state and reaches the signature at once.
    /// The grounds at the signature (kept from then on) must see the shipment: SHIP-UNCONFIRMED
    /// holds and is flagged there. (They were worked out before SHIP-UNCONFIRMED was, from its
    /// value before shipping, and the suggestion seemed never to change.)
    @Test func groundsKeptAtASignatureInTheSecondOfShippingSeeTheShipment() {
        var kase = Base.confirmed()
        let shipped = instant("2022-08-01T14:00:00+08:00")
        kase.checklist[.healthCheck].at = instant("2022-08-01T15:00:00+08:00")
        kase.tracking = nil
        kase.delivery.offeredAt = shipped
        kase.delivery.signedAt = shipped
        let pack = RulePack.ksPet2022
        let before = pack.evaluate(kase, at: instant("2022-08-01T12:00:00+08:00"))
        let signed = pack.evaluate(kase, at: shipped)
        #expect(signed.flags.contains(.merchantViolation(RuleID("KS-PET-SHIP-UNCONFIRMED"))))
        #expect(signed.suggestion != before.suggestion)
        #expect(before.validUntil == shipped)
        #expect(pack.ruling(kase, at: instant("2022-08-01T12:00:00+08:00")).validUntil == shipped)
    }
}
