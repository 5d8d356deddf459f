/// Decodes one `petdesk.case/1` object, collecting every error and warning with its line and path.
public struct CaseDecoder {
    /// The file name used in messages.
    public let file: String
    /// What was found, in order.
    public private(set) var issues: [CaseFileIssue] = []

    /// Creates a decoder for records of `file`.
    public init(file: String) { self.file = file }

    /// The format this decoder reads.
    public static let formatName = "petdesk.case/1"

    /// Decodes a case; nil when any error was found (the issues say why).
    public mutating func decode(_ node: JSONNode) -> Case? {
        issues.removeAll(keepingCapacity: true)
        guard let f = fields(node, "", allowed: Self.caseKeys, isCase: true) else { return nil }
        if let fmt = f["format"], let s = string(fmt, "format"), s != Self.formatName {
            error(fmt, "format", "unsupported format \"\(s)\"; expected \"\(Self.formatName)\"")
        }
        let orderID = required(f, "order_id", node).flatMap { n -> String? in
            guard let s = string(n, "order_id"), isIdentifier(s, n, "order_id") else { return nil }
            if s.trimmingSpaces().isEmpty { error(n, "order_id", "must not be empty"); return nil }
            return s.trimmingSpaces()
        }
        let categoryPath = required(f, "category_path", node).flatMap { n -> [String]? in
            guard let items = array(n, "category_path") else { return nil }
            if items.isEmpty { error(n, "category_path", "must name at least one category level"); return nil }
            let levels = items.enumerated().compactMap { string($1, "category_path[\($0)]")?.trimmingSpaces() }
            return levels.count == items.count ? levels : nil
        }
        let total = required(f, "total_amount", node).flatMap { amount($0, "total_amount") }
        let paidAt = required(f, "paid_at", node).flatMap { instant($0, "paid_at") }
        var kase = Case(orderID: orderID ?? "", categoryPath: categoryPath ?? [],
                        totalAmount: total ?? Amount(fen: 0), paidAt: paidAt ?? Instant(secondsSinceEpoch: 0))
        kase.itemKind = optional(f["item_kind"]).flatMap { enumValue($0, "item_kind", ItemKind.self) }
        kase.title = optional(f["title"]).flatMap { string($0, "title") }
        kase.buyer = optional(f["buyer"]).flatMap { string($0, "buyer") }
        kase.merchant = optional(f["merchant"]).flatMap { string($0, "merchant") }
        if let n = optional(f["checklist"]) { kase.checklist = checklist(n) }
        if let n = optional(f["contacts"]) { kase.contacts = list(n, "contacts") { $0.contact($1, $2) } }
        kase.buyerFirstReplyAt = optional(f["buyer_first_reply_at"]).flatMap { instant($0, "buyer_first_reply_at") }
        if let n = optional(f["cancellation"]) { kase.cancellation = cancellation(n) }
        if let n = optional(f["agreement"]) { kase.agreement = agreement(n) }
        if let n = optional(f["shipment"]) { kase.shipment = shipment(n) }
        if let n = optional(f["tracking"]) { kase.tracking = list(n, "tracking") { $0.trackingEvent($1, $2) } }
        if let n = optional(f["stall_replies"]) { kase.stallReplies = list(n, "stall_replies") { $0.stallReply($1, $2) } ?? [] }
        if let n = optional(f["delivery"]) { kase.delivery = delivery(n) }
        if let n = optional(f["claim"]) { kase.claim = claim(n) }
        if let n = optional(f["messages"]) { kase.messages = list(n, "messages") { $0.message($1, $2) } ?? [] }
        return issues.contains { $0.severity == .error } ? nil : kase
    }

    // MARK: - Field sets

    static let caseKeys: [String] = [
        "format", "order_id", "category_path", "item_kind", "title", "buyer", "merchant", "total_amount", "paid_at",
        "checklist", "contacts", "buyer_first_reply_at", "cancellation", "agreement", "shipment", "tracking",
        "stall_replies", "delivery", "claim", "messages",
    ]

    /// Fields petdesk's own exports add (agents' marks, decisions and the audit trail); passed
    /// through untouched.
    public static let extensionKeys: Set<String> = ["marks", "decisions", "audit"]

