import Foundation

/// What was really sold (case format `item_kind`).
public enum ItemKind: String, Sendable, CaseIterable {
    /// A live pet.
    case livePet = "live_pet"
    /// Animal seedlings (chicks, fry…), level-3 category 动物种苗.
    case animalSeedling = "animal_seedling"
    /// Anything else.
    case other
}

/// The kind of claim a buyer made (case format `claim.type`).
public enum ClaimType: String, Sendable, CaseIterable {
    case refuse
    case returnRefund = "return_refund"
    case refundOnly = "refund_only"
    case noReasonReturn = "no_reason_return"
    case mismatch, doa, illness
    case lateShipment = "late_shipment"

    /// Whether the claim is about the pet's condition (standard §5 step 4).
    public var isAboutCondition: Bool { self == .doa || self == .illness || self == .mismatch }

    /// Chinese label.
    public var chineseName: String {
        switch self {
        case .refuse: "拒收"
        case .returnRefund: "退货退款"
        case .refundOnly: "仅退款"
        case .noReasonReturn: "七天无理由"
        case .mismatch: "货不对板"
        case .doa: "到货死亡"
        case .illness: "到货患病"
        case .lateShipment: "延迟发货"
        }
    }
}

/// A merchant's attempt to reach the buyer.
public struct Contact: Hashable, Sendable {
    /// When.
    public var at: Instant
    /// Where; nil when unknown (such a contact does not count, §8.9).
    public var channel: Channel?
    /// Creates a contact.
    public init(at: Instant, channel: Channel?) { self.at = at; self.channel = channel }
}

/// A buyer's request to cancel before shipment.
public struct Cancellation: Hashable, Sendable {
    /// When the buyer asked to cancel; nil when unknown.
    public var requestedAt: Instant?
    /// When the buyer agreed to shipping anyway, or withdrew the request.
    public var consentAt: Instant?
    /// Where that consent was given.
    public var consentChannel: Channel?
    /// Creates a cancellation.
    public init(requestedAt: Instant?, consentAt: Instant? = nil, consentChannel: Channel? = nil) {
        self.requestedAt = requestedAt
        self.consentAt = consentAt
        self.consentChannel = consentChannel
    }
}

/// An agreed delivery period replacing the 7 days.
public enum AgreedPeriod: Hashable, Sendable {
    /// N days, counted as a §1 day period.
    case days(Int)
    /// A number of hours from the anchor, exact, held as whole seconds (a fractional agreement
    /// like 36.5 h keeps its half hour; fractions of a second are dropped, standard §8.18).
    case hours(seconds: Int64)
    /// Delivered by the end of this date.
    case date(LocalDate)
}

/// An agreement on the delivery period.
public struct Agreement: Hashable, Sendable {
    /// The agreed period.
    public var period: AgreedPeriod
    /// When it was agreed; nil when unknown.
    public var agreedAt: Instant?
    /// Where; nil when unknown.
    public var channel: Channel?
    /// Creates an agreement.
    public init(period: AgreedPeriod, agreedAt: Instant?, channel: Channel?) {
        self.period = period
        self.agreedAt = agreedAt
        self.channel = channel
    }
}

/// Shipment facts.
public struct Shipment: Hashable, Sendable {
    /// When the merchant shipped.
    public var shippedAt: Instant?
    /// The carrier's first scan.
    public var firstScanAt: Instant?
    /// Carrier name (display).
    public var carrier: String?
    /// Waybill number.
    public var waybill: String?
    /// Creates shipment facts.
    public init(shippedAt: Instant? = nil, firstScanAt: Instant? = nil, carrier: String? = nil, waybill: String? = nil) {
        self.shippedAt = shippedAt
        self.firstScanAt = firstScanAt
        self.carrier = carrier
        self.waybill = waybill
    }
}

/// A carrier's tracking event.
public struct TrackingEvent: Hashable, Sendable {
    /// When.
    public var at: Instant
    /// What the carrier said.
    public var text: String
    /// Creates an event.
    public init(at: Instant, text: String) { self.at = at; self.text = text }
}

