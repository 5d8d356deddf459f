import ArgumentParser
import Foundation
import PetDeskDashboard
import PetDeskDemo
import PetDeskRules
import PetDeskStore
import PetDeskUI

/// `petdesk demo`: a realistic queue to try petdesk on.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a demo queue (labelled DEMO) with live timers relative to now.",
        discussion: "EXAMPLES:\n  petdesk demo --orders 500 --db /tmp/demo.sqlite\n  petdesk --db /tmp/demo.sqlite")

    @Option(help: "How many orders.") var orders: Int = 300
    @Option(help: "Seed of the generator.") var seed: UInt64 = 7
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if orders < 1 || orders > 2_000_000 { throw ValidationError("--orders must be between 1 and 2000000") }
    }

    func run() throws {
        let location = store.location
        let path = location.isExplicit ? location.path : StoreOptions.demoPath
        let db = try storeCall { try CaseStore.open(at: path) }
        // Fake orders never go into a real queue: only an empty database or a demo one.
        if try storeCall({ try db.count() }) > 0, !(try storeCall { try db.isDemo() }) {
            throw CommandFailure("petdesk: \(Sanitizer.line(path)) holds real orders; a demo queue goes into an empty or demo database "
                + "(pass another --db)", status: 1)
        }
        try DemoQueue.fill(db, orders: orders, seed: seed, now: SystemClock.now())
        Output.line("demo queue of \(orders) orders in \(path)")
    }
}

/// Builds the demo queue.
enum DemoQueue {
    static func fill(_ db: CaseStore, orders: Int, seed: UInt64, now: Instant) throws {
        var generator = CaseGenerator(seed: seed, now: now)
        let records = (0..<orders).map { ImportRecord(kase: generator.next(index: $0)) }
        try storeCall {
            try db.markAsDemo()
            try db.importRecords(records, agent: "demo", at: now)
        }
    }
}
