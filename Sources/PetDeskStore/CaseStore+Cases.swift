import Foundation
import PetDeskRules

extension CaseStore {
    /// The case with the agents' marks applied over the imported checklist.
    static func applying(_ marks: [Mark], to imported: Case) -> Case {
        var k = imported
        var latest: [ChecklistKey: Mark] = [:]
        for m in marks where m.undoneAt == nil { latest[m.item] = m }
        for (key, mark) in latest {
            var e = k.checklist[key]
            e.status = mark.status
            if let note = mark.note { e.note = note }
            if let confirmed = mark.confirmedAt { e.at = confirmed }
            switch mark.status {
            case .done: if e.channel == .offPlatform || e.channel == nil { e.channel = .platform }
            case .offPlatform: e.channel = .offPlatform
            case .missing, .unknown: break
            }
            k.checklist[key] = e
        }
        return k
    }

    static func marks(_ db: any SQLSession, _ orderID: String) throws -> [Mark] {
        try marks(db, [orderID])[orderID] ?? []
    }

    /// The marks of these cases, oldest first, by order id (one query for them all).
    static func marks(_ db: any SQLSession, _ orderIDs: [String]) throws -> [String: [Mark]] {
        try byCase(db, orderIDs) { (r: MarkRecord) in r.mark }
    }

    /// The rows of `R`'s table about these cases, oldest first (by id), each made a `T` (nil:
    /// left out), by order id: one query for them all.
    static func byCase<R: CaseRowRecord, T>(_ db: any SQLSession, _ orderIDs: [String], _ make: (R) -> T?) throws -> [String: [T]] {
        guard !orderIDs.isEmpty else { return [:] }
        let among = Array(repeating: "?", count: orderIDs.count).joined(separator: ", ")
        let records: [R] = try db.columnRecords("SELECT * FROM \(R.databaseTableName) WHERE order_id IN (\(among)) ORDER BY id",
                                          orderIDs.map(SQLValue.text))
        var out: [String: [T]] = [:]
        for r in records { if let value = make(r) { out[r.orderID, default: []].append(value) } }
        return out
    }

    /// These cases as the agents see them (imported facts with their marks), by order id: two
    /// reads for them all (a queue window's stale rows, a batch of re-evaluations).
    static func markedCases(_ db: any SQLSession, _ orderIDs: [String]) throws -> [String: Case] {
        let stored = try CaseRows.read(orderIDs, db: db)
        let marks = try Self.marks(db, Array(stored.keys))
        return stored.mapValues { applying(marks[$0.kase.orderID] ?? [], to: $0.kase) }
    }

    static func decisions(_ db: any SQLSession, _ orderID: String) throws -> [Decision] {
        let records: [DecisionRecord] = try db.columnRecords("SELECT * FROM decisions WHERE order_id = ? ORDER BY id", [.text(orderID)])
        return records.compactMap(\.decision)
    }

    /// The decisions on these cases, oldest first, by order id (one query for them all).
    static func decisions(_ db: any SQLSession, _ orderIDs: [String]) throws -> [String: [Decision]] {
        try byCase(db, orderIDs) { (r: DecisionRecord) in r.decision }
    }

    /// The unexpired lease on a case at `at`, if any.
    static func lease(_ db: any SQLSession, _ orderID: String, at: Instant) throws -> Lease? {
        let records: [LeaseRecord] = try db.columnRecords("SELECT * FROM leases WHERE order_id = ? AND expires_at > ?", [.text(orderID), SQLValue(at)])
        return records.first?.lease
    }

