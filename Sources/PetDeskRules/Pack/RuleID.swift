/// A rule's stable identifier, e.g. `KS-PET-STALL-72H`. Verdicts cite rules by it.
public struct RuleID: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The identifier text.
    public let rawValue: String
    /// Wraps an identifier.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Wraps an identifier.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (lhs: RuleID, rhs: RuleID) -> Bool { lhs.rawValue < rhs.rawValue }
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
