import Foundation
import GRDB
import PetDeskRules

/// Maps a `Case` to its rows and back. The only place that knows the fact tables' columns.
enum CaseRows {
    static func int(_ i: Instant?) -> Int64? { i?.secondsSinceEpoch }
    static func instant(_ v: Int64?) -> Instant? { v.map { Instant(secondsSinceEpoch: $0) } }

    /// Replaces every fact row of `kase` (the `cases` row is upserted; child rows rewritten).
    static func write(_ kase: Case, version: Int, verdict: Verdict, db: Database, at: Instant, isNew: Bool = false) throws {
        let categoryJSON = JSONWriter.string(.array(kase.categoryPath.map { .value(.string($0)) }), pretty: false)
        var agreementKind: String?, agreementValue: String?
        if let period = kase.agreement?.period {
            agreementKind = period.kind.rawValue
            agreementValue = period.valueText
        }
        let values: [(String, (any DatabaseValueConvertible)?)] = [
            ("order_id", kase.orderID), ("version", version), ("category_path", categoryJSON),
            ("item_kind", kase.itemKind?.rawValue), ("title", kase.title), ("buyer", kase.buyer), ("merchant", kase.merchant),
            ("total_fen", kase.totalAmount.fen), ("paid_at", kase.paidAt.secondsSinceEpoch),
            ("contacts_known", kase.contacts == nil ? 0 : 1), ("buyer_first_reply_at", int(kase.buyerFirstReplyAt)),
            ("has_cancellation", kase.cancellation == nil ? 0 : 1),
            ("cancel_requested_at", int(kase.cancellation?.requestedAt)), ("cancel_consent_at", int(kase.cancellation?.consentAt)),
            ("cancel_consent_channel", kase.cancellation?.consentChannel?.rawValue),
            ("agreement_kind", agreementKind), ("agreement_value", agreementValue),
            ("agreement_agreed_at", int(kase.agreement?.agreedAt)), ("agreement_channel", kase.agreement?.channel?.rawValue),
            ("shipped_at", int(kase.shipment.shippedAt)), ("first_scan_at", int(kase.shipment.firstScanAt)),
            ("carrier", kase.shipment.carrier), ("waybill", kase.shipment.waybill),
            ("tracking_known", kase.tracking == nil ? 0 : 1),
            ("offered_at", int(kase.delivery.offeredAt)), ("signed_at", int(kase.delivery.signedAt)),
            ("refused_at", int(kase.delivery.refusedAt)),
            ("claim_type", kase.claim?.type.rawValue), ("claim_at", int(kase.claim?.at)), ("claim_reason", kase.claim?.reason),
            ("claim_item", kase.claim?.item?.rawValue), ("claim_actual", kase.claim?.actual),
            ("suggested_outcome", verdict.outcome.rawValue), ("due_at", int(verdict.urgencyDeadline)),
            ("refresh_at", int(verdict.reviewAt)), ("urgency_rank", verdict.urgency(isDecided: false).rank.rawValue),
            ("due_timer", verdict.urgentTimer?.kind.rawValue),
            ("updated_at", at.secondsSinceEpoch),
        ]
        let columns = values.map(\.0)
        let updates = columns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        try db.cachedStatement(
            sql: "INSERT INTO cases (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", "))) "
                + (isNew ? "" : "ON CONFLICT(order_id) DO UPDATE SET \(updates)"))
            .execute(arguments: StatementArguments(values.map { $0.1?.databaseValue ?? .null }))
        for table in ["checklist_items", "contacts", "tracking_events", "stall_replies", "messages"] where !isNew {
            try db.cachedStatement(sql: "DELETE FROM \(table) WHERE order_id = ?").execute(arguments: [kase.orderID])
        }
        for key in ChecklistKey.all where kase.checklist.isRecorded(key) {
            let e = kase.checklist[key]
            try db.cachedStatement(sql: "INSERT INTO checklist_items VALUES (?, ?, ?, ?, ?, ?, ?, ?)").execute(arguments: [kase.orderID, key.rawValue, e.status.rawValue, int(e.at), e.kind?.rawValue, e.value, e.note, e.channel?.rawValue])
        }
        for (i, c) in (kase.contacts ?? []).enumerated() {
            try db.cachedStatement(sql: "INSERT INTO contacts VALUES (?, ?, ?, ?)").execute(arguments: [kase.orderID, i, c.at.secondsSinceEpoch, c.channel?.rawValue])
        }
        for (i, e) in (kase.tracking ?? []).enumerated() {
            try db.cachedStatement(sql: "INSERT INTO tracking_events VALUES (?, ?, ?, ?)").execute(arguments: [kase.orderID, i, e.at.secondsSinceEpoch, e.text])
        }
        for (i, r) in kase.stallReplies.enumerated() {
            try db.cachedStatement(sql: "INSERT INTO stall_replies VALUES (?, ?, ?, ?, ?, ?)").execute(arguments: [kase.orderID, i, r.at.secondsSinceEpoch, r.reason, r.courierResult, r.channel?.rawValue])
        }
        for (i, m) in kase.messages.enumerated() {
            try db.cachedStatement(sql: "INSERT INTO messages VALUES (?, ?, ?, ?, ?)").execute(arguments: [kase.orderID, i, int(m.at), m.from, m.text])
        }
    }

