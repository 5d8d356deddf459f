import Foundation
import PetDeskRules

/// Writes a `Case` as its records and reads it back: which tables hold a case, and in what order.
enum CaseRows {

    /// Replaces every fact row of `kase` (the `cases` row is upserted; child rows rewritten).
    static func write(_ kase: Case, version: Int, ruling: Ruling, db: any SQLSession, at: Instant, isNew: Bool = false) throws {
        if isNew { return try insertNew([(kase, ruling)], db: db, at: at) }
        try db.insertColumns([StoredCaseRecord(kase, version: version, ruling: ruling, at: at)], replacingOn: "order_id")
        for table in listTables {
            try db.execute("DELETE FROM \(table) WHERE order_id = ?", [.text(kase.orderID)])
        }
        try insertLists(of: [kase], db: db)
    }

    /// Writes cases the store does not hold yet, each at version 1 with its ruling: one multi-row
    /// INSERT per table for them all. Outside an import this matters beyond the trips through
    /// the engine: each statement that writes the full-text tables (through the cases' triggers)
    /// ends by flushing their pending terms to disk, a segment each (SQLite 3.40's FTS5 flushes
    /// at every statement savepoint). An import leaves its new cases' text to the end of its
    /// batch (`SQLiteSchema.indexDeferredText`, migration v7).
    static func insertNew(_ cases: [(kase: Case, ruling: Ruling)], db: any SQLSession, at: Instant) throws {
        try db.insertColumns(cases.map { StoredCaseRecord($0.kase, version: 1, ruling: $0.ruling, at: at) })
        try insertLists(of: cases.map(\.kase), db: db)
    }

    /// The cases' lists, one table after another, as many rows to a statement as fit; each row
    /// written as its record is made.
    private static func insertLists(of cases: [Case], db: any SQLSession) throws {
        try db.insertColumns(of: ChecklistItemRecord.self, rows: cases.count * ChecklistKey.all.count) { values in
            for kase in cases {
                kase.checklist.forEachRecorded { key, entry in
                    ChecklistItemRecord(orderID: kase.orderID, key: key, entry).writeColumns(to: &values)
                }
            }
        }
        try db.insertColumns(of: ContactRecord.self, rows: cases.reduce(0) { $0 + ($1.contacts?.count ?? 0) }) { values in
            for kase in cases {
                for (i, c) in (kase.contacts ?? []).enumerated() { ContactRecord(orderID: kase.orderID, seq: i, c).writeColumns(to: &values) }
            }
        }
        try db.insertColumns(of: TrackingEventRecord.self, rows: cases.reduce(0) { $0 + ($1.tracking?.count ?? 0) }) { values in
            for kase in cases {
                for (i, e) in (kase.tracking ?? []).enumerated() { TrackingEventRecord(orderID: kase.orderID, seq: i, e).writeColumns(to: &values) }
            }
        }
        try db.insertColumns(of: StallReplyRecord.self, rows: cases.reduce(0) { $0 + $1.stallReplies.count }) { values in
            for kase in cases {
                for (i, r) in kase.stallReplies.enumerated() { StallReplyRecord(orderID: kase.orderID, seq: i, r).writeColumns(to: &values) }
            }
        }
        try db.insertColumns(of: MessageRecord.self, rows: cases.reduce(0) { $0 + $1.messages.count }) { values in
            for kase in cases {
                for (i, m) in kase.messages.enumerated() { MessageRecord(orderID: kase.orderID, seq: i, m).writeColumns(to: &values) }
            }
        }
    }

    /// Which of these order ids the store holds a case for (one query).
    static func existing(_ orderIDs: [String], db: any SQLSession) throws -> Set<String> {
        guard !orderIDs.isEmpty else { return [] }
        let among = Array(repeating: "?", count: orderIDs.count).joined(separator: ", ")
        return Set(try db.rows("SELECT order_id FROM cases WHERE order_id IN (\(among))", orderIDs.map(SQLValue.text)).compactMap(\.firstText))
    }

    /// The tables of a case's lists, each keyed by (order_id, seq) or (order_id, item).
    private static let listTables = [ChecklistItemRecord.databaseTableName, ContactRecord.databaseTableName,
                                     TrackingEventRecord.databaseTableName, StallReplyRecord.databaseTableName,
                                     MessageRecord.databaseTableName]

    /// A case's row as stored: the imported facts (no marks) and what the store derived.
    struct Stored {
        var kase: Case
        var version: Int
        var outcome: Outcome
        var dueAt: Instant?
        /// When the stored suggestion may stop holding (nil: never).
        var refreshAt: Instant?
    }

    /// The imported case (no marks), or nil when there is none. `lock`: inside a write, lock
    /// the case's row first (PostgreSQL: concurrent writers to one case queue up here).
    static func read(_ orderID: String, db: any SQLSession, lock: SQLDialect? = nil) throws -> Stored? {
        try read([orderID], db: db, lock: lock)[orderID]
    }

