import GRDB
import PetDeskRules

/// A `cases` row: a case's imported facts flattened (instants as seconds since the epoch, enums
/// as their case-format text, nil as NULL) and what the store derived from its verdict.
struct StoredCaseRecord: ColumnRecord {
    static let databaseTableName = "cases"

    var orderID: String
    /// Bumped by every write; a mark names the version it was made on.
    var version: Int
    /// The category levels as a JSON array of strings.
    var categoryPath: String
    var itemKind: String?
    var title: String?
    var buyer: String?
    var merchant: String?
    var totalFen: Int64
    var paidAt: Int64
    /// 1 when the export listed the merchant's contacts (even none), 0 when it said nothing.
    var contactsKnown: Int
    var buyerFirstReplyAt: Int64?
    /// 1 when there is a cancellation request (its instants may still be unknown).
    var hasCancellation: Int
    var cancelRequestedAt: Int64?
    var cancelConsentAt: Int64?
    var cancelConsentChannel: String?
    /// `days`, `hours` or `date`; nil: no agreement.
    var agreementKind: String?
    /// The agreed period as case-file text (`AgreedPeriod.valueText`).
    var agreementValue: String?
    var agreementAgreedAt: Int64?
    var agreementChannel: String?
    var shippedAt: Int64?
    var firstScanAt: Int64?
    var carrier: String?
    var waybill: String?
    /// 1 when the export carried tracking (even no scans), 0 when it said nothing.
    var trackingKnown: Int
    var offeredAt: Int64?
    var signedAt: Int64?
    var refusedAt: Int64?
    var claimType: String?
    var claimAt: Int64?
    var claimReason: String?
    var claimItem: String?
    var claimActual: String?
    /// The outcome the rules suggested when the row was written.
    var suggestedOutcome: String
    /// The deadline the queue sorts by (nil: nothing is running).
    var dueAt: Int64?
    /// When that suggestion may stop holding and the row must be evaluated again (nil: never).
    var refreshAt: Int64?
    /// The queue's urgency band (`UrgencyRank`), highest first.
    var urgencyRank: Int
    /// The timer behind `dueAt` (`TimerKind`).
    var dueTimer: String?
    /// When the row was written, seconds since the epoch.
    var updatedAt: Int64
    /// The columns, named as in SQL.
    enum CodingKeys: String, CodingKey, CaseIterable { case orderID = "order_id", version, categoryPath = "category_path", itemKind = "item_kind", title, buyer, merchant, totalFen = "total_fen", paidAt = "paid_at", contactsKnown = "contacts_known", buyerFirstReplyAt = "buyer_first_reply_at", hasCancellation = "has_cancellation", cancelRequestedAt = "cancel_requested_at", cancelConsentAt = "cancel_consent_at", cancelConsentChannel = "cancel_consent_channel", agreementKind = "agreement_kind", agreementValue = "agreement_value", agreementAgreedAt = "agreement_agreed_at", agreementChannel = "agreement_channel", shippedAt = "shipped_at", firstScanAt = "first_scan_at", carrier, waybill, trackingKnown = "tracking_known", offeredAt = "offered_at", signedAt = "signed_at", refusedAt = "refused_at", claimType = "claim_type", claimAt = "claim_at", claimReason = "claim_reason", claimItem = "claim_item", claimActual = "claim_actual", suggestedOutcome = "suggested_outcome", dueAt = "due_at", refreshAt = "refresh_at", urgencyRank = "urgency_rank", dueTimer = "due_timer", updatedAt = "updated_at" }
}

extension StoredCaseRecord {
    static let columnNames = CodingKeys.allCases.map(\.stringValue)

