/// KS-PET-CANCEL: a cancellation before shipment must be consented to before shipping (standard §4, §8.8).
extension Facts {
    private enum Consent { case given(Instant), none, unknown }

    /// An on-platform consent at or after `requestedAt`, before `end` (when given) and not after `t`.
    private func consent(after requestedAt: Instant, before end: Instant?, at t: Instant) -> Consent {
        guard let c = kase.cancellation, let consentAt = c.consentAt,
              consentAt >= requestedAt, consentAt <= t else { return .none }
        if let end, consentAt >= end { return .none }
        guard let channel = c.consentChannel else { return .unknown }
        return channel.isOnPlatform ? .given(consentAt) : .none
    }

    func cancel(at t: Instant) -> RuleOutcome {
        guard let c = kase.cancellation else { return .notApplicable(.cancel, .noCancellation) }
        guard let requestedAt = c.requestedAt else {
            return RuleOutcome(rule: .cancel, status: .unknown(EvidenceSet(.cancellationRequestedAt)), detail: .cancellationInstantUnknown)
        }
        guard requestedAt <= t else { return .notApplicable(.cancel, .noCancellation) }
        if !parameters.cancelSurvivesSigning, signedBefore(t) {
            return RuleOutcome(rule: .cancel, status: .disproven, detail: .groundEndedAtSigning(kase.delivery.signedAt!))
        }
        let unknownConsent = RuleOutcome(rule: .cancel, status: .unknown(EvidenceSet(.consentChannel)),
                                         detail: .consentChannelUnknown)
        switch shipState(at: t) {
        case .notShipped:
            // Cancelled and never shipped: the merchant's refusal to refund shows as a pending refund claim.
            guard let claim = kase.claim, claim.type == .refundOnly || claim.type == .returnRefund else {
                return RuleOutcome(rule: .cancel, status: .disproven, detail: .cancelledNotShipped(requestedAt))
            }
            switch consent(after: requestedAt, before: nil, at: t) {
            case .given(let at): return RuleOutcome(rule: .cancel, status: .disproven, detail: .cancellationWithdrawn(at))
            case .unknown: return unknownConsent
            case .none: return RuleOutcome(rule: .cancel, status: .proven, detail: .cancelledRefundRefused(requestedAt))
            }
        case .shippedAtUnknown:
            return RuleOutcome(rule: .cancel, status: .unknown(EvidenceSet(.shippedAt)), detail: .shipmentInstantUnknown)
        case .shipped(let shippedAt):
            guard requestedAt < shippedAt else {
                return .notApplicable(.cancel, .cancelledAfterShipment(requestedAt, shippedAt))
            }
            switch consent(after: requestedAt, before: shippedAt, at: t) {
            case .given(let at): return RuleOutcome(rule: .cancel, status: .disproven, detail: .consentBeforeShipping(at))
            case .unknown: return unknownConsent
            case .none: return RuleOutcome(rule: .cancel, status: .proven, detail: .shippedDespiteCancellation(requestedAt, shippedAt))
            }
        }
    }
}
