import ArgumentParser
import Foundation
import PetDeskDashboard
import PetDeskDemo
import PetDeskRules
import PetDeskStore
import PetDeskUI

/// `petdesk bench ui`: a scripted session against core and renderer, no terminal.
struct UIBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui",
        abstract: "Replay keystrokes against the dashboard core and renderer; ends with 'ui: first frame …, key p50 …, p99 …'."
    )

    @Option(help: "How many cases in the database.") var cases: Int = 10_000
    @Option(help: "Use this database (left unchanged but for marks, leases and the expired suggestions brought up to date); one that does not exist yet is generated there and kept.")
    var db: String?
    @Flag(help: "Find queue pages by OFFSET, as before keyset paging (to compare in one run).") var offsetPaging = false
    @Option(help: "Also print the slowest N keystrokes and what they were.") var slowest = 0
    @Flag(help: "Leave expired suggestions as they are (a database no dashboard has kept up to date: pages compute them in memory).")
    var stale = false
    @Option(help: "Filters to type, comma-separated (each typed, then erased): common and rare, one to six characters.")
    var filter: String = "猫,金毛,鹦鹉,虎皮鹦,龙虾,99,KS2611"

    /// The filters typed, in order.
    private var filterTexts: [String] { filter.split(separator: ",").map(String.init).filter { !$0.isEmpty } }

    func validate() throws {
        if cases < 10 || cases > 5_000_000 { throw ValidationError("--cases must be between 10 and 5000000") }
    }

    func run() throws {
        try withScratchDirectory { dir in
            let path = db ?? dir.appendingPathComponent("ui.sqlite").path
            if !FileManager.default.fileExists(atPath: path) {
                let store = try storeCall { try CaseStore.open(at: path) }
                var generator = CaseGenerator(seed: 5, now: SystemClock.now())
                var batch: [ImportRecord] = []
                for i in 0..<cases {
                    batch.append(ImportRecord(kase: generator.next(index: i)))
                    if batch.count == 50_000 || i == cases - 1 {
                        try storeCall { _ = try store.importRecords(batch, agent: "bench", at: SystemClock.now()) }
                        batch.removeAll(keepingCapacity: true)
                    }
                }
            }
            if !stale {
                // A dashboard's clock tick re-evaluates the suggestions whose instant has passed,
                // ten a second, far more than expire in a second: a queue it keeps shows almost
                // none. A database left for days has many (a tenth of a million cases after a
                // week): pages then compute each in memory until the ticks catch up (`--stale`).
                let store = try storeCall { try CaseStore.open(at: path) }
                let start = ContinuousClock.now
                let refreshed = try storeCall { try store.refreshAllExpired(at: SystemClock.now()) }
                if refreshed > 0 {
                    Output.line("ui: first brought \(refreshed) expired suggestions up to date (\(String(format: "%.1f", seconds(ContinuousClock.now - start))) s)")
                }
            }
            let (first, keys, filters, total) = try MainActor.assumeIsolated { () throws -> (Double, [Double], [Double], Int) in
                let open = ContinuousClock.now
                let store = try storeCall { try CaseStore.open(at: path) }
                let engine = DashboardEngine(store: store, agent: "bench", language: .zh, printCommand: nil, size: (160, 48),
                                             summaryDirectory: DataDirectory.url.appendingPathComponent("summaries"), clock: SystemClock.now)
                engine.seeksPages = !offsetPaging
                // As the terminal loop runs it: marks are written off the key path and acknowledged later.
                engine.writesInBackground = true
                engine.dispatch(.resized(width: 160, height: 48))
                _ = view(engine.state)
                let firstFrame = seconds(ContinuousClock.now - open) * 1000
                var typedFilters: [Key] = []
                for f in filterTexts {
                    typedFilters += [.char("/")] + f.map { Key.char($0) }
                    typedFilters += Array(repeating: Key.backspace, count: f.count) + [.escape]
                }
                let script: [Key] = Array(repeating: .char("j"), count: 60) + Array(repeating: .pageDown, count: 10) + [.char("G")]
                    + Array(repeating: .pageUp, count: 5) + Array(repeating: .char("k"), count: 30) + Array(repeating: .pageDown, count: 5)
                    + [.char("g"), .tab]
                    + [.down, .char("d"), .down, .char("m"), .char("z"), .char("u")] + [.tab, .tab, .tab]
                    + typedFilters
                    + [.char("s"), .char("s"), .char("s"), .char("L"), .char("L"), .char("?"), .escape,
                    .char("p"), .escape, .enter, .down, .escape] + Array(repeating: .char("k"), count: 20)
                var times: [Double] = []
                var named: [(Double, String)] = []
                var idleWork: [Double] = []
                var namedFilters: [(Double, String)] = []
                for _ in 0..<5 {
                    for key in script {
                        let t0 = ContinuousClock.now
                        engine.dispatch(.keyPressed(key))
                        let tDispatched = ContinuousClock.now
                        engine.deliverWrites()
                        let t1 = ContinuousClock.now
                        _ = view(engine.state)
                        times.append(seconds(ContinuousClock.now - t0) * 1000)
                        let (handled, delivered, drawn) = (seconds(tDispatched - t0) * 1000, seconds(t1 - tDispatched) * 1000,
                                                           seconds(ContinuousClock.now - t1) * 1000)
                        named.append((times.last!, "\(key) → row \(engine.state.selected + 1) (key \(String(format: "%.2f", handled)), "
                                      + "acknowledgements \(String(format: "%.2f", delivered)), draw \(String(format: "%.2f", drawn)) ms)"))
                        // What the loop does when typing pauses (a deferred filter query), timed apart.
                        if engine.state.isFilterPending {
                            let t1 = ContinuousClock.now
                            engine.dispatch(.idle)
                            _ = view(engine.state)
                            idleWork.append(seconds(ContinuousClock.now - t1) * 1000)
                            namedFilters.append((idleWork.last!, "filter \"\(engine.state.filter)\" (\(engine.state.total) cases)"))
                        }
                    }
                }
                idleWork.sort()
                for (ms, what) in named.sorted(by: { $0.0 > $1.0 }).prefix(slowest) {
                    Output.line("ui: slow key \(what): \(String(format: "%.1f", ms)) ms")
                }
                for (ms, what) in namedFilters.sorted(by: { $0.0 > $1.0 }).prefix(slowest) {
                    Output.line("ui: slow \(what): \(String(format: "%.1f", ms)) ms")
                }
                engine.finishWrites()
                Output.line("ui: \(engine.queueLoads) queue loads read \(engine.rowsRead) rows and kept \(engine.rowsKept) already on screen")
                return (firstFrame, times.sorted(), idleWork, engine.state.total)
            }
            let p50 = keys[keys.count / 2], p99 = keys[min(keys.count - 1, keys.count * 99 / 100)]
            let filterP99 = filters.isEmpty ? 0 : filters[min(filters.count - 1, filters.count * 99 / 100)]
            Output.line("ui: \(keys.count) keys replayed (\(offsetPaging ? "OFFSET paging" : "keyset paging")), max \(String(format: "%.2f", keys.last!)) ms; "
                        + "\(filters.count) deferred filter queries, p50 \(String(format: "%.1f", filters.isEmpty ? 0 : filters[filters.count / 2])) ms")
            Output.line("ui: first frame \(String(format: "%.1f", first)) ms, key p50 \(String(format: "%.3f", p50)) ms, p99 \(String(format: "%.3f", p99)) ms, "
                        + "filter p99 \(String(format: "%.1f", filterP99)) ms, \(total) cases")
        }
    }
}