    /// The row read straight from its columns, in its `CodingKeys`' order.
    init(reading r: inout ColumnReader) throws {
        orderID = try r.text(); version = try r.int(); categoryPath = try r.text(); itemKind = try r.optionalText()
        title = try r.optionalText(); buyer = try r.optionalText(); merchant = try r.optionalText()
        totalFen = try r.int64(); paidAt = try r.int64(); contactsKnown = try r.int(); buyerFirstReplyAt = try r.optionalInt64()
        hasCancellation = try r.int(); cancelRequestedAt = try r.optionalInt64(); cancelConsentAt = try r.optionalInt64()
        cancelConsentChannel = try r.optionalText(); agreementKind = try r.optionalText(); agreementValue = try r.optionalText()
        agreementAgreedAt = try r.optionalInt64(); agreementChannel = try r.optionalText()
        shippedAt = try r.optionalInt64(); firstScanAt = try r.optionalInt64(); carrier = try r.optionalText(); waybill = try r.optionalText()
        trackingKnown = try r.int(); offeredAt = try r.optionalInt64(); signedAt = try r.optionalInt64(); refusedAt = try r.optionalInt64()
        claimType = try r.optionalText(); claimAt = try r.optionalInt64(); claimReason = try r.optionalText()
        claimItem = try r.optionalText(); claimActual = try r.optionalText()
        suggestedOutcome = try r.text(); dueAt = try r.optionalInt64(); refreshAt = try r.optionalInt64()
        urgencyRank = try r.int(); dueTimer = try r.optionalText(); updatedAt = try r.int64()
    }

    func writeColumns(to v: inout [SQLValue]) {
        v.append(.text(orderID)); v.append(.int(Int64(version))); v.append(.text(categoryPath)); v.append(SQLValue(itemKind))
        v.append(SQLValue(title)); v.append(SQLValue(buyer)); v.append(SQLValue(merchant)); v.append(.int(totalFen))
        v.append(.int(paidAt)); v.append(.int(Int64(contactsKnown))); v.append(SQLValue(buyerFirstReplyAt)); v.append(.int(Int64(hasCancellation)))
        v.append(SQLValue(cancelRequestedAt)); v.append(SQLValue(cancelConsentAt)); v.append(SQLValue(cancelConsentChannel)); v.append(SQLValue(agreementKind))
        v.append(SQLValue(agreementValue)); v.append(SQLValue(agreementAgreedAt)); v.append(SQLValue(agreementChannel)); v.append(SQLValue(shippedAt))
        v.append(SQLValue(firstScanAt)); v.append(SQLValue(carrier)); v.append(SQLValue(waybill)); v.append(.int(Int64(trackingKnown)))
        v.append(SQLValue(offeredAt)); v.append(SQLValue(signedAt)); v.append(SQLValue(refusedAt)); v.append(SQLValue(claimType))
        v.append(SQLValue(claimAt)); v.append(SQLValue(claimReason)); v.append(SQLValue(claimItem)); v.append(SQLValue(claimActual))
        v.append(.text(suggestedOutcome)); v.append(SQLValue(dueAt)); v.append(SQLValue(refreshAt)); v.append(.int(Int64(urgencyRank)))
        v.append(SQLValue(dueTimer)); v.append(.int(updatedAt))
    }

