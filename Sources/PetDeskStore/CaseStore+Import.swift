import Foundation
import PetDeskRules

extension CaseStore {
    /// Imports records: new cases are inserted, known ones merged (new facts win, lists are
    /// united, marks kept), identical ones left alone. Idempotent by order id.
    ///
    /// The records were validated as a whole before they get here (a file with any error imports
    /// nothing). They are written in batches of about `StoreTuning.importBatch` each, every
    /// batch its own transaction, so other agents' writes get in between and never wait longer
    /// than a batch. While an import runs, `meta` says so; if the process dies, the next open
    /// reports it (`interruptedImport`) and running the same import again completes it.
    ///
    /// A file streamed in parts is one import: each part names the whole import's `total` and
    /// only the last (`completes`) clears the mark that an import is running.
    @discardableResult
    public func importRecords(_ records: [ImportRecord], agent: String, at: Instant, source: String = "",
                              total: Int? = nil, completes: Bool = true,
                              progress: ((Int) -> Void)? = nil) throws(StoreError) -> ImportSummary {
        try checkIdentity(agent)
        var summary = ImportSummary()
        var next = 0
        let marker = "\(source.isEmpty ? "an import" : source) of \(total ?? records.count) record(s) by \(agent) at \(PlatformTime.formatShort(at))"
        // Once for the whole import: changing the setting makes SQLite prepare every statement again.
        if let bulk = dialect.bulkWrite { try write { db in _ = try db.execute(bulk.begin, []) } }
        defer { if let bulk = dialect.bulkWrite { _ = try? write { db in _ = try db.execute(bulk.end, []) } } }
        if let bulk = dialect.bulkConnection { try backend.setWriterConnection(bulk.begin) }
        defer { if let bulk = dialect.bulkConnection { try? backend.setWriterConnection(bulk.end) } }
        // New cases change how many each filter finds, so how best to read it.
        defer { filterReads.removeAll() }
        repeat {
            if next > 0, backend.othersWaitingToWrite() { Thread.sleep(forTimeInterval: StoreTuning.importPause.timeInterval) }
            let started = ContinuousClock.now
            try write { db in
                if next == 0 { try Self.setMeta(db, "import_in_progress", marker) }
                if let deferred = dialect.deferredTextIndex { try db.execute(deferred.begin, []) }
                let insertedBefore = summary.inserted
                while next < records.count {
                    let end = min(records.count, next + StoreTuning.importChunk)
                    try importChunk(records[next..<end], db: db, agent: agent, at: at, into: &summary)
                    if end / 10_000 > next / 10_000 { progress?(end) }
                    next = end
                    if ContinuousClock.now - started >= StoreTuning.importBatch { break }
                }
                if let deferred = dialect.deferredTextIndex { try db.execute(deferred.end, []) }
                // Cases are only ever added here: keep the total, so the queue never counts a million
                // rows. It is added to, not counted again: counting every batch made a large import
                // quadratic (a count of a million rows is 30 ms warm, 1.8 s cold, once a batch).
                let added = summary.inserted - insertedBefore
                if try db.execute("UPDATE meta SET value = CAST(CAST(value AS INTEGER) + ? AS TEXT) WHERE key = 'case_count'",
                                  [SQLValue(added)]) == 0 {
                    try Self.setMeta(db, "case_count", String(try db.int("SELECT count(*) FROM cases") ?? 0))
                }
                if next == records.count && completes { try db.execute("DELETE FROM meta WHERE key = 'import_in_progress'") }
            }
        } while next < records.count
        return summary
    }

    /// An import that did not finish (the process died mid-way): what it was. Running the same
    /// import again completes it.
    public func interruptedImport() throws(StoreError) -> String? {
        try readOne { db in try db.text("SELECT value FROM meta WHERE key = 'import_in_progress'") }
    }

    /// Imports a few records at once: the plain new cases among them (no marks, decisions or
    /// trail of their own, the order id not seen earlier in the chunk) are written together,
    /// a statement per table for them all and their audit rows; the rest one by one, after them
    /// (each is a different case from those written together, or a later record of one of them,
    /// so the outcome is as if all were imported in order).
    private func importChunk(_ chunk: ArraySlice<ImportRecord>, db: any SQLSession, agent: String, at: Instant,
                             into summary: inout ImportSummary) throws {
        let stored = try CaseRows.existing(chunk.map(\.kase.orderID), db: db)
        var seen = Set<String>(), fresh: [Case] = [], rest: [ImportRecord] = []
        for record in chunk {
            let id = record.kase.orderID
            if seen.insert(id).inserted, !stored.contains(id), record.marks.isEmpty, record.decisions.isEmpty, record.audit.isEmpty {
                fresh.append(record.kase)
            } else {
                rest.append(record)
            }
        }
        if !fresh.isEmpty {
            try CaseRows.insertNew(fresh.map { ($0, pack.ruling($0, at: at)) }, db: db, at: at)
            try db.insertColumns(fresh.map { Self.importEntry($0.orderID, agent: agent, at: at) })
            summary.inserted += fresh.count
        }
        for record in rest { try importOne(record, db: db, agent: agent, at: at, into: &summary) }
    }