    /// The imported case (no marks), or nil when there is none.
    static func read(_ orderID: String, db: Database) throws -> (kase: Case, version: Int, outcome: Outcome, dueAt: Instant?)? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM cases WHERE order_id = ?"), arguments: [orderID]) else { return nil }
        let categoryText: String = row["category_path"]
        var category: [String] = []
        var parser = JSONParser(bytes: Array(categoryText.utf8))
        if case .array(let items) = (try? parser.parseValue())?.value {
            category = items.compactMap { if case .string(let s) = $0.value { s } else { nil } }
        }
        var k = Case(orderID: row["order_id"], categoryPath: category, totalAmount: Amount(fen: row["total_fen"]),
                     paidAt: Instant(secondsSinceEpoch: row["paid_at"]))
        k.itemKind = (row["item_kind"] as String?).flatMap(ItemKind.init(rawValue:))
        k.title = row["title"]
        k.buyer = row["buyer"]
        k.merchant = row["merchant"]
        k.buyerFirstReplyAt = instant(row["buyer_first_reply_at"])
        if (row["has_cancellation"] as Int) == 1 {
            k.cancellation = Cancellation(requestedAt: instant(row["cancel_requested_at"]), consentAt: instant(row["cancel_consent_at"]),
                                          consentChannel: (row["cancel_consent_channel"] as String?).flatMap(Channel.init(rawValue:)))
        }
        if let kind = row["agreement_kind"] as String?, let value = row["agreement_value"] as String? {
            let period: AgreedPeriod? = switch kind {
            case "days": Int(value).map { .days($0) }
            case "hours": AgreedPeriod.hours(decimalText: value)
            default: PlatformTime.parseDate(value).map { .date($0) }
            }
            if let period {
                k.agreement = Agreement(period: period, agreedAt: instant(row["agreement_agreed_at"]),
                                        channel: (row["agreement_channel"] as String?).flatMap(Channel.init(rawValue:)))
            }
        }
        k.shipment = Shipment(shippedAt: instant(row["shipped_at"]), firstScanAt: instant(row["first_scan_at"]),
                              carrier: row["carrier"], waybill: row["waybill"])
        k.delivery = Delivery(offeredAt: instant(row["offered_at"]), signedAt: instant(row["signed_at"]), refusedAt: instant(row["refused_at"]))
        if let type = (row["claim_type"] as String?).flatMap(ClaimType.init(rawValue:)) {
            k.claim = Claim(type: type, at: instant(row["claim_at"]), reason: row["claim_reason"],
                            item: (row["claim_item"] as String?).flatMap(ChecklistKey.init(rawValue:)), actual: row["claim_actual"])
        }
        for r in try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM checklist_items WHERE order_id = ?"), arguments: [orderID]) {
            guard let key = ChecklistKey(rawValue: r["item"]) else { continue }
            k.checklist[key] = ChecklistEntry(
                status: ItemStatus(rawValue: r["status"]) ?? .unknown, at: instant(r["at"]),
                kind: (r["kind"] as String?).flatMap(IdentityKind.init(rawValue:)), value: r["value"], note: r["note"],
                channel: (r["channel"] as String?).flatMap(Channel.init(rawValue:)))
        }
        if (row["contacts_known"] as Int) == 1 {
            k.contacts = try Row.fetchAll(db.cachedStatement(sql: "SELECT at, channel FROM contacts WHERE order_id = ? ORDER BY seq"), arguments: [orderID])
                .map { Contact(at: Instant(secondsSinceEpoch: $0["at"]), channel: ($0["channel"] as String?).flatMap(Channel.init(rawValue:))) }
        }
        if (row["tracking_known"] as Int) == 1 {
            k.tracking = try Row.fetchAll(db.cachedStatement(sql: "SELECT at, text FROM tracking_events WHERE order_id = ? ORDER BY seq"), arguments: [orderID])
                .map { TrackingEvent(at: Instant(secondsSinceEpoch: $0["at"]), text: $0["text"]) }
        }
        k.stallReplies = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM stall_replies WHERE order_id = ? ORDER BY seq"), arguments: [orderID])
            .map { StallReply(at: Instant(secondsSinceEpoch: $0["at"]), reason: $0["reason"], courierResult: $0["courier_result"],
                              channel: ($0["channel"] as String?).flatMap(Channel.init(rawValue:))) }
        k.messages = try Row.fetchAll(db.cachedStatement(sql: "SELECT at, sender, text FROM messages WHERE order_id = ? ORDER BY seq"), arguments: [orderID])
            .map { Message(at: instant($0["at"]), from: $0["sender"], text: $0["text"]) }
        return (k, row["version"], Outcome(rawValue: row["suggested_outcome"]) ?? .monitor, instant(row["due_at"]))
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