    /// The row for `kase` at `version`, with what `ruling` (the rules' at `at`) says of it.
    init(_ kase: Case, version: Int, ruling: Ruling, at: Instant) {
        let period = kase.agreement?.period
        self.init(
            orderID: kase.orderID, version: version,
            categoryPath: CategoryPath.text(kase.categoryPath),
            itemKind: kase.itemKind?.rawValue, title: kase.title, buyer: kase.buyer, merchant: kase.merchant,
            totalFen: kase.totalAmount.fen, paidAt: kase.paidAt.secondsSinceEpoch,
            contactsKnown: kase.contacts == nil ? 0 : 1, buyerFirstReplyAt: kase.buyerFirstReplyAt?.secondsSinceEpoch,
            hasCancellation: kase.cancellation == nil ? 0 : 1,
            cancelRequestedAt: kase.cancellation?.requestedAt?.secondsSinceEpoch,
            cancelConsentAt: kase.cancellation?.consentAt?.secondsSinceEpoch,
            cancelConsentChannel: kase.cancellation?.consentChannel?.rawValue,
            agreementKind: period?.kind.rawValue, agreementValue: period?.valueText,
            agreementAgreedAt: kase.agreement?.agreedAt?.secondsSinceEpoch, agreementChannel: kase.agreement?.channel?.rawValue,
            shippedAt: kase.shipment.shippedAt?.secondsSinceEpoch, firstScanAt: kase.shipment.firstScanAt?.secondsSinceEpoch,
            carrier: kase.shipment.carrier, waybill: kase.shipment.waybill,
            trackingKnown: kase.tracking == nil ? 0 : 1,
            offeredAt: kase.delivery.offeredAt?.secondsSinceEpoch, signedAt: kase.delivery.signedAt?.secondsSinceEpoch,
            refusedAt: kase.delivery.refusedAt?.secondsSinceEpoch,
            claimType: kase.claim?.type.rawValue, claimAt: kase.claim?.at?.secondsSinceEpoch, claimReason: kase.claim?.reason,
            claimItem: kase.claim?.item?.rawValue, claimActual: kase.claim?.actual,
            suggestedOutcome: ruling.outcome.rawValue, dueAt: ruling.urgencyDeadline?.secondsSinceEpoch,
            refreshAt: ruling.reviewAt?.secondsSinceEpoch, urgencyRank: ruling.urgency(isDecided: false).rank.rawValue,
            dueTimer: ruling.urgentTimer?.kind.rawValue, updatedAt: at.secondsSinceEpoch)
    }

    /// The case this row holds, without its lists (they are rows of their own tables).
    var kase: Case {
        var k = Case(orderID: orderID, categoryPath: CategoryPath.decode(categoryPath), totalAmount: Amount(fen: totalFen), paidAt: Instant(secondsSinceEpoch: paidAt))
        k.itemKind = itemKind.flatMap(ItemKind.init(rawValue:))
        k.title = title
        k.buyer = buyer
        k.merchant = merchant
        k.buyerFirstReplyAt = instant(buyerFirstReplyAt)
        if hasCancellation == 1 {
            k.cancellation = Cancellation(requestedAt: instant(cancelRequestedAt), consentAt: instant(cancelConsentAt),
                                          consentChannel: cancelConsentChannel.flatMap(Channel.init(rawValue:)))
        }
        if let agreementKind, let agreementValue {
            let period: AgreedPeriod? = switch agreementKind {
            case "days": Int(agreementValue).map { .days($0) }
            case "hours": AgreedPeriod.hours(decimalText: agreementValue)
            default: PlatformTime.parseDate(agreementValue).map { .date($0) }
            }
            if let period {
                k.agreement = Agreement(period: period, agreedAt: instant(agreementAgreedAt),
                                        channel: agreementChannel.flatMap(Channel.init(rawValue:)))
            }
        }
        k.shipment = Shipment(shippedAt: instant(shippedAt), firstScanAt: instant(firstScanAt), carrier: carrier, waybill: waybill)
        k.delivery = Delivery(offeredAt: instant(offeredAt), signedAt: instant(signedAt), refusedAt: instant(refusedAt))
        if let type = claimType.flatMap(ClaimType.init(rawValue:)) {
            k.claim = Claim(type: type, at: instant(claimAt), reason: claimReason,
                            item: claimItem.flatMap(ChecklistKey.init(rawValue:)), actual: claimActual)
        }
        if contactsKnown == 1 { k.contacts = [] }
        if trackingKnown == 1 { k.tracking = [] }
        return k
    }
}

/// Seconds since the epoch as an instant; nil stays nil.
func instant(_ seconds: Int64?) -> Instant? { seconds.map { Instant(secondsSinceEpoch: $0) } }