    /// A case with marks, decisions and its lease at `at`; `lock` inside a write (see `CaseRows.read`).
    func load(_ db: any SQLSession, _ orderID: String, at: Instant, lock: Bool = false) throws -> StoredCase {
        guard let stored = try CaseRows.read(orderID, db: db, lock: lock ? dialect : nil) else { throw StoreError.notFound(orderID: orderID) }
        let marks = try Self.marks(db, orderID)
        let lease = try Self.lease(db, orderID, at: at)
        let kase = Self.applying(marks, to: stored.kase)
        let decisions = try Self.decisions(db, orderID)
        var outcome = stored.outcome, dueAt = stored.dueAt
        if let refreshAt = stored.refreshAt, refreshAt <= at {
            // The re-evaluation could not be written (a read-only database): compute it here.
            let standing = pack.standing(kase, at: at)
            outcome = standing.outcome
            dueAt = standing.urgency(isDecided: !decisions.isEmpty).deadline
        }
        return StoredCase(kase: kase, imported: stored.kase, version: stored.version, marks: marks,
                          decisions: decisions, lease: lease, suggestedOutcome: outcome, dueAt: dueAt)
    }

    /// Rewrites a case's facts at `version`, recomputing its outcome and urgency from the rules.
    /// A new case has no marks, decisions or rows yet: nothing to read or clear.
    func save(_ db: any SQLSession, imported: Case, version: Int, at: Instant, isNew: Bool = false) throws {
        let marks = isNew ? [] : try Self.marks(db, imported.orderID)
        let ruling = pack.ruling(Self.applying(marks, to: imported), at: at)
        try CaseRows.write(imported, version: version, ruling: ruling, db: db, at: at, isNew: isNew)
        if !isNew { try Self.storeSuggestion(db, imported.orderID, ruling) }
    }

    /// Writes what the rules derive for a case (suggestion, urgency class and deadline, the
    /// timer it belongs to, when to look again); a decided case goes to the end of the queue.
    /// `changedAt`: an agent changed the case then, so its version is bumped too (one statement).
    static func storeSuggestion(_ db: any SQLSession, _ orderID: String, _ ruling: Ruling, changedAt: Instant? = nil) throws {
        let open = ruling.urgency(isDecided: false)
        let bump = changedAt == nil ? "" : "version = version + 1, updated_at = CAST(?7 AS BIGINT), "
        // Casts: PostgreSQL cannot infer a parameter's type from a CASE whose other branch is NULL.
        try db.execute("""
            UPDATE cases SET \(bump)suggested_outcome = ?2, refresh_at = CAST(?3 AS BIGINT),
              urgency_rank = CASE WHEN EXISTS (SELECT 1 FROM decisions WHERE order_id = ?1) THEN 3 ELSE CAST(?4 AS INTEGER) END,
              due_at = CASE WHEN EXISTS (SELECT 1 FROM decisions WHERE order_id = ?1) THEN NULL ELSE CAST(?5 AS BIGINT) END,
              due_timer = CASE WHEN EXISTS (SELECT 1 FROM decisions WHERE order_id = ?1) THEN NULL ELSE CAST(?6 AS TEXT) END
            WHERE order_id = ?1
            """, [.text(orderID), .text(ruling.outcome.rawValue), SQLValue(ruling.reviewAt), SQLValue(open.rank.rawValue),
                  SQLValue(open.deadline), SQLValue(open.timer?.rawValue)] + (changedAt.map { [SQLValue($0)] } ?? []))
    }

    /// Bumps the version and recomputes the outcome after a mark, undo or decision.
    func touch(_ db: any SQLSession, _ orderID: String, at: Instant) throws {
        guard let stored = try CaseRows.read(orderID, db: db) else { throw StoreError.notFound(orderID: orderID) }
        let marks = try Self.marks(db, orderID)
        let ruling = pack.ruling(Self.applying(marks, to: stored.kase), at: at)
        try db.execute("UPDATE cases SET version = version + 1, updated_at = ? WHERE order_id = ?", [SQLValue(at), .text(orderID)])
        try Self.storeSuggestion(db, orderID, ruling)
    }

