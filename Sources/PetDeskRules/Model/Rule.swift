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
