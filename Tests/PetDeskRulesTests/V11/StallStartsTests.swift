@testable import PetDeskRules
import PetDeskDemo
import Testing

/// `valid_until` leaves out the stall and reply instants of a logistics event followed within
/// the stall limit by another event of the transit (no stall can start there), and of the
/// others decides only the second after each limit (both are passed strictly). That must change
/// no answer: against the reference (every candidate decided), on transits whose gaps sit at
/// the limit (one second under, at, one over), with repeated instants, scans before the
/// shipment, an offer, signature or refusal in the middle, replies of every channel around the
/// deadlines, under the defaults and every reading.
struct StallStartsTests {
    @Test func leavingOutStallsThatCannotStartChangesNoAnswer() {
        var random = SplitMix64(seed: 72)
        let stall = Int64(Parameters().stallHours) * PlatformTime.secondsPerHour
        let reply = Int64(Parameters().stallReplyHours) * PlatformTime.secondsPerHour
        var compared = 0, differentLists = 0, changes = 0
        for index in 0..<1200 {
            var kase = Base.confirmed()
            kase.orderID = "S\(index)"
            kase.delivery = Delivery()
            let shipped = kase.shipment.shippedAt!
            var t = shipped
            var scans: [TrackingEvent] = []
            for _ in 0..<(1 + random.below(7)) {
                let gap: Int64 = switch random.below(6) {
                case 0: stall - 1
                case 1: stall
                case 2: stall + 1
                case 3: 0
                default: Int64(1 + random.below(120)) * 3_600
                }
                t = t.adding(seconds: gap)
                scans.append(TrackingEvent(at: t, text: "scan"))
            }
            if random.below(8) == 0 { scans.insert(TrackingEvent(at: shipped.adding(seconds: -3_600), text: "scan"), at: 0) }
            kase.tracking = scans
            let last = scans.last!.at
            switch random.below(5) {
            case 0: kase.delivery.offeredAt = last.adding(seconds: Int64(random.below(Int(2 * stall))))
            case 1: kase.delivery.signedAt = scans[random.below(scans.count)].at.adding(seconds: Int64(random.below(Int(stall))))
            case 2: kase.delivery.refusedAt = last.adding(seconds: Int64(random.below(Int(stall + reply))))
            default: break
            }
            for _ in 0..<random.below(3) {
                let around = scans[random.below(scans.count)].at.adding(seconds: stall + Int64(random.below(Int(reply + 7_200))) - 3_600)
                let channel: Channel? = random.below(3) == 0 ? nil : (random.below(4) == 0 ? .offPlatform : .platform)
                kase.stallReplies.append(Base.reply(PlatformTime.format(around), channel: channel))
            }
            if random.below(4) == 0 { kase.claim = Claim(type: .refundOnly, at: last.adding(seconds: Int64(random.below(Int(4 * stall))))) }
            let readings = SettledHorizonTests.readings
            for parameters in [Parameters(), readings[index % readings.count]] {
                for _ in 0..<3 {
                    let at = shipped.adding(seconds: Int64(random.below(Int(t.seconds(since: shipped) + 2 * (stall + reply)))) - 3_600)
                    let facts = Facts(kase, parameters, at: at)
                    let decision = KSPet2022Evaluator(facts: facts).decide(at: at, findings: false).decision
                    let fast = ValidUntil.horizon(for: facts, decision: decision)
                    let full = ValidUntil.horizon(for: facts, decision: decision, settles: false)
                    #expect(fast.validUntil == full.validUntil && fast.reviewAt == full.reviewAt,
                            "\(kase.orderID) at \(at): \(String(describing: fast)) instead of \(String(describing: full))")
                    compared += 1
                    if full.validUntil != nil { changes += 1 }
                    let all = ValidUntil.candidates(facts)
                    let decided = ValidUntil.withCandidates(facts, decidingOnly: true) { list, _ in Array(list).count }
                    if decided < all.count { differentLists += 1 }
                }
            }
        }
        // The comparison covers lists that left instants out, and answers that change.
        #expect(compared == 7200 && differentLists > 1000 && changes > 1000,
                "\(compared) compared, \(differentLists) left instants out, \(changes) change")
    }
}