    /// Re-evaluates up to `limit` cases whose stored suggestion may have expired by `now`
    /// (standard §9), writing back the suggestion, urgency and next review instant. This is the
    /// rules keeping the queue true, not an agent's action: no audit row, no version bump.
    /// Returns how many cases it re-evaluated.
    @discardableResult
    public func refreshExpired(at now: Instant, limit: Int = StoreTuning.refreshBatch) throws(StoreError) -> Int {
        // A read first: an idle queue costs no write lock.
        // min() reads one end of the cases_by_refresh index whatever the planner's statistics
        // say (`refresh_at <= ? LIMIT 1` became a 5 ms scan on PostgreSQL with stale ones).
        let expired = try readOne { db in
            try db.int("SELECT min(refresh_at) FROM cases WHERE refresh_at IS NOT NULL").map { $0 <= now.secondsSinceEpoch } ?? false
        }
        guard expired else { return 0 }
        return try write { db in
            // Locked and skipped on PostgreSQL: two dashboards refresh different cases at once.
            let due = try db.rows("SELECT order_id FROM cases WHERE refresh_at <= ? ORDER BY refresh_at LIMIT ?\(dialect.skipLocked)",
                                  [SQLValue(now), SQLValue(limit)]).compactMap(\.firstText)
            let cases = try Self.markedCases(db, due)
            for orderID in due {
                guard let kase = cases[orderID] else { continue }
                try Self.storeSuggestion(db, orderID, pack.ruling(kase, at: now))
            }
            return due.count
        }
    }

    /// Re-evaluates every case whose suggestion may have expired by `now`, batch by batch (each
    /// batch its own transaction, so other writers get in between); returns how many. Stops at
    /// the first batch that fails (a read-only database: nothing to write).
    @discardableResult
    public func refreshAllExpired(at now: Instant) throws(StoreError) -> Int {
        var total = 0
        while true {
            let n = try refreshExpired(at: now)
            total += n
            if n < StoreTuning.refreshBatch { return total }
        }
    }

    /// Locks the case for this transaction (PostgreSQL: concurrent writers to one case queue up
    /// here) and refuses the write when it is not at `expected`.
    func checkVersion(_ db: any SQLSession, _ orderID: String, expected: Int?) throws {
        guard let version = try db.int("SELECT version FROM cases WHERE order_id = ?\(dialect.lockRow)", [.text(orderID)]).map(Int.init) else {
            throw StoreError.notFound(orderID: orderID)
        }
        if let expected, expected != version { throw StoreError.conflict(orderID: orderID, expected: expected, actual: version) }
    }

    /// A case as stored, with marks, decisions and its lease at `at`.
    public func storedCase(_ orderID: String, at: Instant) throws(StoreError) -> StoredCase {
        // Its suggestion is computed here if it expired (no table-wide refresh on this path).
        try read { db in
            var stored = try load(db, orderID, at: at)
            // In the same read: a dashboard shows who changed the case last (a read of its own
            // was a sixth of opening a case).
            stored.latestChange = try Self.latestAuditEntry(db, orderID)
            return stored
        }
    }

    // MARK: - Marks and decisions

    /// Records an agent's mark on a checklist item; refused when `expectedVersion` is stale.
    /// One read of the case per write: the result is computed from it, not read back.
    @discardableResult
    public func saveMark(_ orderID: String, item: ChecklistKey, status: ItemStatus, note: String? = nil, confirmedAt: Instant? = nil,
                         agent: String, at: Instant, expectedVersion: Int? = nil, force: Bool = false) throws(StoreError) -> StoredCase {
        try checkIdentity(agent)
        return try write { db in
            let current = try loadForWrite(db, orderID, expected: expectedVersion, at: at)
            let forcedOver = try checkLease(current.lease, orderID, agent: agent, force: force)
            var mark = Mark(id: 0, item: item, status: status, note: note, agent: agent, at: at, confirmedAt: confirmedAt, undoneAt: nil)
            mark.id = try db.insertReturningID(MarkRecord(orderID: orderID, mark))
            try Self.audit(db, at: at, agent: agent, orderID: orderID, action: "mark", field: "checklist.\(item.rawValue)",
                           old: current.kase.checklist[item].status.rawValue,
                           new: status.rawValue + (confirmedAt.map { " @ " + PlatformTime.format($0) } ?? "")
                               + (note.map { " (\($0))" } ?? "") + Self.forcedNote(forcedOver))
            return try commit(db, current, marks: current.marks + [mark], decisions: current.decisions, at: at)
        }
    }

