import PetDeskRules
import Testing

/// The queue computes a stale row's place with `RulePack.standing`, never the full verdict: the
/// two must agree on the outcome and the urgency, or the queue would show what the rules do not say.
struct StandingTests {
    @Test func standingAgreesWithTheFullVerdictOverTheDemoAndAcrossTime() {
        let pack = RulePack.ksPet2022
        var outcomes: Set<Outcome> = [], ranks: Set<UrgencyRank> = []
        for kase in DemoTests.cases(600, seed: 11) {
            for hours in [0, 1, 5, 24, 49, 73, 170, 400] as [Int64] {
                let at = DemoTests.now.adding(seconds: hours * 3600)
                let verdict = pack.evaluate(kase, at: at)
                let standing = pack.standing(kase, at: at)
                #expect(standing.outcome == verdict.outcome, "\(kase.orderID) +\(hours) h")
                for decided in [false, true] {
                    #expect(standing.urgency(isDecided: decided) == verdict.urgency(isDecided: decided), "\(kase.orderID) +\(hours) h")
                }
                outcomes.insert(verdict.outcome)
                ranks.insert(verdict.urgency(isDecided: false).rank)
            }
        }
        // The comparison covered the cases that matter, not only quiet ones.
        #expect(outcomes.count >= 5 && ranks.contains(.openDispute) && ranks.contains(.watch), "\(outcomes) \(ranks)")
    }

    @Test func theRulingIsTheVerdictWithoutItsFindingsAndNextSteps() {
        let pack = RulePack.ksPet2022
        var holds = 0, changes = 0
        for kase in DemoTests.cases(600, seed: 12) {
            for hours in [0, 2, 24, 49, 73, 170, 400] as [Int64] {
                let at = DemoTests.now.adding(seconds: hours * 3600)
                let verdict = pack.evaluate(kase, at: at)
                #expect(pack.ruling(kase, at: at) == verdict.ruling, "\(kase.orderID) +\(hours) h")
                if verdict.validUntil == nil { holds += 1 } else { changes += 1 }
            }
        }
        // Both kinds were compared: rulings that hold for good and rulings that expire.
        #expect(holds > 100 && changes > 100, "\(holds) \(changes)")
    }
}