/// A merchant's explanation of a logistics stall.
public struct StallReply: Hashable, Sendable {
    /// When.
    public var at: Instant
    /// The stated reason for the stall.
    public var reason: String?
    /// The result of contacting the courier.
    public var courierResult: String?
    /// Where; nil when unknown.
    public var channel: Channel?
    /// Creates a reply.
    public init(at: Instant, reason: String?, courierResult: String?, channel: Channel?) {
        self.at = at
        self.reason = reason
        self.courierResult = courierResult
        self.channel = channel
    }

    /// Whether it states both a reason and the courier-contact result (KS-PET-STALL-REPLY-24H).
    public var hasRequiredContent: Bool {
        !(reason ?? "").isBlank && !(courierResult ?? "").isBlank
    }
}

/// Delivery facts.
public struct Delivery: Hashable, Sendable {
    /// When the pet was first offered to the buyer (delivery complete, [reading]).
    public var offeredAt: Instant?
    /// When the buyer signed for it.
    public var signedAt: Instant?
    /// When the buyer refused it.
    public var refusedAt: Instant?
    /// Creates delivery facts.
    public init(offeredAt: Instant? = nil, signedAt: Instant? = nil, refusedAt: Instant? = nil) {
        self.offeredAt = offeredAt
        self.signedAt = signedAt
        self.refusedAt = refusedAt
    }
}

/// The buyer's claim.
public struct Claim: Hashable, Sendable {
    /// What is claimed.
    public var type: ClaimType
    /// When it was made; nil when the export does not say (standard §8.17).
    public var at: Instant?
    /// The buyer's words.
    public var reason: String?
    /// For `mismatch`: the checklist item that differs.
    public var item: ChecklistKey?
    /// For `mismatch`: what arrived.
    public var actual: String?
    /// Creates a claim.
    public init(type: ClaimType, at: Instant?, reason: String? = nil, item: ChecklistKey? = nil, actual: String? = nil) {
        self.type = type
        self.at = at
        self.reason = reason
        self.item = item
        self.actual = actual
    }
}

/// A customer-service message (display only).
public struct Message: Hashable, Sendable {
    /// When, if known.
    public var at: Instant?
    /// Who wrote it: `merchant`, `buyer`, `agent`, …
    public var from: String
    /// The message as written.
    public var text: String
    /// Creates a message.
    public init(at: Instant?, from: String, text: String) { self.at = at; self.from = from; self.text = text }
}

/// One live-pet order with everything known about it (`petdesk.case/1`).
///
/// An optional property that is nil is *unknown*; an empty list is a *known empty* list.
/// A value type with copy-on-write storage: copying a case costs one reference count, so
/// the rules, the store and the dashboard pass cases around freely. Its facts are the members
/// of `Fields`, read and written as `kase.title` through dynamic member lookup: a new fact is
/// one new member there (plus its case-file and store columns).
@dynamicMemberLookup
public struct Case: Hashable, Sendable {
    /// Every fact of a case. Stored in two parts: first what the rules read, then what they
    /// never do (the order id, the display texts, the transcript), so that a ruling reads
    /// fewer cache lines of a case (`bench rules`, 200,000 cases in memory). The case format's
    /// order is `CaseEncoder`'s.
    public struct Fields: Hashable, Sendable {
        /// Category levels 1, 2, 3 (, 4) as shown on the platform.
        public var categoryPath: [String]
        /// What was really sold; nil when the export does not say.
        public var itemKind: ItemKind? = nil
        /// The order total.
        public var totalAmount: Amount
        /// When the order was paid.
        public var paidAt: Instant
        /// The disclosure, confirmation and pre-shipment items.
        public var checklist = Checklist()
        /// Merchant contacts; nil when not supplied.
        public var contacts: [Contact]? = nil
        /// The buyer's first reply; nil means no reply.
        public var buyerFirstReplyAt: Instant? = nil
        /// A cancellation request, if any.
        public var cancellation: Cancellation? = nil
        /// An agreed delivery period, if any.
        public var agreement: Agreement? = nil
        /// Shipment facts.
        public var shipment = Shipment()
        /// Tracking events; nil when not supplied (unknown), empty when there were no scans.
        public var tracking: [TrackingEvent]? = nil
        /// Stall explanations.
        public var stallReplies: [StallReply] = []
        /// Delivery facts.
        public var delivery = Delivery()
        /// The buyer's claim, if any.
        public var claim: Claim? = nil
        /// The platform's order id (unique).
        public var orderID: String
        /// Listing title (display only).
        public var title: String? = nil
        /// Masked buyer name (display only).
        public var buyer: String? = nil
        /// Merchant name (display only).
        public var merchant: String? = nil
        /// The customer-service transcript.
        public var messages: [Message] = []
    }

