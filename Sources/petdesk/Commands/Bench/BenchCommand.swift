import ArgumentParser
import Foundation
import PetDeskDemo
import PetDeskRules

/// `petdesk bench …`: figures for the speed goals, printed (never asserted by unit tests).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure throughput and latency; run on a release build.",
        discussion: "EXAMPLES:\n  swift build -c release && .build/release/petdesk bench rules --cases 1000000",
        subcommands: [RulesBench.self, StoreBench.self, UIBench.self, TeamBench.self, TeamBenchAgent.self]
    )
}

/// `petdesk bench rules`: evaluator throughput on synthetic cases.
struct RulesBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Decide N synthetic cases in memory (the ruling: outcome, grounds, missing, flags, timers, valid_until); ends with 'rules: <N> cases/s, <M> ns/case'."
    )

    @Option(help: "How many cases to generate and evaluate.")
    var cases: Int = 200_000

    @Option(help: "Also evaluate the first 1,000 cases this many times (a cache-resident figure).")
    var hot: Int = 0

    @Option(help: "Seed of the case generator.")
    var seed: UInt64 = 2022

    func validate() throws {
        if cases < 1 || cases > 20_000_000 { throw ValidationError("--cases must be between 1 and 20000000") }
        if hot < 0 || hot > 100_000 { throw ValidationError("--hot must be between 0 and 100000") }
    }

    func run() throws {
        let now = Instant(secondsSinceEpoch: 1_660_000_000)
        var generator = CaseGenerator(seed: seed, now: now)
        let genStart = ContinuousClock.now
        let all = (0..<cases).map { generator.next(index: $0) }
        let genTime = ContinuousClock.now - genStart
        let pack = RulePack.ksPet2022
        var counts: [Outcome: Int] = [:]
        // Warm up caches and lazy statics so the timed loops measure evaluation only.
        for k in all.prefix(1000) { _ = pack.evaluate(k, at: now) }
        let outcomeIndex = Dictionary(uniqueKeysWithValues: Outcome.allCases.enumerated().map { ($1, $0) })
        // The full verdict (findings and next steps too), as `petdesk verdict` and the dashboard show it.
        let verdictStart = ContinuousClock.now
        var verdictTally = [Int](repeating: 0, count: Outcome.allCases.count)
        for k in all { verdictTally[outcomeIndex[pack.evaluate(k, at: now).outcome]!] &+= 1 }
        let verdictSeconds = seconds(ContinuousClock.now - verdictStart)
        // The decision (outcome, grounds, missing, flags, timers, valid_until): what the store keeps.
        let start = ContinuousClock.now
        var tally = [Int](repeating: 0, count: Outcome.allCases.count)
        for k in all {
            let r = pack.ruling(k, at: now)
            tally[outcomeIndex[r.outcome]!] &+= 1
        }
        let elapsed = ContinuousClock.now - start
        if tally != verdictTally { throw ValidationError("the ruling and the verdict disagree on some outcome") }
        Output.line("verdicts (with findings and next steps): \(Int(Double(cases) / verdictSeconds)) cases/s, "
                    + "\(Int(verdictSeconds * 1e9 / Double(cases))) ns/case")
        if hot > 0 {
            // The same 1,000 cases again and again: the figure without cache misses.
            let pool = Array(all.prefix(1000))
            let hotStart = ContinuousClock.now
            var checksum = 0
            for _ in 0..<hot { for k in pool { checksum &+= Int(truncatingIfNeeded: pack.ruling(k, at: now).validUntil?.secondsSinceEpoch ?? 0) } }
            let hotTime = ContinuousClock.now - hotStart
            let hotSeconds = Double(hotTime.components.seconds) + Double(hotTime.components.attoseconds) / 1e18
            let n = hot * pool.count
            Output.line("hot (\(pool.count) cases × \(hot)): \(Int(Double(n) / hotSeconds)) cases/s, \(Int(hotSeconds * 1e9 / Double(n))) ns/case [\(checksum)]")
        }
        for (i, o) in Outcome.allCases.enumerated() { counts[o] = tally[i] }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let genSeconds = Double(genTime.components.seconds) + Double(genTime.components.attoseconds) / 1e18
        Output.line("generated \(cases) cases in \(String(format: "%.2f", genSeconds)) s")
        for o in Outcome.allCases where (counts[o] ?? 0) > 0 {
            Output.line("  \(o.rawValue.padding(toLength: 22, withPad: " ", startingAt: 0)) \(counts[o]!)")
        }
        let perSecond = Int(Double(cases) / seconds)
        let nsPerCase = Int(seconds * 1e9 / Double(cases))
        Output.line("rules: \(perSecond) cases/s, \(nsPerCase) ns/case")
    }
}
