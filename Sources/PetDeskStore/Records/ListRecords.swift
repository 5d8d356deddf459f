import GRDB
import PetDeskRules

// The rows of a case's lists. `seq` keeps each list in the order the export gave it.

/// A row of one of a case's lists, which names its case.
protocol CaseListRecord: ColumnRecord {
    var orderID: String { get }
}

/// A `checklist_items` row: one recorded item of the imported checklist (marks are rows of their own).
struct ChecklistItemRecord: CaseListRecord {
    static let databaseTableName = "checklist_items"
    var orderID: String
    var item: String
    var status: String
    var at: Int64?
    /// For `identity`: chip, nose print or other.
    var kind: String?
    var value: String?
    var note: String?
    var channel: String?
    /// The columns, named as in SQL.
    enum CodingKeys: String, CodingKey, CaseIterable { case orderID = "order_id", item, status, at, kind, value, note, channel }

    init(orderID: String, key: ChecklistKey, _ e: ChecklistEntry) {
        self.orderID = orderID
        item = key.rawValue
        status = e.status.rawValue
        at = e.at?.secondsSinceEpoch
        kind = e.kind?.rawValue
        value = e.value
        note = e.note
        channel = e.channel?.rawValue
    }

    /// The item's key and entry; nil for an item this build does not know.
    var entry: (key: ChecklistKey, entry: ChecklistEntry)? {
        guard let key = ChecklistKey(rawValue: item) else { return nil }
        return (key, ChecklistEntry(status: ItemStatus(rawValue: status) ?? .unknown, at: instant(at),
                                    kind: kind.flatMap(IdentityKind.init(rawValue:)), value: value, note: note,
                                    channel: channel.flatMap(Channel.init(rawValue:))))
    }
}

/// A `contacts` row: one attempt of the merchant to reach the buyer.
struct ContactRecord: CaseListRecord {
    static let databaseTableName = "contacts"
    var orderID: String
    var seq: Int
    var at: Int64
    var channel: String?
    /// The columns, named as in SQL.
    enum CodingKeys: String, CodingKey, CaseIterable { case orderID = "order_id", seq, at, channel }

    init(orderID: String, seq: Int, _ c: Contact) {
        self.orderID = orderID
        self.seq = seq
        at = c.at.secondsSinceEpoch
        channel = c.channel?.rawValue
    }

    var contact: Contact { Contact(at: Instant(secondsSinceEpoch: at), channel: channel.flatMap(Channel.init(rawValue:))) }
}

/// A `tracking_events` row: one scan as the carrier reported it.
struct TrackingEventRecord: CaseListRecord {
    static let databaseTableName = "tracking_events"
    var orderID: String
    var seq: Int
    var at: Int64
    var text: String
    /// The columns, named as in SQL.
    enum CodingKeys: String, CodingKey, CaseIterable { case orderID = "order_id", seq, at, text }

    init(orderID: String, seq: Int, _ e: TrackingEvent) {
        self.orderID = orderID
        self.seq = seq
        at = e.at.secondsSinceEpoch
        text = e.text
    }

    var event: TrackingEvent { TrackingEvent(at: Instant(secondsSinceEpoch: at), text: text) }
}

/// A `stall_replies` row: one explanation the merchant gave for a stalled parcel.
struct StallReplyRecord: CaseListRecord {
    static let databaseTableName = "stall_replies"
    var orderID: String
    var seq: Int
    var at: Int64
    var reason: String?
    var courierResult: String?
    var channel: String?
    /// The columns, named as in SQL.
    enum CodingKeys: String, CodingKey, CaseIterable { case orderID = "order_id", seq, at, reason, courierResult = "courier_result", channel }

    init(orderID: String, seq: Int, _ r: StallReply) {
        self.orderID = orderID
        self.seq = seq
        at = r.at.secondsSinceEpoch
        reason = r.reason
        courierResult = r.courierResult
        channel = r.channel?.rawValue
    }

    var reply: StallReply {
        StallReply(at: Instant(secondsSinceEpoch: at), reason: reason, courierResult: courierResult,
                   channel: channel.flatMap(Channel.init(rawValue:)))
    }
}

/// A `messages` row: one line of the customer-service transcript.
struct MessageRecord: CaseListRecord {
    static let databaseTableName = "messages"
    var orderID: String
    var seq: Int
    /// Nil when the export did not say when it was written.
    var at: Int64?
    var sender: String
    var text: String
    /// The columns, named as in SQL.
    enum CodingKeys: String, CodingKey, CaseIterable { case orderID = "order_id", seq, at, sender, text }

    init(orderID: String, seq: Int, _ m: Message) {
        self.orderID = orderID
        self.seq = seq
        at = m.at?.secondsSinceEpoch
        sender = m.from
        text = m.text
    }

    var message: Message { Message(at: instant(at), from: sender, text: text) }
}

// Each list record read from and written to its columns straight, in its `CodingKeys`' order.

extension ChecklistItemRecord {
    static let columnNames = CodingKeys.allCases.map(\.stringValue)
    init(reading r: inout ColumnReader) throws {
        orderID = try r.text(); item = try r.text(); status = try r.text(); at = try r.optionalInt64()
        kind = try r.optionalText(); value = try r.optionalText(); note = try r.optionalText(); channel = try r.optionalText()
    }
    func writeColumns(to v: inout [SQLValue]) {
        v.append(.text(orderID)); v.append(.text(item)); v.append(.text(status)); v.append(SQLValue(at))
        v.append(SQLValue(kind)); v.append(SQLValue(value)); v.append(SQLValue(note)); v.append(SQLValue(channel))
    }
}

extension ContactRecord {
    static let columnNames = CodingKeys.allCases.map(\.stringValue)
    init(reading r: inout ColumnReader) throws {
        orderID = try r.text(); seq = try r.int(); at = try r.int64(); channel = try r.optionalText()
    }
    func writeColumns(to v: inout [SQLValue]) {
        v.append(.text(orderID)); v.append(.int(Int64(seq))); v.append(.int(at)); v.append(SQLValue(channel))
    }
}

extension TrackingEventRecord {
    static let columnNames = CodingKeys.allCases.map(\.stringValue)
    init(reading r: inout ColumnReader) throws {
        orderID = try r.text(); seq = try r.int(); at = try r.int64(); text = try r.text()
    }
    func writeColumns(to v: inout [SQLValue]) {
        v.append(.text(orderID)); v.append(.int(Int64(seq))); v.append(.int(at)); v.append(.text(text))
    }
}

extension StallReplyRecord {
    static let columnNames = CodingKeys.allCases.map(\.stringValue)
    init(reading r: inout ColumnReader) throws {
        orderID = try r.text(); seq = try r.int(); at = try r.int64()
        reason = try r.optionalText(); courierResult = try r.optionalText(); channel = try r.optionalText()
    }
    func writeColumns(to v: inout [SQLValue]) {
        v.append(.text(orderID)); v.append(.int(Int64(seq))); v.append(.int(at)); v.append(SQLValue(reason))
        v.append(SQLValue(courierResult)); v.append(SQLValue(channel))
    }
}

extension MessageRecord {
    static let columnNames = CodingKeys.allCases.map(\.stringValue)
    init(reading r: inout ColumnReader) throws {
        orderID = try r.text(); seq = try r.int(); at = try r.optionalInt64(); sender = try r.text(); text = try r.text()
    }
    func writeColumns(to v: inout [SQLValue]) {
        v.append(.text(orderID)); v.append(.int(Int64(seq))); v.append(SQLValue(at)); v.append(.text(sender))
        v.append(.text(text))
    }
}
