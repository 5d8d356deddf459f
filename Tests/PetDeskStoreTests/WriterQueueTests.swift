import Foundation
import Synchronization
@testable import PetDeskStore
import PetDeskRules
import Testing

/// An import leaves a gap between its batches only for a writer that is waiting, and such a
/// writer gets in before the import ends.
struct WriterQueueTests {
    @Test func aWriterAboutToWriteIsSeenByAnotherStoreUntilItHasTheLock() {
        let scratch = ScratchFile("petdesk-writers")
        let (importer, agent) = (WriterQueue(databasePath: scratch.path), WriterQueue(databasePath: scratch.path))
        #expect(!importer.othersWaiting())
        agent.arrive()
        #expect(importer.othersWaiting())
        #expect(importer.othersWaiting(), "asking does not clear it")
        agent.leave()
        #expect(!importer.othersWaiting())
        // Asking leaves nothing held: the agent can arrive again at once.
        agent.arrive()
        #expect(importer.othersWaiting())
        agent.leave()
    }

    @Test func aMarkMadeDuringAnImportIsSavedBeforeTheImportEnds() throws {
        let (importing, marking, scratch) = try Backend.sqlite.makeTwoHandles()
        defer { _ = scratch }
        let now = instant("2022-08-03T10:00:00")
        try importing.importRecords([ImportRecord(kase: sampleCase("FIRST"))], agent: "importer", at: now)
        // Enough cases for several batches of 200 ms even on a machine many times faster than this one.
        let records = (0..<4_000).map { ImportRecord(kase: sampleCase(String(format: "N%05d", $0))) }
        let importEnded = Mutex<ContinuousClock.Instant?>(nil), markSaved = Mutex<ContinuousClock.Instant?>(nil)
        let started = DispatchSemaphore(value: 0)
        let importer = Thread {
            started.signal()
            _ = try? importing.importRecords(records, agent: "importer", at: now)
            importEnded.withLock { $0 = .now }
        }
        importer.start()
        started.wait()
        // Into the import's first batch (each holds the lock up to 200 ms).
        while (try? marking.interruptedImport()) == nil { Thread.sleep(forTimeInterval: 0.005) }
        _ = try marking.saveMark("FIRST", item: .sex, status: .done, agent: "agent", at: now)
        markSaved.withLock { $0 = .now }
        while importEnded.withLock({ $0 }) == nil { Thread.sleep(forTimeInterval: 0.01) }
        let (saved, ended) = (try #require(markSaved.withLock { $0 }), try #require(importEnded.withLock { $0 }))
        #expect(saved < ended, "the mark waited for the whole import")
        #expect(try marking.count(filter: nil) == records.count + 1)
    }
}