    /// Undoes this agent's last mark on the case that is not undone yet.
    @discardableResult
    public func undoLastMark(_ orderID: String, agent: String, at: Instant,
                             expectedVersion: Int? = nil, force: Bool = false) throws(StoreError) -> StoredCase {
        try checkIdentity(agent)
        return try write { db in
            let current = try loadForWrite(db, orderID, expected: expectedVersion, at: at)
            let forcedOver = try checkLease(current.lease, orderID, agent: agent, force: force)
            guard let index = current.marks.lastIndex(where: { $0.agent == agent && $0.undoneAt == nil }) else {
                throw StoreError.nothingToUndo(orderID: orderID, agent: agent)
            }
            let last = current.marks[index]
            try db.execute("UPDATE marks SET undone_at = ?, undone_by = ? WHERE id = ?", [SQLValue(at), .text(agent), .int(last.id)])
            var marks = current.marks
            marks[index].undoneAt = at
            marks[index].undoneBy = agent
            let after = try commit(db, current, marks: marks, decisions: current.decisions, at: at)
            try Self.audit(db, at: at, agent: agent, orderID: orderID, action: "undo", field: "checklist.\(last.item.rawValue)",
                           old: last.status.rawValue, new: after.kase.checklist[last.item].status.rawValue + Self.forcedNote(forcedOver))
            return after
        }
    }

    /// Records a decision: accepting the suggested verdict, or overriding it with a reason.
    @discardableResult
    public func recordDecision(_ orderID: String, outcome: Outcome, reason: String?, agent: String, at: Instant,
                               expectedVersion: Int? = nil, force: Bool = false) throws(StoreError) -> StoredCase {
        try checkIdentity(agent)
        return try write { db in
            let current = try loadForWrite(db, orderID, expected: expectedVersion, at: at)
            let forcedOver = try checkLease(current.lease, orderID, agent: agent, force: force)
            let suggested = pack.standing(current.kase, at: at).outcome
            let trimmed = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
            let isOverride = outcome != suggested
            if isOverride, (trimmed ?? "").isEmpty {
                throw StoreError.overrideNeedsReason(suggested: suggested, outcome: outcome)
            }
            let decision = Decision(outcome: outcome, suggestedOutcome: suggested, pack: pack.id, isOverride: isOverride,
                                    reason: (trimmed ?? "").isEmpty ? nil : trimmed, agent: agent, at: at)
            try Self.insertDecision(db, orderID, decision)
            try Self.audit(db, at: at, agent: agent, orderID: orderID, action: "decide", field: "outcome",
                           old: current.decisions.last?.outcome.rawValue ?? "suggested \(suggested.rawValue)",
                           new: outcome.rawValue + (isOverride ? " (override: \(trimmed!))" : " (accepted)") + Self.forcedNote(forcedOver))
            return try commit(db, current, marks: current.marks, decisions: current.decisions + [decision], at: at)
        }
    }

    /// The case a write is about to change, locked (PostgreSQL) and checked against `expected`.
    private func loadForWrite(_ db: any SQLSession, _ orderID: String, expected: Int?, at: Instant) throws -> StoredCase {
        let current = try load(db, orderID, at: at, lock: true)
        if let expected, expected != current.version {
            throw StoreError.conflict(orderID: orderID, expected: expected, actual: current.version)
        }
        return current
    }

