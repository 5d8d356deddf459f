/// A suggested verdict's outcome (standard §2).
public enum Outcome: String, Sendable, CaseIterable {
    case outOfScope = "OUT_OF_SCOPE"
    case fullRefund = "FULL_REFUND"
    case buyerMayRefuse = "BUYER_MAY_REFUSE"
    case buyerLiableCapped = "BUYER_LIABLE_CAPPED"
    case notDelayedShipment = "NOT_DELAYED_SHIPMENT"
    case claimNotSupported = "CLAIM_NOT_SUPPORTED"
    case deferGeneral = "DEFER_GENERAL"
    case needsEvidence = "NEEDS_EVIDENCE"
    case monitor = "MONITOR"

    /// The standard's Chinese name.
    public var chineseName: String {
        switch self {
        case .outOfScope: "不适用本标准"
        case .fullRefund: "全额退款"
        case .buyerMayRefuse: "买家有权拒收"
        case .buyerLiableCapped: "买家承担损失(以订单总额为限)"
        case .notDelayedShipment: "不判定延迟发货"
        case .claimNotSupported: "诉求不予支持"
        case .deferGeneral: "转通用规则/人工"
        case .needsEvidence: "需补充证据"
        case .monitor: "持续跟进"
        }
    }

    /// A short English name.
    public var englishName: String {
        switch self {
        case .outOfScope: "Out of scope"
        case .fullRefund: "Full refund"
        case .buyerMayRefuse: "Buyer may refuse"
        case .buyerLiableCapped: "Buyer liable (capped at order total)"
        case .notDelayedShipment: "Not a delayed shipment"
        case .claimNotSupported: "Claim not supported"
        case .deferGeneral: "Defer to general rules / senior agent"
        case .needsEvidence: "Needs evidence"
        case .monitor: "Monitor"
        }
    }

    /// A Chinese label short enough for a queue column.
    public var shortChineseName: String {
        switch self {
        case .outOfScope: "不适用"
        case .fullRefund: "全额退款"
        case .buyerMayRefuse: "可拒收"
        case .buyerLiableCapped: "买家担责"
        case .notDelayedShipment: "不判延迟"
        case .claimNotSupported: "不支持"
        case .deferGeneral: "转通用"
        case .needsEvidence: "需补证"
        case .monitor: "跟进"
        }
    }

    /// An English label short enough for a queue column.
    public var shortEnglishName: String {
        switch self {
        case .outOfScope: "OUT_SCOPE"
        case .fullRefund: "REFUND"
        case .buyerMayRefuse: "MAY_REFUSE"
        case .buyerLiableCapped: "LIABLE"
        case .notDelayedShipment: "NOT_DELAY"
        case .claimNotSupported: "NO_SUPPORT"
        case .deferGeneral: "DEFER"
        case .needsEvidence: "EVIDENCE"
        case .monitor: "MONITOR"
        }
    }

    /// What the outcome means, in English (standard §2).
    public var meaning: String {
        switch self {
        case .outOfScope: "The pet standard does not apply; general rules do."
        case .fullRefund: "The merchant refunds the full amount and bears the pet and freight loss."
        case .buyerMayRefuse: "A refusal ground has vested and the pet is not yet signed for; a refusal or refund request now leads to a full refund."
        case .buyerLiableCapped: "Refusal without a ground: negotiate first; failing that the buyer bears the merchant's proven losses, at most the order total."
        case .notDelayedShipment: "A late-shipment complaint is excused by the buyer's silence."
        case .claimNotSupported: "The buyer's claim has no basis in this standard (merchant violations are still flagged)."
        case .deferGeneral: "In scope, but this standard has no rule for the claim: route to the general after-sales rules or a senior agent."
        case .needsEvidence: "A fact that decides the outcome is unknown; the verdict lists which."
        case .monitor: "No claim yet and nothing vested: keep watching the timers."
        }
    }
}

/// A flag raised on a verdict (standard §5): collected all the way, never deciding.
public enum VerdictFlag: Hashable, Sendable, CustomStringConvertible {
    /// Some evidence exists only off the platform.
    case offPlatformEvidencePresent
    /// The identity was given by leg ring, ear tag or batch id.
    case identityOther
    /// The merchant broke a rule even where it did not decide the outcome.
    case merchantViolation(RuleID)

    /// The contract spelling: `merchant_violation:KS-PET-DISCLOSE`.
    public var description: String {
        switch self {
        case .offPlatformEvidencePresent: "offplatform_evidence_present"
        case .identityOther: "identity_other"
        case .merchantViolation(let id): "merchant_violation:\(id.rawValue)"
        }
    }
}