    /// Whether `key` is one of `extensionKeys` (compared as keys are, not hashed).
    static func isExtensionKey(_ key: String) -> Bool {
        key.isSameKey(as: "marks") || key.isSameKey(as: "decisions") || key.isSameKey(as: "audit")
    }
    /// The members of a checklist item (the identity item also names its kind).
    static let itemKeys = ["status", "at", "value", "note", "channel"]
    static let identityItemKeys = itemKeys + ["kind"]
    /// The checklist items by their names in the case file.
    static let checklistKeys = Dictionary(uniqueKeysWithValues: ChecklistKey.allCases.map { ($0.rawValue, $0) })

    // MARK: - Sections

    private mutating func checklist(_ node: JSONNode) -> Checklist {
        var list = Checklist()
        guard case .object(let members) = node.value else {
            typeError(node, "checklist", "an object")
            return list
        }
        // A known item is checked against the items seen so far, not against every member
        // before it, and found by its name in a table, not through `init(rawValue:)`
        // (`petdesk import --dry-run` of 2,000 cases: 997.7 M -> 963.2 M instructions).
        var seen = ChecklistKeySet()
        for (i, m) in members.enumerated() {
            func path() -> String { "checklist.\(m.key)" }
            let known = Self.checklistKeys[m.key]
            let isDuplicate = known.map { seen.contains($0) } ?? members[..<i].contains(where: { $0.key == m.key })
            guard !isDuplicate else { error(m.value, path(), "duplicate key"); continue }
            guard let key = known else {
                warning(m.value, path(), "unknown checklist item (known: \(ChecklistKey.allCases.map(\.rawValue).joined(separator: ", ")))")
                continue
            }
            seen.insert(key)
            guard let n = optional(m.value) else { continue }
            guard let f = fields(n, path(), allowed: key == .identity ? Self.identityItemKeys : Self.itemKeys) else { continue }
            var entry = ChecklistEntry()
            entry.status = optional(f["status"]).flatMap { enumValue($0, path() + ".status", ItemStatus.self) } ?? .unknown
            entry.at = optional(f["at"]).flatMap { instant($0, path() + ".at") }
            entry.kind = optional(f["kind"]).flatMap { enumValue($0, path() + ".kind", IdentityKind.self) }
            entry.value = optional(f["value"]).flatMap { text($0, path() + ".value") }
            entry.note = optional(f["note"]).flatMap { string($0, path() + ".note") }
            entry.channel = optional(f["channel"]).flatMap { enumValue($0, path() + ".channel", Channel.self) }
            list[key] = entry
        }
        return list
    }

    private mutating func contact(_ node: JSONNode, _ path: String) -> Contact? {
        guard let f = fields(node, path, allowed: ["at", "channel"]) else { return nil }
        let at = required(f, "at", node, path).flatMap { instant($0, path + ".at") }
        let channel = optional(f["channel"]).flatMap { enumValue($0, path + ".channel", Channel.self) }
        return at.map { Contact(at: $0, channel: channel) }
    }

    private mutating func cancellation(_ node: JSONNode) -> Cancellation? {
        let path = "cancellation"
        guard let f = fields(node, path, allowed: ["requested_at", "consent_at", "consent_channel"]) else { return nil }
        return Cancellation(
            requestedAt: optional(f["requested_at"]).flatMap { instant($0, path + ".requested_at") },
            consentAt: optional(f["consent_at"]).flatMap { instant($0, path + ".consent_at") },
            consentChannel: optional(f["consent_channel"]).flatMap { enumValue($0, path + ".consent_channel", Channel.self) })
    }

    private mutating func agreement(_ node: JSONNode) -> Agreement? {
        let path = "agreement"
        guard let f = fields(node, path, allowed: ["kind", "value", "agreed_at", "channel"]) else { return nil }
        let kind = required(f, "kind", node, path).flatMap { enumValue($0, path + ".kind", AgreementKind.self) }
        let valueNode = required(f, "value", node, path)
        var period: AgreedPeriod?
        if let kind, let v = valueNode {
            switch kind {
            case .days: period = positiveInteger(v, path + ".value").map { .days($0) }
            case .hours: period = agreedHours(v, path + ".value")
            case .date:
                if let s = string(v, path + ".value") {
                    if let d = PlatformTime.parseDate(s) { period = .date(d) }
                    else if case .success(let i) = PlatformTime.parseInstant(s) { period = .date(i.localDate) }
                    else { error(v, path + ".value", "\"\(s)\" is not a valid date (YYYY-MM-DD)") }
                }
            }
        }
        let agreedAt = optional(f["agreed_at"]).flatMap { instant($0, path + ".agreed_at") }
        let channel = optional(f["channel"]).flatMap { enumValue($0, path + ".channel", Channel.self) }
        return period.map { Agreement(period: $0, agreedAt: agreedAt, channel: channel) }
    }

