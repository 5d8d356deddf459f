import GRDB
import PetDeskRules

// What agents did to a case: marks, decisions, leases, and the audit log of all of it. `id` is
// nil until the row is written (the database numbers it).

/// A `marks` row: an agent's status for one checklist item, laid over the imported checklist.
struct MarkRecord: CaseRowRecord {
    static let databaseTableName = "marks"
    static let generatedColumn: String? = "id"
    var id: Int64?
    var orderID: String
    var item: String
    var status: String
    var note: String?
    var agent: String
    var at: Int64
    /// When the agent says the item was really confirmed (nil: at the mark's own instant).
    var confirmedAt: Int64?
    /// When it was undone, and by whom (both nil while it stands).
    var undoneAt: Int64?
    var undoneBy: String?
    /// The columns, named as in SQL.
    enum CodingKeys: String, CodingKey, CaseIterable { case id, orderID = "order_id", item, status, note, agent, at, confirmedAt = "confirmed_at", undoneAt = "undone_at", undoneBy = "undone_by" }

    init(orderID: String, _ m: Mark, id: Int64? = nil) {
        self.id = id
        self.orderID = orderID
        item = m.item.rawValue
        status = m.status.rawValue
        note = m.note
        agent = m.agent
        at = m.at.secondsSinceEpoch
        confirmedAt = m.confirmedAt?.secondsSinceEpoch
        undoneAt = m.undoneAt?.secondsSinceEpoch
        undoneBy = m.undoneAt == nil ? nil : (m.undoneBy ?? m.agent)
    }

    /// The mark; nil for an item or status this build does not know.
    var mark: Mark? {
        guard let key = ChecklistKey(rawValue: item), let status = ItemStatus(rawValue: status) else { return nil }
        return Mark(id: id ?? 0, item: key, status: status, note: note, agent: agent, at: Instant(secondsSinceEpoch: at),
                    confirmedAt: instant(confirmedAt), undoneAt: instant(undoneAt), undoneBy: undoneBy)
    }
}

/// A `decisions` row: an agent's verdict on a case, beside what the rules suggested then.
struct DecisionRecord: CaseRowRecord {
    static let databaseTableName = "decisions"
    static let generatedColumn: String? = "id"
    var id: Int64?
    var orderID: String
    var outcome: String
    var suggestedOutcome: String
    /// The rule pack that made the suggestion.
    var pack: String
    /// 1 when the decision differs from the suggestion (a reason is then required).
    var isOverride: Int
    var reason: String?
    var agent: String
    var at: Int64
    /// The columns, named as in SQL.
    enum CodingKeys: String, CodingKey, CaseIterable { case id, orderID = "order_id", outcome, suggestedOutcome = "suggested_outcome", pack, isOverride = "is_override", reason, agent, at }

    init(orderID: String, _ d: Decision) {
        self.orderID = orderID
        outcome = d.outcome.rawValue
        suggestedOutcome = d.suggestedOutcome.rawValue
        pack = d.pack
        isOverride = d.isOverride ? 1 : 0
        reason = d.reason
        agent = d.agent
        at = d.at.secondsSinceEpoch
    }

    /// The decision; nil for an outcome this build does not know.
    var decision: Decision? {
        guard let outcome = Outcome(rawValue: outcome), let suggested = Outcome(rawValue: suggestedOutcome) else { return nil }
        return Decision(outcome: outcome, suggestedOutcome: suggested, pack: pack, isOverride: isOverride == 1, reason: reason,
                        agent: agent, at: Instant(secondsSinceEpoch: at))
    }
}

/// An `audit_log` row: one thing that changed a case, who did it and when (append-only).
struct AuditRecord: CaseRowRecord {
    static let databaseTableName = "audit_log"
    static let generatedColumn: String? = "id"
    var id: Int64?
    var at: Int64
    var agent: String
    var orderID: String
    /// import, merge, mark, undo, decide, claim or release.
    var action: String
    /// The case-format path that changed, if the action is about one.
    var field: String?
    var oldValue: String?
    var newValue: String?
    /// The columns, named as in SQL.
    enum CodingKeys: String, CodingKey, CaseIterable { case id, at, agent, orderID = "order_id", action, field, oldValue = "old_value", newValue = "new_value" }

