import Foundation
import PetDeskRules

/// Maps a `Case` to its rows and back. The only place that knows the fact tables' columns.
enum CaseRows {

    /// Replaces every fact row of `kase` (the `cases` row is upserted; child rows rewritten).
    static func write(_ kase: Case, version: Int, verdict: Verdict, db: any SQLSession, at: Instant, isNew: Bool = false) throws {
        let categoryJSON = JSONWriter.string(.array(kase.categoryPath.map { .value(.string($0)) }), pretty: false)
        var agreementKind: String?, agreementValue: String?
        if let period = kase.agreement?.period {
            agreementKind = period.kind.rawValue
            agreementValue = period.valueText
        }
        let values: [(String, SQLValue)] = [
            ("order_id", SQLValue(kase.orderID)), ("version", SQLValue(version)), ("category_path", SQLValue(categoryJSON)),
            ("item_kind", SQLValue(kase.itemKind?.rawValue)), ("title", SQLValue(kase.title)), ("buyer", SQLValue(kase.buyer)), ("merchant", SQLValue(kase.merchant)),
            ("total_fen", SQLValue(kase.totalAmount.fen)), ("paid_at", SQLValue(kase.paidAt.secondsSinceEpoch)),
            ("contacts_known", SQLValue(kase.contacts == nil ? 0 : 1)), ("buyer_first_reply_at", SQLValue(kase.buyerFirstReplyAt)),
            ("has_cancellation", SQLValue(kase.cancellation == nil ? 0 : 1)),
            ("cancel_requested_at", SQLValue(kase.cancellation?.requestedAt)), ("cancel_consent_at", SQLValue(kase.cancellation?.consentAt)),
            ("cancel_consent_channel", SQLValue(kase.cancellation?.consentChannel?.rawValue)),
            ("agreement_kind", SQLValue(agreementKind)), ("agreement_value", SQLValue(agreementValue)),
            ("agreement_agreed_at", SQLValue(kase.agreement?.agreedAt)), ("agreement_channel", SQLValue(kase.agreement?.channel?.rawValue)),
            ("shipped_at", SQLValue(kase.shipment.shippedAt)), ("first_scan_at", SQLValue(kase.shipment.firstScanAt)),
            ("carrier", SQLValue(kase.shipment.carrier)), ("waybill", SQLValue(kase.shipment.waybill)),
            ("tracking_known", SQLValue(kase.tracking == nil ? 0 : 1)),
            ("offered_at", SQLValue(kase.delivery.offeredAt)), ("signed_at", SQLValue(kase.delivery.signedAt)),
            ("refused_at", SQLValue(kase.delivery.refusedAt)),
            ("claim_type", SQLValue(kase.claim?.type.rawValue)), ("claim_at", SQLValue(kase.claim?.at)), ("claim_reason", SQLValue(kase.claim?.reason)),
            ("claim_item", SQLValue(kase.claim?.item?.rawValue)), ("claim_actual", SQLValue(kase.claim?.actual)),
            ("suggested_outcome", SQLValue(verdict.outcome.rawValue)), ("due_at", SQLValue(verdict.urgencyDeadline)),
            ("refresh_at", SQLValue(verdict.reviewAt)), ("urgency_rank", SQLValue(verdict.urgency(isDecided: false).rank.rawValue)),
            ("due_timer", SQLValue(verdict.urgentTimer?.kind.rawValue)),
            ("updated_at", SQLValue(at.secondsSinceEpoch)),
        ]
        assert(values.map(\.0) == caseColumns, "the values must follow caseColumns")
        try db.execute(isNew ? insertCase : upsertCase, values.map(\.1))
        for table in ["checklist_items", "contacts", "tracking_events", "stall_replies", "messages"] where !isNew {
            try db.execute("DELETE FROM \(table) WHERE order_id = ?", [.text(kase.orderID)])
        }
        let id = SQLValue.text(kase.orderID)
        try insertRows(db, "checklist_items", columns: 8, ChecklistKey.all.filter { kase.checklist.isRecorded($0) }.map { key in
            let e = kase.checklist[key]
            return [id, .text(key.rawValue), .text(e.status.rawValue), SQLValue(e.at), SQLValue(e.kind?.rawValue),
                    SQLValue(e.value), SQLValue(e.note), SQLValue(e.channel?.rawValue)]
        })
        try insertRows(db, "contacts", columns: 4, (kase.contacts ?? []).enumerated().map { i, c in
            [id, SQLValue(i), SQLValue(c.at), SQLValue(c.channel?.rawValue)]
        })
        try insertRows(db, "tracking_events", columns: 4, (kase.tracking ?? []).enumerated().map { i, e in
            [id, SQLValue(i), SQLValue(e.at), .text(e.text)]
        })
        try insertRows(db, "stall_replies", columns: 6, kase.stallReplies.enumerated().map { i, r in
            [id, SQLValue(i), SQLValue(r.at), SQLValue(r.reason), SQLValue(r.courierResult), SQLValue(r.channel?.rawValue)]
        })
        try insertRows(db, "messages", columns: 5, kase.messages.enumerated().map { i, m in
            [id, SQLValue(i), SQLValue(m.at), .text(m.from), .text(m.text)]
        })
    }

