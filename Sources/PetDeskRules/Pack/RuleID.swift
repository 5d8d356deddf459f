/// A rule's stable identifier, e.g. `KS-PET-STALL-72H`. Verdicts cite rules by it.
///
/// IDs are static text compiled into their pack, so copying and comparing one costs no
/// reference counting; `init?(rawValue:)` finds the ID of any shipped pack by its text.
public struct RuleID: Hashable, Sendable, Comparable, CustomStringConvertible {
    private let name: StaticString

    /// An ID from static text (packs declare their IDs this way).
    public init(_ name: StaticString) { self.name = name }

    /// The ID of a rule of any shipped pack, by its text; nil when no pack has it.
    public init?(rawValue: String) {
        for pack in RulePack.all {
            if let rule = pack.rules.first(where: { $0.id.rawValue == rawValue }) {
                self = rule.id
                return
            }
        }
        return nil
    }

    /// The identifier text.
    public var rawValue: String { name.description }
    public var description: String { rawValue }

    private var bytes: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
    }

    public static func == (lhs: RuleID, rhs: RuleID) -> Bool {
        if lhs.name.utf8Start == rhs.name.utf8Start { return true }
        let n = lhs.name.utf8CodeUnitCount
        guard n == rhs.name.utf8CodeUnitCount else { return false }
        let a = lhs.name.utf8Start, b = rhs.name.utf8Start
        for i in 0..<n where a[i] != b[i] { return false }
        return true
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(bytes: UnsafeRawBufferPointer(bytes)) }

    public static func < (lhs: RuleID, rhs: RuleID) -> Bool { lhs.bytes.lexicographicallyPrecedes(rhs.bytes) }

    /// Identity of the static text: a pack's evaluator compares only its own IDs, so this
    /// pointer comparison is equality there.
    func isSameDeclaration(as other: RuleID) -> Bool { name.utf8Start == other.name.utf8Start }
}

extension RuleID {
    static let scope = RuleID("KS-PET-SCOPE")
    static let precedence = RuleID("KS-PET-PRECEDENCE")
    static let disclose = RuleID("KS-PET-DISCLOSE")
    static let confirm = RuleID("KS-PET-CONFIRM")
    static let identity = RuleID("KS-PET-ID")
    static let preShip = RuleID("KS-PET-PRESHIP")
    static let shipUnconfirmed = RuleID("KS-PET-SHIP-UNCONFIRMED")
    static let cancel = RuleID("KS-PET-CANCEL")
    static let delivery = RuleID("KS-PET-DELIVERY-7D")
    static let stall = RuleID("KS-PET-STALL-72H")
    static let stallReply = RuleID("KS-PET-STALL-REPLY-24H")
    static let refusalUnjustified = RuleID("KS-PET-REFUSAL-UNJUSTIFIED")
    static let buyerSilent = RuleID("KS-PET-BUYER-SILENT-48H")
    static let mismatch = RuleID("KS-PET-MISMATCH")
    static let noReasonReturn = RuleID("KS-PET-NO-NR-RETURN")
    static let deadOnArrival = RuleID("KS-PET-DOA")
    static let illness = RuleID("KS-PET-ILLNESS")
}

/// Where a rule comes from.
public enum SourceStatus: String, Sendable, CaseIterable {
    /// In the 2022 announcement.
    case announcement2022 = "2022"
    /// In the 2021 text.
    case text2021 = "2021"
    /// Chinese statute.
    case law
    /// Our decision where the sources are silent.
    case reading
}

/// A rule as data: its ID, source, the Chinese source wording and an English summary.
public struct Rule: Hashable, Sendable {
    /// The stable ID.
    public var id: RuleID
    /// Where it comes from.
    public var source: SourceStatus
    /// The precise citation (e.g. `2021 §2.2.1`).
    public var citation: String
    /// The source wording in Chinese.
    public var chineseText: String
    /// What the rule does, in English.
    public var englishSummary: String
    /// Whether the rule is a refund ground (standard §5 step 4).
    public var isRefundGround: Bool

    /// Creates a rule.
    public init(id: RuleID, source: SourceStatus, citation: String, chineseText: String,
                englishSummary: String, isRefundGround: Bool = false) {
        self.id = id
        self.source = source
        self.citation = citation
        self.chineseText = chineseText
        self.englishSummary = englishSummary
        self.isRefundGround = isRefundGround
    }
}