    @usableFromInline final class Box: @unchecked Sendable {
        @usableFromInline @exclusivity(unchecked) var fields: Fields
        @usableFromInline init(_ fields: Fields) { self.fields = fields }
    }

    @usableFromInline var box: Box

    /// Reads and writes a fact: `kase.claim`, `kase.shipment.shippedAt = …`. Inlinable, so that
    /// other modules read a fact as a field, not through a generic key-path projection (which
    /// copied every fact of the case to read one: a tenth of an import's writes).
    @inlinable
    public subscript<T>(dynamicMember path: WritableKeyPath<Fields, T>) -> T {
        @inline(__always) _read { yield box.fields[keyPath: path] }
        @inline(__always) _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
            yield &box.fields[keyPath: path]
        }
    }

    /// Creates a case with the required fields; everything else starts unknown or empty.
    public init(orderID: String, categoryPath: [String], totalAmount: Amount, paidAt: Instant) {
        box = Box(Fields(categoryPath: categoryPath, totalAmount: totalAmount, paidAt: paidAt, orderID: orderID))
    }

    public static func == (lhs: Case, rhs: Case) -> Bool {
        lhs.box === rhs.box || lhs.box.fields == rhs.box.fields
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(box.fields.orderID)
        hasher.combine(box.fields.paidAt)
    }
}

extension AgreedPeriod {
    /// The largest agreed period in hours that petdesk accepts (about eleven years).
    public static let maximumHours = 100_000

    /// An agreed number of hours read from decimal text (`36`, `36.5`, `1.5e1`); fractions of a
    /// second are dropped. Nil when the text is not a positive number of at most
    /// `maximumHours` hours, or is less than one second.
    public static func hours(decimalText text: String) -> AgreedPeriod? {
        guard let value = Decimal(string: text.trimmingSpaces(), locale: Locale(identifier: "en_US_POSIX")),
              value > 0, value <= Decimal(maximumHours) else { return nil }
        var seconds = value * 3600
        var whole = Decimal()
        NSDecimalRound(&whole, &seconds, 0, .down)
        let count = NSDecimalNumber(decimal: whole).int64Value
        return count > 0 ? .hours(seconds: count) : nil
    }

    /// The agreed value as case-file text: days as a whole number, a date as `YYYY-MM-DD`, hours
    /// as the shortest decimal that reads back to the same whole seconds.
    public var valueText: String {
        switch self {
        case .days(let n): return String(n)
        case .date(let d): return d.description
        case .hours(let seconds):
            if seconds % 3600 == 0 { return String(seconds / 3600) }
            // Round the millionths of an hour up, so that reading the text back and dropping the
            // fraction of a second gives exactly these seconds (the error is under 0.004 s).
            let micro = (seconds * 1_000_000 + 3599) / 3600
            var fraction = String(micro % 1_000_000)
            fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
            while fraction.hasSuffix("0") { fraction.removeLast() }
            return "\(micro / 1_000_000).\(fraction)"
        }
    }

    /// The `agreement.kind` of this period.
    public var kind: AgreementKind {
        switch self {
        case .days: .days
        case .hours: .hours
        case .date: .date
        }
    }
}