    /// The columns of `cases` a write sets, in the order `write` lists their values.
    private static let caseColumns = [
        "order_id", "version", "category_path", "item_kind", "title", "buyer", "merchant", "total_fen", "paid_at", "contacts_known",
        "buyer_first_reply_at", "has_cancellation", "cancel_requested_at", "cancel_consent_at", "cancel_consent_channel",
        "agreement_kind", "agreement_value", "agreement_agreed_at", "agreement_channel", "shipped_at", "first_scan_at", "carrier",
        "waybill", "tracking_known", "offered_at", "signed_at", "refused_at", "claim_type", "claim_at", "claim_reason", "claim_item",
        "claim_actual", "suggested_outcome", "due_at", "refresh_at", "urgency_rank", "due_timer", "updated_at",
    ]
    private static let insertCase = "INSERT INTO cases (\(caseColumns.joined(separator: ", "))) VALUES (\(caseColumns.map { _ in "?" }.joined(separator: ", ")))"
    private static let upsertCase = insertCase + " ON CONFLICT(order_id) DO UPDATE SET "
        + caseColumns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")

    /// Rows of a case's list in as few statements as fit (one per `rowsPerStatement`): a case's
    /// sixteen checklist items were sixteen statements, each its own trip through the engine.
    private static func insertRows(_ db: any SQLSession, _ table: String, columns: Int, _ rows: [[SQLValue]]) throws {
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(rows.count, start + rowsPerStatement)]
            let tuple = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
            try db.execute("INSERT INTO \(table) VALUES " + Array(repeating: tuple, count: chunk.count).joined(separator: ", "),
                           chunk.flatMap { $0 })
            start += chunk.count
        }
    }

    /// Rows per multi-row INSERT: a checklist in one, well inside SQLite's bound-parameter limit.
    private static let rowsPerStatement = 32

    /// A case's row as stored: the imported facts (no marks) and what the store derived.
    struct Stored {
        var kase: Case
        var version: Int
        var outcome: Outcome
        var dueAt: Instant?
        /// When the stored suggestion may stop holding (nil: never).
        var refreshAt: Instant?
    }

    /// Every list of a case in one query (one round trip on a server): `kind` says which, `n`
    /// orders it, `a`…`f` are the list's own columns (text) and `at` its instant.
    private static let listsQuery = """
        SELECT 0 AS kind, seq AS n, at, channel AS a, NULL AS b, NULL AS c, NULL AS d, NULL AS e, NULL AS f
          FROM contacts WHERE order_id = ?1
        UNION ALL SELECT 1, seq, at, text, NULL, NULL, NULL, NULL, NULL FROM tracking_events WHERE order_id = ?1
        UNION ALL SELECT 2, seq, at, reason, courier_result, channel, NULL, NULL, NULL FROM stall_replies WHERE order_id = ?1
        UNION ALL SELECT 3, seq, at, sender, text, NULL, NULL, NULL, NULL FROM messages WHERE order_id = ?1
        UNION ALL SELECT 4, 0, at, item, status, kind, value, note, channel FROM checklist_items WHERE order_id = ?1
        ORDER BY 1, 2
        """

    /// The imported case (no marks), or nil when there is none. `lock`: inside a write, lock
    /// the case's row first (PostgreSQL: concurrent writers to one case queue up here).
    static func read(_ orderID: String, db: any SQLSession, lock: SQLDialect? = nil) throws -> Stored? {
        let id: [SQLValue] = [.text(orderID)]
        guard let row = try db.row("SELECT * FROM cases WHERE order_id = ?\(lock?.lockRow ?? "")", id) else { return nil }
        var category: [String] = []
        var parser = JSONParser(bytes: Array((row.text("category_path") ?? "[]").utf8))
        if case .array(let items) = (try? parser.parseValue())?.value {
            category = items.compactMap { if case .string(let s) = $0.value { s } else { nil } }
        }
        var k = Case(orderID: orderID, categoryPath: category, totalAmount: Amount(fen: row.int("total_fen") ?? 0),
                     paidAt: row.instant("paid_at") ?? Instant(secondsSinceEpoch: 0))
        k.itemKind = row.text("item_kind").flatMap(ItemKind.init(rawValue:))
        k.title = row.text("title")
        k.buyer = row.text("buyer")
        k.merchant = row.text("merchant")
        k.buyerFirstReplyAt = row.instant("buyer_first_reply_at")
        if row.int("has_cancellation") == 1 {
            k.cancellation = Cancellation(requestedAt: row.instant("cancel_requested_at"), consentAt: row.instant("cancel_consent_at"),
                                          consentChannel: row.text("cancel_consent_channel").flatMap(Channel.init(rawValue:)))
        }
        if let kind = row.text("agreement_kind"), let value = row.text("agreement_value") {
            let period: AgreedPeriod? = switch kind {
            case "days": Int(value).map { .days($0) }
            case "hours": AgreedPeriod.hours(decimalText: value)
            default: PlatformTime.parseDate(value).map { .date($0) }
            }
            if let period {
                k.agreement = Agreement(period: period, agreedAt: row.instant("agreement_agreed_at"),
                                        channel: row.text("agreement_channel").flatMap(Channel.init(rawValue:)))
            }
        }
        k.shipment = Shipment(shippedAt: row.instant("shipped_at"), firstScanAt: row.instant("first_scan_at"),
                              carrier: row.text("carrier"), waybill: row.text("waybill"))
        k.delivery = Delivery(offeredAt: row.instant("offered_at"), signedAt: row.instant("signed_at"), refusedAt: row.instant("refused_at"))
        if let type = row.text("claim_type").flatMap(ClaimType.init(rawValue:)) {
            k.claim = Claim(type: type, at: row.instant("claim_at"), reason: row.text("claim_reason"),
                            item: row.text("claim_item").flatMap(ChecklistKey.init(rawValue:)), actual: row.text("claim_actual"))
        }
        var contacts: [Contact] = [], tracking: [TrackingEvent] = []
        for r in try db.rows(listsQuery, id) {
            let at = r.instant("at")
            switch r.int("kind") {
            case 0: contacts.append(Contact(at: at ?? Instant(secondsSinceEpoch: 0), channel: r.text("a").flatMap(Channel.init(rawValue:))))
            case 1: tracking.append(TrackingEvent(at: at ?? Instant(secondsSinceEpoch: 0), text: r.text("a") ?? ""))
            case 2: k.stallReplies.append(StallReply(at: at ?? Instant(secondsSinceEpoch: 0), reason: r.text("a"), courierResult: r.text("b"),
                                                     channel: r.text("c").flatMap(Channel.init(rawValue:))))
            case 3: k.messages.append(Message(at: at, from: r.text("a") ?? "", text: r.text("b") ?? ""))
            default:
                guard let key = r.text("a").flatMap(ChecklistKey.init(rawValue:)) else { continue }
                k.checklist[key] = ChecklistEntry(
                    status: r.text("b").flatMap(ItemStatus.init(rawValue:)) ?? .unknown, at: at,
                    kind: r.text("c").flatMap(IdentityKind.init(rawValue:)), value: r.text("d"), note: r.text("e"),
                    channel: r.text("f").flatMap(Channel.init(rawValue:)))
            }
        }
        if row.int("contacts_known") == 1 { k.contacts = contacts }
        if row.int("tracking_known") == 1 { k.tracking = tracking }
        return Stored(kase: k, version: Int(row.int("version") ?? 1), outcome: row.text("suggested_outcome").flatMap(Outcome.init(rawValue:)) ?? .monitor,
                      dueAt: row.instant("due_at"), refreshAt: row.instant("refresh_at"))
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
        m.tracking = unite(stored.tracking, incoming.tracking)?.sorted { $0.at < $1.at }
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