    /// Bumps the version and stores what the rules now derive from `marks` and `decisions`;
    /// returns the case as it now stands (computed, not read back).
    private func commit(_ db: any SQLSession, _ before: StoredCase, marks: [Mark], decisions: [Decision], at: Instant) throws -> StoredCase {
        let kase = Self.applying(marks, to: before.imported)
        let ruling = pack.ruling(kase, at: at)
        try Self.storeSuggestion(db, kase.orderID, ruling, changedAt: at)
        return StoredCase(kase: kase, imported: before.imported, version: before.version + 1, marks: marks, decisions: decisions,
                          lease: before.lease, suggestedOutcome: ruling.outcome,
                          dueAt: ruling.urgency(isDecided: !decisions.isEmpty).deadline, latestChange: try Self.latestAuditEntry(db, kase.orderID))
    }

    static func insertDecision(_ db: any SQLSession, _ orderID: String, _ d: Decision) throws {
        try db.insert([DecisionRecord(orderID: orderID, d)])
    }

    // MARK: - Leases

    /// Takes or renews a lease on a case for `duration` seconds; refused while another agent holds it.
    @discardableResult
    public func claim(_ orderID: String, agent: String, at: Instant, duration: Int64) throws(StoreError) -> Lease {
        try checkIdentity(agent)
        return try write { db in
            try checkVersion(db, orderID, expected: nil)
            if let lease = try takeLease(db, orderID, agent: agent, at: at, duration: duration) { return lease }
            let held = try Self.lease(db, orderID, at: at)
            throw StoreError.claimedByOther(orderID: orderID, agent: held?.agent ?? "?", until: held.map { PlatformTime.formatShort($0.expiresAt) } ?? "?")
        }
    }

    /// Writes the lease unless another agent's unexpired one is there; audits a new one, not a
    /// renewal. Nil when another agent holds the case. The check is in the upsert itself, which
    /// sees the latest committed lease even where the transaction's earlier reads could not
    /// (PostgreSQL, READ COMMITTED: a lease committed after the claimer's query began).
    func takeLease(_ db: any SQLSession, _ orderID: String, agent: String, at: Instant, duration: Int64) throws -> Lease? {
        let renewing = try Self.lease(db, orderID, at: at)?.agent == agent
        let expires = at.adding(seconds: duration)
        let written = try db.execute("""
            INSERT INTO leases (order_id, agent, acquired_at, expires_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (order_id) DO UPDATE SET agent = excluded.agent, acquired_at = excluded.acquired_at, expires_at = excluded.expires_at
            WHERE leases.agent = excluded.agent OR leases.expires_at <= excluded.acquired_at
            """, [.text(orderID), .text(agent), SQLValue(at), SQLValue(expires)])
        guard written > 0 else { return nil }
        if !renewing { try Self.audit(db, at: at, agent: agent, orderID: orderID, action: "claim", new: expires.description) }
        return Lease(orderID: orderID, agent: agent, expiresAt: expires)
    }

    /// Releases this agent's lease on a case. Refused while another agent holds it: releasing
    /// someone else's lease never looks like success.
    public func release(_ orderID: String, agent: String, at: Instant) throws(StoreError) {
        try checkIdentity(agent)
        return try write { db in
            if let held = try Self.lease(db, orderID, at: at), held.agent != agent {
                throw StoreError.notYourLease(orderID: orderID, holder: held.agent)
            }
            if try db.execute("DELETE FROM leases WHERE order_id = ? AND agent = ?", [.text(orderID), .text(agent)]) > 0 {
                try Self.audit(db, at: at, agent: agent, orderID: orderID, action: "release")
            }
        }
    }

    /// Refuses a write to a case another agent holds, unless forced; returns that agent when
    /// the write is forced over their lease (the audit row says so).
    func checkLease(_ held: Lease?, _ orderID: String, agent: String, force: Bool) throws -> String? {
        guard let held, held.agent != agent else { return nil }
        guard force else {
            throw StoreError.claimedByOther(orderID: orderID, agent: held.agent, until: PlatformTime.formatShort(held.expiresAt))
        }
        return held.agent
    }

    /// The audit note of a write forced over another agent's lease.
    static func forcedNote(_ holder: String?) -> String {
        holder.map { " [forced over \($0)'s lease]" } ?? ""
    }
}
