import PetDeskRules

/// petdesk's export: a petdesk.case/1 object per case plus the agents' `marks` and `decisions`,
/// so that export → import gives back the same database content.
public enum ExportFormat {
    /// A record as one JSON object: the case in the case format, then `marks`, `decisions` and `audit`.
    public static func json(_ record: ImportRecord) -> JSONValue {
        guard case .object(var members) = CaseEncoder.json(record.kase) else { return .null }
        members.append(JSONMember("marks", .value(.array(record.marks.map { m in
            var o = JSONObjectBuilder()
            o.add("item", m.item.rawValue)
            o.add("status", m.status.rawValue)
            o.add("note", m.note)
            o.add("agent", m.agent)
            o.add("at", m.at)
            o.add("confirmed_at", m.confirmedAt)
            o.add("undone_at", m.undoneAt)
            o.add("undone_by", m.undoneBy)
            return .value(o.value)
        }))))
        members.append(JSONMember("decisions", .value(.array(record.decisions.map { d in
            var o = JSONObjectBuilder()
            o.add("outcome", d.outcome.rawValue)
            o.add("suggested_outcome", d.suggestedOutcome.rawValue)
            o.add("pack", d.pack)
            o.add("is_override", .bool(d.isOverride))
            o.add("reason", d.reason)
            o.add("agent", d.agent)
            o.add("at", d.at)
            return .value(o.value)
        }))))
        members.append(JSONMember("audit", .value(.array(record.audit.map { e in
            var o = JSONObjectBuilder()
            o.add("at", e.at)
            o.add("agent", e.agent)
            o.add("action", e.action)
            o.add("field", e.field)
            o.add("old_value", e.oldValue)
            o.add("new_value", e.newValue)
            return .value(o.value)
        }))))
        return .object(members)
    }

    /// The marks and decisions of an exported record, with an issue for anything malformed.
    public static func extras(of record: CaseRecord, file: String)
        -> (marks: [Mark], decisions: [Decision], audit: [AuditEntry], issues: [CaseFileIssue]) {
        var issues: [CaseFileIssue] = []
        func fail(_ node: JSONNode, _ path: String, _ message: String) {
            issues.append(CaseFileIssue(file: file, line: node.line, field: path, message: message))
        }
        func fields(_ node: JSONNode, _ path: String) -> [String: JSONValue]? {
            guard case .object(let members) = node.value else { fail(node, path, "expected an object"); return nil }
            return Dictionary(members.map { ($0.key, $0.value.value) }, uniquingKeysWith: { a, _ in a })
        }
        func string(_ f: [String: JSONValue], _ key: String) -> String? {
            if case .string(let s) = f[key] { return s }
            return nil
        }
        func instant(_ f: [String: JSONValue], _ key: String) -> Instant? {
            string(f, key).flatMap { try? PlatformTime.parseInstant($0).get() }
        }
        var marks: [Mark] = []
        if let node = record.extensions["marks"], case .array(let items) = node.value {
            for (i, item) in items.enumerated() {
                let path = "marks[\(i)]"
                guard let f = fields(item, path) else { continue }
                guard let key = string(f, "item").flatMap(ChecklistKey.init(rawValue:)),
                      let status = string(f, "status").flatMap(ItemStatus.init(rawValue:)),
                      let agent = string(f, "agent"), !agent.isEmpty, let at = instant(f, "at") else {
                    fail(item, path, "a mark needs item, status, agent and at"); continue
                }
                marks.append(Mark(id: 0, item: key, status: status, note: string(f, "note"), agent: agent, at: at,
                                  confirmedAt: instant(f, "confirmed_at"), undoneAt: instant(f, "undone_at"), undoneBy: string(f, "undone_by")))
            }
        }
        var decisions: [Decision] = []
        if let node = record.extensions["decisions"], case .array(let items) = node.value {
            for (i, item) in items.enumerated() {
                let path = "decisions[\(i)]"
                guard let f = fields(item, path) else { continue }
                guard let outcome = string(f, "outcome").flatMap(Outcome.init(rawValue:)),
                      let suggested = string(f, "suggested_outcome").flatMap(Outcome.init(rawValue:)),
                      let agent = string(f, "agent"), !agent.isEmpty, let at = instant(f, "at") else {
                    fail(item, path, "a decision needs outcome, suggested_outcome, agent and at"); continue
                }
                let isOverride = outcome != suggested
                if case .bool(let b) = f["is_override"], b != isOverride {
                    fail(item, path + ".is_override", "is \(b) but the outcome \(outcome == suggested ? "equals" : "differs from") the suggestion")
                    continue
                }
                if isOverride, (string(f, "reason") ?? "").trimmingSpaces().isEmpty {
                    fail(item, path + ".reason", "an override needs a reason"); continue
                }
                decisions.append(Decision(outcome: outcome, suggestedOutcome: suggested, pack: string(f, "pack") ?? "KS-PET-2022",
                                          isOverride: isOverride, reason: string(f, "reason"), agent: agent, at: at))
            }
        }
        var audit: [AuditEntry] = []
        if let node = record.extensions["audit"], case .array(let items) = node.value {
            for (i, item) in items.enumerated() {
                let path = "audit[\(i)]"
                guard let f = fields(item, path) else { continue }
                guard let agent = string(f, "agent"), !agent.isEmpty, let at = instant(f, "at"), let action = string(f, "action") else {
                    fail(item, path, "an audit entry needs at, agent and action"); continue
                }
                guard AuditEntry.actions.contains(action) else {
                    fail(item, path + ".action", "unknown action (known: \(AuditEntry.actions.joined(separator: ", ")))"); continue
                }
                audit.append(AuditEntry(id: 0, at: at, agent: agent, orderID: record.kase.orderID, action: action,
                                        field: string(f, "field"), oldValue: string(f, "old_value"), newValue: string(f, "new_value")))
            }
        }
        return (marks, decisions, audit, issues)
    }
}
