/// KS-PET-CANCEL: a cancellation before shipment must be consented to before shipping
/// (standard §4, §8.8, §8.23).
extension Facts {
    private enum Consent { case given(Instant), none, unknown }

    /// The buyer's cancellation: the recorded one, or a refund claim filed before the pet was
    /// shipped with no cancellation recorded, which is the buyer cancelling (§8.23).
    var effectiveCancellation: (cancellation: Cancellation, isImplied: Bool)? {
        if let c = kase.cancellation { return (c, false) }
        // The claim's type and instant alone (copying the claim copied its words).
        guard let type = kase.claim?.type, type == .refundOnly || type == .returnRefund, let at = kase.claim?.at else { return nil }
        if let shipped = kase.shipment.shippedAt, shipped <= at { return nil }
        return (Cancellation(requestedAt: at), true)
    }

    /// An on-platform consent at or after `requestedAt`, before `end` (when given) and not after `t`.
    private func consent(_ c: Cancellation, after requestedAt: Instant, before end: Instant?, at t: Instant) -> Consent {
        guard let consentAt = c.consentAt, consentAt >= requestedAt, consentAt <= t else { return .none }
        if let end, consentAt >= end { return .none }
        guard let channel = c.consentChannel else { return .unknown }
        return channel.isOnPlatform ? .given(consentAt) : .none
    }

    /// Whether a cancellation is pending at `t` with the pet unshipped: the merchant must not ship.
    func cancellationPendingUnshipped(at t: Instant) -> Bool {
        guard shipState(at: t) == .notShipped, let (c, _) = effectiveCancellation,
              let requestedAt = c.requestedAt, requestedAt <= t else { return false }
        if case .given = consent(c, after: requestedAt, before: nil, at: t) { return false }
        return true
    }

    func cancel(at t: Instant) -> RuleOutcome {
        overPossibleShipments(at: t, .cancel) { $0.cancelWithKnownShipment(at: t) }
    }

    private func cancelWithKnownShipment(at t: Instant) -> RuleOutcome {
        guard let (c, isImplied) = effectiveCancellation else { return .notApplicable(.cancel, .noCancellation) }
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
            // A refund asked for before shipping is a cancellation under the general rules (§8.23).
            if isImplied { return RuleOutcome(rule: .cancel, status: .disproven, detail: .refundRequestedBeforeShipment(requestedAt)) }
            // Cancelled and never shipped: the merchant's refusal to refund shows as a pending refund claim.
            guard let claim = kase.claim, claim.type == .refundOnly || claim.type == .returnRefund else {
                return RuleOutcome(rule: .cancel, status: .disproven, detail: .cancelledNotShipped(requestedAt))
            }
            switch consent(c, after: requestedAt, before: nil, at: t) {
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
            switch consent(c, after: requestedAt, before: shippedAt, at: t) {
            case .given(let at): return RuleOutcome(rule: .cancel, status: .disproven, detail: .consentBeforeShipping(at))
            case .unknown: return unknownConsent
            case .none: return RuleOutcome(rule: .cancel, status: .proven, detail: .shippedDespiteCancellation(requestedAt, shippedAt))
            }
        }
    }
}
