import Foundation
import GRDB
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
    @discardableResult
    public func importRecords(_ records: [ImportRecord], agent: String, at: Instant, source: String = "",
                              progress: ((Int) -> Void)? = nil) throws(StoreError) -> ImportSummary {
        var summary = ImportSummary()
        var next = 0
        let marker = "\(source.isEmpty ? "an import" : source) of \(records.count) record(s) by \(agent) at \(PlatformTime.formatShort(at))"
        repeat {
            if next > 0 { Thread.sleep(forTimeInterval: StoreTuning.importPause.timeInterval) }
            let started = ContinuousClock.now
            try write { db in
                if next == 0 { try db.execute(sql: "INSERT OR REPLACE INTO meta VALUES ('import_in_progress', ?)", arguments: [marker]) }
                while next < records.count {
                    try importOne(records[next], db: db, agent: agent, at: at, into: &summary)
                    next += 1
                    if next % 10_000 == 0 { progress?(next) }
                    if ContinuousClock.now - started >= StoreTuning.importBatch { break }
                }
                // Cases are only ever added here: keep the total, so the queue never counts a million rows.
                try db.execute(sql: "INSERT OR REPLACE INTO meta VALUES ('case_count', (SELECT count(*) FROM cases))")
                if next == records.count { try db.execute(sql: "DELETE FROM meta WHERE key = 'import_in_progress'") }
            }
        } while next < records.count
        return summary
    }

    /// An import that did not finish (the process died mid-way): what it was. Running the same
    /// import again completes it.
    public func interruptedImport() throws(StoreError) -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'import_in_progress'") }
    }

    private func importOne(_ record: ImportRecord, db: Database, agent: String, at: Instant, into summary: inout ImportSummary) throws {
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
                try Self.audit(db, at: at, agent: agent, orderID: k.orderID, action: "import", new: "version 1")
            }
            summary.inserted += 1
        }
    }

    /// Restores the audit entries a backup carries that the log does not hold yet (matched as a
    /// multiset, so importing a backup twice adds nothing). The log stays append-only.
    private func restoreAudit(_ db: Database, _ record: ImportRecord) throws {
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
    private func insertMissing(_ db: Database, _ record: ImportRecord, at: Instant) throws -> Bool {
        var changed = false
        let id = record.kase.orderID
        var storedMarks: [Mark: Int] = [:]
        for m in try Self.marks(db, id) { storedMarks[m.withoutID, default: 0] += 1 }
        for m in record.marks {
            if let n = storedMarks[m.withoutID], n > 0 { storedMarks[m.withoutID] = n - 1; continue }
            try db.execute(sql: "INSERT INTO marks (order_id, item, status, note, agent, at, undone_at, undone_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           arguments: [id, m.item.rawValue, m.status.rawValue, m.note, m.agent, m.at.secondsSinceEpoch,
                                       CaseRows.int(m.undoneAt), m.undoneAt == nil ? nil : (m.undoneBy ?? m.agent)])
            changed = true
        }
        var storedDecisions: [Decision: Int] = [:]
        for d in try Self.decisions(db, id) { storedDecisions[d, default: 0] += 1 }
        for d in record.decisions {
            if let n = storedDecisions[d], n > 0 { storedDecisions[d] = n - 1; continue }
            try db.execute(sql: """
                INSERT INTO decisions (order_id, outcome, suggested_outcome, pack, is_override, reason, agent, at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [id, d.outcome.rawValue, d.suggestedOutcome.rawValue, d.pack, d.isOverride ? 1 : 0, d.reason,
                                 d.agent, d.at.secondsSinceEpoch])
            changed = true
        }
        return changed
    }

    /// Every case as imported, with its marks and decisions, by order id (for export).
    public func exportRecords() throws(StoreError) -> [ImportRecord] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT order_id FROM cases ORDER BY order_id").compactMap { id in
                guard let stored = try CaseRows.read(id, db: db) else { return nil }
                return ImportRecord(kase: stored.kase, marks: try Self.marks(db, id), decisions: try Self.decisions(db, id),
                                    audit: try Self.auditTrail(db, id))
            }
        }
    }

    /// How many cases match `filter` (all when nil or empty: the total kept by imports).
    public func count(filter: String? = nil) throws(StoreError) -> Int {
        try read { db in
            let (clause, args) = Self.filterClause(filter)
            if clause.isEmpty, let kept = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'case_count'"),
               let n = Int(kept) {
                return n
            }
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM cases \(clause)", arguments: args) ?? 0
        }
    }

    /// The filter: a substring of the order id, buyer, title, category (species), merchant or
    /// waybill, or of the outcome label a row shows (全额退款, REFUND, FULL_REFUND…).
    static func filterClause(_ filter: String?) -> (String, StatementArguments) {
        guard let f = filter?.trimmingCharacters(in: .whitespaces), !f.isEmpty else { return ("", []) }
        let escaped = f.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
        let like = "%\(escaped)%"
        let columns = ["order_id", "buyer", "title", "category_path", "merchant", "waybill"]
        var clause = columns.map { "\($0) LIKE ? ESCAPE '\\'" }.joined(separator: " OR ")
        var args = StatementArguments(Array(repeating: like, count: columns.count))
        let needle = f.lowercased()
        let outcomes = Outcome.allCases.filter { o in
            [o.rawValue, o.chineseName, o.englishName, o.shortChineseName, o.shortEnglishName].contains { $0.lowercased().contains(needle) }
        }
        if !outcomes.isEmpty {
            clause += " OR suggested_outcome IN (\(outcomes.map { _ in "?" }.joined(separator: ", ")))"
            args += StatementArguments(outcomes.map(\.rawValue))
        }
        return ("WHERE (\(clause))", args)
    }

    /// A page of the queue. Expired suggestions are re-evaluated first: all of them, or at most
    /// `refreshLimit` (a dashboard's keystroke budget), in which case the rows shown that are
    /// still expired are computed in memory.
    public func queue(sort: QueueSort = .urgency, filter: String? = nil, limit: Int, offset: Int = 0,
                      at: Instant, refreshLimit: Int? = nil) throws(StoreError) -> [QueueRow] {
        if let refreshLimit { _ = try? refreshExpired(at: at, limit: refreshLimit) } else { refreshAllExpired(at: at) }
        return try queueRows(sort: sort, filter: filter, limit: limit, offset: offset, at: at)
    }

    /// A page of the queue as stored; rows whose re-evaluation could not be written are
    /// computed in memory.
    func queueRows(sort: QueueSort, filter: String?, limit: Int, offset: Int, at: Instant) throws(StoreError) -> [QueueRow] {
        try read { db in
            let (clause, args) = Self.filterClause(filter)
            let select = """
                SELECT c.order_id, c.title, c.buyer, c.category_path, c.suggested_outcome, c.due_at, c.claim_type, c.paid_at,
                       c.version, c.due_timer, c.urgency_rank, coalesce(c.refresh_at <= \(at.secondsSinceEpoch), 0) AS expired,
                       (SELECT agent FROM leases l WHERE l.order_id = c.order_id AND l.expires_at > \(at.secondsSinceEpoch)) AS claimed_by,
                       (SELECT outcome FROM decisions d WHERE d.order_id = c.order_id ORDER BY d.id DESC LIMIT 1) AS decided
                FROM cases c
                """
            let rows: [Row]
            switch sort {
            case .urgency:
                // One index range scan (cases_by_queue): open disputes, watch, quiet, decided;
                // within each the nearest deadline first (breached ones are the earliest).
                rows = try Row.fetchAll(db, sql: """
                    \(select) \(clause)
                    ORDER BY c.urgency_rank, coalesce(c.due_at, 9223372036854775807), c.order_id LIMIT ? OFFSET ?
                    """, arguments: args + [limit, offset])
            case .paid:
                rows = try Row.fetchAll(db, sql: "\(select) \(clause) ORDER BY c.paid_at DESC, c.order_id LIMIT ? OFFSET ?",
                                        arguments: args + [limit, offset])
            case .order:
                rows = try Row.fetchAll(db, sql: "\(select) \(clause) ORDER BY c.order_id LIMIT ? OFFSET ?",
                                        arguments: args + [limit, offset])
            }
            return try rows.map { r in
                let category: String = r["category_path"]
                var species = ""
                var parser = JSONParser(bytes: Array(category.utf8))
                if case .array(let items) = (try? parser.parseValue())?.value, let last = items.last, case .string(let s) = last.value {
                    species = s
                }
                var row = QueueRow(orderID: r["order_id"], title: r["title"] ?? "", buyer: r["buyer"] ?? "", species: species,
                                suggestedOutcome: Outcome(rawValue: r["suggested_outcome"]) ?? .monitor,
                                dueAt: CaseRows.instant(r["due_at"]), claimType: (r["claim_type"] as String?).flatMap(ClaimType.init(rawValue:)),
                                claimedBy: r["claimed_by"], decidedOutcome: (r["decided"] as String?).flatMap(Outcome.init(rawValue:)),
                                paidAt: Instant(secondsSinceEpoch: r["paid_at"]), version: r["version"],
                                dueTimer: (r["due_timer"] as String?).flatMap(TimerKind.init(rawValue:)),
                                urgencyRank: UrgencyRank(rawValue: r["urgency_rank"]) ?? .quiet)
                if (r["expired"] as Bool?) == true, let stored = try CaseRows.read(row.orderID, db: db) {
                    // The re-evaluation could not be written (a read-only database): compute it here.
                    let verdict = pack.evaluate(Self.applying(try Self.marks(db, row.orderID), to: stored.kase), at: at)
                    let urgency = verdict.urgency(isDecided: row.decidedOutcome != nil)
                    (row.suggestedOutcome, row.dueAt, row.dueTimer, row.urgencyRank) = (verdict.outcome, urgency.deadline, urgency.timer, urgency.rank)
                }
                return row
            }
        }
    }
}