    /// The row for `entry`, numbered by the database when it is written (its `id` is not kept).
    init(_ entry: AuditEntry) {
        (at, agent, orderID, action) = (entry.at.secondsSinceEpoch, entry.agent, entry.orderID, entry.action)
        (field, oldValue, newValue) = (entry.field, entry.oldValue, entry.newValue)
    }

    var entry: AuditEntry {
        AuditEntry(id: id ?? 0, at: Instant(secondsSinceEpoch: at), agent: agent, orderID: orderID, action: action, field: field,
                   oldValue: oldValue, newValue: newValue)
    }
}

/// A `leases` row: an agent holds a case until `expiresAt` (seconds since the epoch).
struct LeaseRecord: ColumnRecord {
    static let databaseTableName = "leases"
    var orderID: String
    var agent: String
    var acquiredAt: Int64
    var expiresAt: Int64
    /// The columns, named as in SQL.
    enum CodingKeys: String, CodingKey, CaseIterable { case orderID = "order_id", agent, acquiredAt = "acquired_at", expiresAt = "expires_at" }

    var lease: Lease { Lease(orderID: orderID, agent: agent, expiresAt: Instant(secondsSinceEpoch: expiresAt)) }
}

/// A row about one case that the database numbers in the order it was written (`id`): a mark,
/// a decision, an audit entry.
protocol CaseRowRecord: ColumnRecord {
    var orderID: String { get }
}

// Each read from and written to its columns straight, in its `CodingKeys`' order.

extension MarkRecord {
    static let columnNames = CodingKeys.allCases.map(\.stringValue)
    init(reading r: inout ColumnReader) throws {
        id = try r.optionalInt64(); orderID = try r.text(); item = try r.text(); status = try r.text(); note = try r.optionalText()
        agent = try r.text(); at = try r.int64(); confirmedAt = try r.optionalInt64(); undoneAt = try r.optionalInt64()
        undoneBy = try r.optionalText()
    }
    func writeColumns(to v: inout [SQLValue]) {
        v.append(SQLValue(id)); v.append(.text(orderID)); v.append(.text(item)); v.append(.text(status))
        v.append(SQLValue(note)); v.append(.text(agent)); v.append(.int(at)); v.append(SQLValue(confirmedAt))
        v.append(SQLValue(undoneAt)); v.append(SQLValue(undoneBy))
    }
}

extension DecisionRecord {
    static let columnNames = CodingKeys.allCases.map(\.stringValue)
    init(reading r: inout ColumnReader) throws {
        id = try r.optionalInt64(); orderID = try r.text(); outcome = try r.text(); suggestedOutcome = try r.text(); pack = try r.text()
        isOverride = try r.int(); reason = try r.optionalText(); agent = try r.text(); at = try r.int64()
    }
    func writeColumns(to v: inout [SQLValue]) {
        v.append(SQLValue(id)); v.append(.text(orderID)); v.append(.text(outcome)); v.append(.text(suggestedOutcome))
        v.append(.text(pack)); v.append(.int(Int64(isOverride))); v.append(SQLValue(reason)); v.append(.text(agent))
        v.append(.int(at))
    }
}

extension AuditRecord {
    static let columnNames = CodingKeys.allCases.map(\.stringValue)
    init(reading r: inout ColumnReader) throws {
        id = try r.optionalInt64(); at = try r.int64(); agent = try r.text(); orderID = try r.text(); action = try r.text()
        field = try r.optionalText(); oldValue = try r.optionalText(); newValue = try r.optionalText()
    }
    func writeColumns(to v: inout [SQLValue]) {
        v.append(SQLValue(id)); v.append(.int(at)); v.append(.text(agent)); v.append(.text(orderID))
        v.append(.text(action)); v.append(SQLValue(field)); v.append(SQLValue(oldValue)); v.append(SQLValue(newValue))
    }
}

extension LeaseRecord {
    static let columnNames = CodingKeys.allCases.map(\.stringValue)
    init(reading r: inout ColumnReader) throws {
        orderID = try r.text(); agent = try r.text(); acquiredAt = try r.int64(); expiresAt = try r.int64()
    }
    func writeColumns(to v: inout [SQLValue]) {
        v.append(.text(orderID)); v.append(.text(agent)); v.append(.int(acquiredAt)); v.append(.int(expiresAt))
    }
}
