@testable import PetDeskRules
import Testing

/// `valid_until`'s candidates are kept on the stack while they fit in 128 instants and in an
/// array beyond: both must list every instant at which the answer could change, in order, once.
struct CandidateListTests {
    /// The base case with `scans` scans every 30 hours from 15:00 on the day of shipping.
    static func scanned(_ scans: Int) -> Case {
        var kase = Base.confirmed()
        kase.delivery.offeredAt = nil
        kase.tracking = (0..<scans).map { TrackingEvent(at: instant("2022-08-01T15:00:00+08:00").adding(hours: 30 * $0), text: "scan") }
        return kase
    }

    @Test(arguments: [3, 40])
    func everyCandidateOnceInOrderBothOnTheStackAndBeyond(scans: Int) {
        let kase = Self.scanned(scans)
        let at = instant("2022-08-01T14:30:00+08:00")
        let facts = Facts(kase, Parameters(), at: at)
        let list = ValidUntil.candidates(facts)
        // Forty scans make more than 128 candidates: the array path; three stay on the stack.
        #expect(scans == 40 ? list.count > 128 : list.count <= 128, "\(list.count) candidates")
        #expect(zip(list, list.dropFirst()).allSatisfy { $0 < $1 }, "in order, each once")
        #expect(list.allSatisfy { $0 > at })
        let stall = Int64(Parameters().stallHours) * PlatformTime.secondsPerHour
        for event in kase.tracking! {
            for expected in [event.at, event.at.adding(seconds: 1), event.at.adding(seconds: stall),
                             event.at.adding(seconds: stall + 1)] {
                #expect(list.contains(expected), "\(expected) missing")
            }
        }
    }

    @Test(arguments: [3, 40])
    func validUntilIsWhereTheSuggestionFirstChanges(scans: Int) {
        let kase = Self.scanned(scans)
        let pack = RulePack.ksPet2022
        let at = instant("2022-08-01T14:30:00+08:00")
        let verdict = pack.evaluate(kase, at: at)
        let until = try! #require(verdict.validUntil)
        #expect(pack.evaluate(kase, at: until.adding(seconds: -1)).suggestion == verdict.suggestion)
        #expect(pack.evaluate(kase, at: until).suggestion != verdict.suggestion)
        #expect(pack.ruling(kase, at: at) == verdict.ruling)
    }
}