    private mutating func shipment(_ node: JSONNode) -> Shipment {
        let path = "shipment"
        guard let f = fields(node, path, allowed: ["shipped_at", "first_scan_at", "carrier", "waybill"]) else { return Shipment() }
        return Shipment(
            shippedAt: optional(f["shipped_at"]).flatMap { instant($0, path + ".shipped_at") },
            firstScanAt: optional(f["first_scan_at"]).flatMap { instant($0, path + ".first_scan_at") },
            carrier: optional(f["carrier"]).flatMap { string($0, path + ".carrier") },
            waybill: optional(f["waybill"]).flatMap { n in text(n, path + ".waybill").flatMap { isIdentifier($0, n, path + ".waybill") ? $0 : nil } })
    }

    private mutating func trackingEvent(_ node: JSONNode, _ path: String) -> TrackingEvent? {
        guard let f = fields(node, path, allowed: ["at", "text"]) else { return nil }
        let at = required(f, "at", node, path).flatMap { instant($0, path + ".at") }
        let text = optional(f["text"]).flatMap { string($0, path + ".text") } ?? ""
        return at.map { TrackingEvent(at: $0, text: text) }
    }

    private mutating func stallReply(_ node: JSONNode, _ path: String) -> StallReply? {
        guard let f = fields(node, path, allowed: ["at", "reason", "courier_result", "channel"]) else { return nil }
        let at = required(f, "at", node, path).flatMap { instant($0, path + ".at") }
        let reason = optional(f["reason"]).flatMap { string($0, path + ".reason") }
        let result = optional(f["courier_result"]).flatMap { string($0, path + ".courier_result") }
        let channel = optional(f["channel"]).flatMap { enumValue($0, path + ".channel", Channel.self) }
        return at.map { StallReply(at: $0, reason: reason, courierResult: result, channel: channel) }
    }

    private mutating func delivery(_ node: JSONNode) -> Delivery {
        let path = "delivery"
        guard let f = fields(node, path, allowed: ["offered_at", "signed_at", "refused_at"]) else { return Delivery() }
        return Delivery(
            offeredAt: optional(f["offered_at"]).flatMap { instant($0, path + ".offered_at") },
            signedAt: optional(f["signed_at"]).flatMap { instant($0, path + ".signed_at") },
            refusedAt: optional(f["refused_at"]).flatMap { instant($0, path + ".refused_at") })
    }

    private mutating func claim(_ node: JSONNode) -> Claim? {
        let path = "claim"
        guard let f = fields(node, path, allowed: ["type", "at", "reason", "item", "actual"]) else { return nil }
        let type = required(f, "type", node, path).flatMap { enumValue($0, path + ".type", ClaimType.self) }
        // An absent instant is allowed (standard §8.17): the rules say when it matters.
        let at = optional(f["at"]).flatMap { instant($0, path + ".at") }
        let reason = optional(f["reason"]).flatMap { string($0, path + ".reason") }
        let item = optional(f["item"]).flatMap { enumValue($0, path + ".item", ChecklistKey.self) }
        let actual = optional(f["actual"]).flatMap { text($0, path + ".actual") }
        guard let type else { return nil }
        if optional(f["at"]) != nil, at == nil { return nil }
        return Claim(type: type, at: at, reason: reason, item: item, actual: actual)
    }

    private mutating func message(_ node: JSONNode, _ path: String) -> Message? {
        guard let f = fields(node, path, allowed: ["at", "from", "text"]) else { return nil }
        let at = optional(f["at"]).flatMap { instant($0, path + ".at") }
        let from = optional(f["from"]).flatMap { string($0, path + ".from") } ?? ""
        let text = optional(f["text"]).flatMap { string($0, path + ".text") } ?? ""
        return Message(at: at, from: from, text: text)
    }

    // MARK: - Primitives

    private mutating func error(_ node: JSONNode, _ path: @autoclosure () -> String, _ message: String) {
        let p = path()
        issues.append(CaseFileIssue(file: file, line: node.line, field: p.isEmpty ? nil : p, message: message))
    }

