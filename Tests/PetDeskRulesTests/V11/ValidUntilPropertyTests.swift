import Foundation
import PetDeskRules
import Testing

/// `valid_until` is sound and exact (standard §9): for every instant in `[at, valid_until)` the
/// suggestion equals the one at `at`, and at `valid_until` it differs.
struct ValidUntilPropertyTests {
    /// Every fixture case, and the table's built cases, each at instants spread over its life.
    static var cases: [Case] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Fixtures.directory.path)) ?? []
        var list = names.filter { $0.hasSuffix(".json") && $0 != "expected.json" }.sorted().compactMap { try? Fixtures.kase($0) }
        list += ruleRows.map { $0.build() }
        return list
    }

    /// A small deterministic generator, so a failure reproduces.
    struct Generator {
        var state: UInt64
        mutating func next(below n: Int64) -> Int64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int64((state >> 33) % UInt64(max(n, 1)))
        }
    }

    @Test func theSuggestionHoldsUntilValidUntilAndChangesThere() throws {
        let pack = RulePack.ksPet2022
        var random = Generator(state: 2022)
        var checked = 0, changes = 0
        for kase in Self.cases {
            let start = kase.paidAt.adding(seconds: -86_400)
            for _ in 0..<12 {
                let at = start.adding(seconds: random.next(below: 20 * 86_400))
                let v = pack.evaluate(kase, at: at)
                let horizon = v.validUntil ?? at.adding(seconds: 60 * 86_400)
                let span = horizon.seconds(since: at)
                var samples: [Instant] = [at.adding(seconds: 1), horizon.adding(seconds: -1)]
                for _ in 0..<6 { samples.append(at.adding(seconds: random.next(below: span))) }
                for t in samples where t >= at && t < horizon {
                    let later = pack.evaluate(kase, at: t).suggestion
                    #expect(later == v.suggestion, "\(kase.orderID) at \(at): differs at \(t) before valid_until \(String(describing: v.validUntil))")
                    checked += 1
                }
                if let until = v.validUntil {
                    #expect(until > at)
                    #expect(pack.evaluate(kase, at: until).suggestion != v.suggestion, "\(kase.orderID) at \(at): nothing changes at \(until)")
                    changes += 1
                }
            }
        }
        #expect(checked > 1000 && changes > 100, "\(checked) instants checked, \(changes) changes")
    }
}