    /// The imported cases with these order ids, by order id (ids with no case are absent): one
    /// query per table for them all, not one per case (a queue window's stale rows, a batch of
    /// re-evaluations).
    static func read(_ orderIDs: [String], db: any SQLSession, lock: SQLDialect? = nil) throws -> [String: Stored] {
        guard !orderIDs.isEmpty else { return [:] }
        let ids = orderIDs.map(SQLValue.text)
        let among = "order_id IN (" + Array(repeating: "?", count: ids.count).joined(separator: ", ") + ")"
        let rows: [StoredCaseRecord] = try db.columnRecords("SELECT * FROM cases WHERE \(among)\(lock?.lockRow ?? "")", ids)
        guard !rows.isEmpty else { return [:] }  // an import's new case: one query, not six
        var cases: [String: Case] = [:]
        // One case (opening it, writing to it): its lists go straight to it, not through the
        // dictionary by order id (two lookups a list row: a tenth of opening a case).
        var single = rows.count == 1 ? rows[0].kase : nil
        if single == nil { for row in rows { cases[row.orderID] = row.kase } }
        func each<R: CaseListRecord>(_ table: String, _ apply: (inout Case, R) -> Void) throws {
            let records: [R] = try db.columnRecords("SELECT * FROM \(table) WHERE \(among) ORDER BY order_id\(table == "checklist_items" ? "" : ", seq")", ids)
            if single != nil {
                for r in records where r.orderID == rows[0].orderID { apply(&single!, r) }
                return
            }
            for r in records {
                guard cases[r.orderID] != nil else { continue }
                apply(&cases[r.orderID]!, r)
            }
        }
        try each("checklist_items") { (k, r: ChecklistItemRecord) in if let (key, entry) = r.entry { k.checklist[key] = entry } }
        try each("contacts") { (k, r: ContactRecord) in k.contacts?.append(r.contact) }
        try each("tracking_events") { (k, r: TrackingEventRecord) in k.tracking?.append(r.event) }
        try each("stall_replies") { (k, r: StallReplyRecord) in k.stallReplies.append(r.reply) }
        try each("messages") { (k, r: MessageRecord) in k.messages.append(r.message) }
        if let single { cases[rows[0].orderID] = single }
        var out: [String: Stored] = [:]
        for row in rows {
            out[row.orderID] = Stored(kase: cases[row.orderID]!, version: row.version, outcome: Outcome(rawValue: row.suggestedOutcome) ?? .monitor,
                                      dueAt: instant(row.dueAt), refreshAt: instant(row.refreshAt))
        }
        return out
    }
}

/// Merging a newer export into what is stored: new facts win where they are known, lists are
/// united (by instant and content), so nothing an earlier export brought is lost.
enum CaseMerge {
    static func merge(stored: Case, incoming: Case) -> Case {
        var m = incoming
        m.itemKind = incoming.itemKind ?? stored.itemKind
        m.title = incoming.title ?? stored.title
        m.buyer = incoming.buyer ?? stored.buyer
        m.merchant = incoming.merchant ?? stored.merchant
        m.buyerFirstReplyAt = incoming.buyerFirstReplyAt ?? stored.buyerFirstReplyAt
        m.cancellation = incoming.cancellation ?? stored.cancellation
        m.agreement = incoming.agreement ?? stored.agreement
        m.shipment = Shipment(shippedAt: incoming.shipment.shippedAt ?? stored.shipment.shippedAt,
                              firstScanAt: incoming.shipment.firstScanAt ?? stored.shipment.firstScanAt,
                              carrier: incoming.shipment.carrier ?? stored.shipment.carrier,
                              waybill: incoming.shipment.waybill ?? stored.shipment.waybill)
        m.delivery = Delivery(offeredAt: incoming.delivery.offeredAt ?? stored.delivery.offeredAt,
                              signedAt: incoming.delivery.signedAt ?? stored.delivery.signedAt,
                              refusedAt: incoming.delivery.refusedAt ?? stored.delivery.refusedAt)
        m.claim = incoming.claim ?? stored.claim
        for key in ChecklistKey.all where !incoming.checklist.isRecorded(key) && stored.checklist.isRecorded(key) {
            m.checklist[key] = stored.checklist[key]
        }
        m.contacts = unite(stored.contacts, incoming.contacts)
        // New scans are put in time order among the stored ones; with none new the stored order
        // stands (an export listing scans newest first, re-imported, changed nothing).
        let tracking = unite(stored.tracking, incoming.tracking)
        m.tracking = tracking?.count == stored.tracking?.count ? stored.tracking : tracking?.sorted { $0.at < $1.at }
        m.stallReplies = unite(stored.stallReplies, incoming.stallReplies) ?? []
        m.messages = unite(stored.messages, incoming.messages) ?? []
        return m
    }

    private static func unite<T: Hashable>(_ a: [T]?, _ b: [T]?) -> [T]? {
        guard let a else { return b }
        guard let b else { return a }
        var seen = Set(a)
        var out = a
        for x in b where seen.insert(x).inserted { out.append(x) }
        return out
    }
}