    private mutating func warning(_ node: JSONNode, _ path: @autoclosure () -> String, _ message: String) {
        issues.append(CaseFileIssue(file: file, line: node.line, field: path(), message: message, severity: .warning))
    }

    private mutating func typeError(_ node: JSONNode, _ path: @autoclosure () -> String, _ expected: String) {
        error(node, path(), "expected \(expected), found \(node.value.typeName)")
    }

    /// The object's members by key, with duplicate keys as errors and unknown keys as warnings.
    /// An object of the case format has a few dozen members at most: they are found by scanning,
    /// which costs less than hashing every key into a dictionary and a set (callgrind: a
    /// checklist item took 17 k instructions to decode, most of them hashing).
    /// `isCase`: the object is the case itself, whose extension members (marks, decisions,
    /// audit) are passed over, and whose members' paths are their bare keys.
    private mutating func fields(_ node: JSONNode, _ path: @autoclosure () -> String, allowed: [String], isCase: Bool = false) -> Members? {
        guard case .object(let members) = node.value else {
            let p = path()
            typeError(node, p, p.isEmpty ? "a case object" : "an object")
            return nil
        }
        // The object's own members, with the accepted ones marked (copying them into a new
        // array retained every key and value: `petdesk import --dry-run` of 2,000 cases,
        // 832.9 M -> 786.9 M instructions); an object of more members than the marks hold keeps
        // a copy of its accepted ones.
        let marked = members.count <= Members.markable
        var result = Members(members: members, accepted: marked ? 0 : ~0, lengths: marked ? 0 : ~0)
        var copied: [JSONMember] = []
        for i in members.indices {
            let key = members[i].key
            if isCase, Self.isExtensionKey(key) { continue }
            if !allowed.contains(where: { $0.isSameKey(as: key) }) { warning(members[i].value, isCase ? key : "\(path()).\(key)", "unknown field"); continue }
            let isDuplicate = marked ? result[key] != nil : copied.contains { $0.key.isSameKey(as: key) }
            if isDuplicate { error(members[i].value, isCase ? key : "\(path()).\(key)", "duplicate key"); continue }
            if marked {
                result.accepted |= 1 << UInt64(i)
                result.lengths |= Members.lengthBit(key)
            } else {
                copied.append(members[i])
            }
        }
        if !marked { result.members = copied }
        return result
    }

    /// An object's accepted members, looked up by key.
    struct Members {
        /// The object's members, or only its accepted ones when it has more than `markable`.
        var members: [JSONMember]
        /// Bit i: `members[i]` was accepted (all set when `members` holds only accepted ones).
        var accepted: UInt64

        /// Bit n: an accepted key is n bytes long (modulo 64; all set when not marked): most
        /// keys looked up and absent are told so without a scan (`petdesk import --dry-run` of
        /// 2,000 cases: 786.9 M -> 776.7 M instructions).
        var lengths: UInt64

        /// The most members an object can have and still be marked in place.
        static let markable = 64

        static func lengthBit(_ key: String) -> UInt64 { 1 << UInt64(key.utf8.count & 63) }

        subscript(key: String) -> JSONNode? {
            guard lengths & Self.lengthBit(key) != 0 else { return nil }
            for i in members.indices where (i >= Self.markable || accepted >> UInt64(i) & 1 == 1) && members[i].key.isSameKey(as: key) {
                return members[i].value
            }
            return nil
        }
    }

    private func optional(_ node: JSONNode?) -> JSONNode? {
        guard let node else { return nil }
        if case .null = node.value { return nil }
        return node
    }

    private mutating func required(_ f: Members, _ key: String, _ parent: JSONNode, _ path: String = "") -> JSONNode? {
        let p = path.isEmpty ? key : "\(path).\(key)"
        guard let n = optional(f[key]) else {
            error(f[key] ?? parent, p, "required field is missing")
            return nil
        }
        return n
    }

    private mutating func string(_ node: JSONNode, _ path: @autoclosure () -> String) -> String? {
        guard case .string(let s) = node.value else { typeError(node, path(), "a string"); return nil }
        return s
    }

    /// A string, or a number taken as its text (values like an age or a waybill).
    private mutating func text(_ node: JSONNode, _ path: @autoclosure () -> String) -> String? {
        if case .number(let n) = node.value { return n }
        return string(node, path())
    }