    /// The audit entry that records a case new to the store.
    private static func importEntry(_ orderID: String, agent: String, at: Instant) -> AuditRecord {
        AuditRecord(AuditEntry(id: 0, at: at, agent: agent, orderID: orderID, action: "import", field: nil, oldValue: nil, newValue: "version 1"))
    }

    private func importOne(_ record: ImportRecord, db: any SQLSession, agent: String, at: Instant, into summary: inout ImportSummary) throws {
        let k = record.kase
        if let stored = try CaseRows.read(k.orderID, db: db) {
            try restoreAudit(db, record)
            let merged = CaseMerge.merge(stored: stored.kase, incoming: k)
            let newMarks = record.marks.isEmpty && record.decisions.isEmpty ? false : try insertMissing(db, record, at: at)
            if merged == stored.kase && !newMarks {
                summary.unchanged += 1
            } else {
                try save(db, imported: merged, version: stored.version + 1, at: at)
                try Self.audit(db, at: at, agent: agent, orderID: k.orderID, action: "merge",
                               old: "version \(stored.version)", new: "version \(stored.version + 1)")
                summary.merged += 1
            }
        } else {
            try save(db, imported: k, version: 1, at: at, isNew: true)
            try restoreAudit(db, record)
            if !(record.marks.isEmpty && record.decisions.isEmpty), try insertMissing(db, record, at: at) {
                try touch(db, k.orderID, at: at)
            }
            // A backup that brings its trail is restored as it was; a new case is recorded here.
            if record.audit.isEmpty {
                try db.insert([Self.importEntry(k.orderID, agent: agent, at: at)])
            }
            summary.inserted += 1
        }
    }

    /// Restores the audit entries a backup carries that the log does not hold yet (matched as a
    /// multiset, so importing a backup twice adds nothing). The log stays append-only.
    private func restoreAudit(_ db: any SQLSession, _ record: ImportRecord) throws {
        guard !record.audit.isEmpty else { return }
        var held: [AuditEntry: Int] = [:]
        for e in try Self.auditTrail(db, record.kase.orderID) { held[e.withoutID, default: 0] += 1 }
        for e in record.audit {
            var entry = e.withoutID
            entry.orderID = record.kase.orderID
            if let n = held[entry], n > 0 { held[entry] = n - 1; continue }
            try Self.audit(db, at: entry.at, agent: entry.agent, orderID: entry.orderID, action: entry.action,
                           field: entry.field, old: entry.oldValue, new: entry.newValue)
        }
    }

    /// Inserts the record's marks and decisions that the store does not have yet, in the
    /// record's order. Both are matched as multisets: a mark made twice in one second by one
    /// agent is two marks (a backup restores both), while importing the same file again adds
    /// nothing.
    private func insertMissing(_ db: any SQLSession, _ record: ImportRecord, at: Instant) throws -> Bool {
        var changed = false
        let id = record.kase.orderID
        var storedMarks: [Mark: Int] = [:]
        for m in try Self.marks(db, id) { storedMarks[m.withoutID, default: 0] += 1 }
        for m in record.marks {
            if let n = storedMarks[m.withoutID], n > 0 { storedMarks[m.withoutID] = n - 1; continue }
            try db.insert([MarkRecord(orderID: id, m)])
            changed = true
        }
        var storedDecisions: [Decision: Int] = [:]
        for d in try Self.decisions(db, id) { storedDecisions[d, default: 0] += 1 }
        for d in record.decisions {
            if let n = storedDecisions[d], n > 0 { storedDecisions[d] = n - 1; continue }
            try Self.insertDecision(db, id, d)
            changed = true
        }
        return changed
    }

    /// Every case as imported, with its marks and decisions, by order id (for export).
    public func exportRecords() throws(StoreError) -> [ImportRecord] {
        var all: [ImportRecord] = []
        try exportRecords { all += $0 }
        return all
    }

    /// Every case as imported, with its marks, decisions and audit trail, by order id, handed
    /// to `body` a batch at a time from one snapshot of the store: memory stays flat however
    /// many cases there are, and each batch is one query per table (a case at a time was nine
    /// queries a case, and every case was held until the last was read).
    public func exportRecords(batchSize: Int = StoreTuning.exportBatch, _ body: ([ImportRecord]) throws -> Void) throws(StoreError) {
        try read { db in
            var last: String?
            while true {
                let ids = try db.rows("SELECT order_id FROM cases\(last == nil ? "" : " WHERE order_id > ?") ORDER BY order_id LIMIT ?",
                                      (last.map { [SQLValue.text($0)] } ?? []) + [SQLValue(max(1, batchSize))]).compactMap(\.firstText)
                guard let end = ids.last else { return }
                let stored = try CaseRows.read(ids, db: db)
                let (marks, decisions, audit) = (try Self.marks(db, ids), try Self.decisions(db, ids), try Self.auditTrails(db, ids))
                try body(ids.compactMap { id in
                    stored[id].map { ImportRecord(kase: $0.kase, marks: marks[id] ?? [], decisions: decisions[id] ?? [], audit: audit[id] ?? []) }
                })
                last = end
            }
        }
    }
}