    private mutating func array(_ node: JSONNode, _ path: @autoclosure () -> String) -> [JSONNode]? {
        guard case .array(let items) = node.value else { typeError(node, path(), "an array"); return nil }
        return items
    }

    private mutating func list<T>(_ node: JSONNode, _ path: String,
                                  _ element: (inout CaseDecoder, JSONNode, String) -> T?) -> [T]? {
        guard let items = array(node, path) else { return nil }
        var out: [T] = []
        out.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            if let v = element(&self, item, "\(path)[\(i)]") { out.append(v) }
        }
        return out
    }

    private mutating func enumValue<E: RawRepresentable<String> & CaseIterable>(_ node: JSONNode, _ path: @autoclosure () -> String, _: E.Type) -> E? {
        guard let s = string(node, path()) else { return nil }
        if let e = E(rawValue: s) { return e }
        error(node, path(), "unknown value \"\(s)\"; expected one of \(E.allCases.map(\.rawValue).joined(separator: ", "))")
        return nil
    }

    private mutating func instant(_ node: JSONNode, _ path: @autoclosure () -> String) -> Instant? {
        guard let s = string(node, path()) else { return nil }
        switch PlatformTime.parseInstant(s) {
        case .success(let i): return i
        case .failure(.dateWithoutTime): error(node, path(), "\"\(s)\" is a date without a time; an instant is required")
        case .failure(.malformed): error(node, path(), "\"\(s)\" is not a valid instant")
        case .failure(.outOfRange): error(node, path(), "\"\(s)\" is outside 0001-01-01 to 9999-12-31 in platform time (+08:00)")
        }
        return nil
    }

    private mutating func amount(_ node: JSONNode, _ path: @autoclosure () -> String) -> Amount? {
        let textValue: String
        switch node.value {
        case .string(let s), .number(let s): textValue = s
        default: typeError(node, path(), "an amount (a decimal string or number)"); return nil
        }
        if let a = Amount(yuan: textValue) { return a }
        error(node, path(), "\"\(textValue)\" is not a valid amount (non-negative yuan, at most 2 decimals)")
        return nil
    }

    private mutating func positiveInteger(_ node: JSONNode, _ path: @autoclosure () -> String) -> Int? {
        let textValue: String
        switch node.value {
        case .number(let s), .string(let s): textValue = s
        default: typeError(node, path(), "a positive whole number"); return nil
        }
        if let n = Int(textValue.trimmingSpaces()), n > 0, n <= 100_000 { return n }
        error(node, path(), "\"\(textValue)\" is not a positive whole number")
        return nil
    }
}

extension CaseDecoder {
    /// Whether `s` can be an identifier: no C0 control or DEL (a NUL would cut it short in
    /// places that read C strings, merging distinct orders). Reports the first one found.
    fileprivate mutating func isIdentifier(_ s: String, _ node: JSONNode, _ path: String) -> Bool {
        guard let bad = s.unicodeScalars.first(where: \.isControlCharacter) else { return true }
        let hex = String(bad.value, radix: 16, uppercase: true)
        error(node, path, "contains the control character U+\(String(repeating: "0", count: 4 - hex.count) + hex); identifiers must be printable")
        return false
    }

    /// An agreed number of hours: a positive decimal (standard §8.18).
    fileprivate mutating func agreedHours(_ node: JSONNode, _ path: @autoclosure () -> String) -> AgreedPeriod? {
        let textValue: String
        switch node.value {
        case .number(let s), .string(let s): textValue = s
        default: typeError(node, path(), "a positive number of hours"); return nil
        }
        if let period = AgreedPeriod.hours(decimalText: textValue) { return period }
        error(node, path(), "\"\(textValue)\" is not a positive number of hours (at most \(AgreedPeriod.maximumHours))")
        return nil
    }
}

/// The kinds of agreed delivery period (`agreement.kind`).
public enum AgreementKind: String, Sendable, CaseIterable {
    case days, hours, date
}

extension String {
    /// Equality of an object's keys: keys of different lengths (most pairs compared) are told
    /// apart by their byte counts, without the standard library's full comparison (callgrind,
    /// `petdesk import --dry-run` of 2,000 cases: comparisons of unequal keys were 6 % of it).
    @inline(__always)
    func isSameKey(as other: String) -> Bool {
        utf8.count == other.utf8.count && self == other
    }
}
