/// KS-PET-DELIVERY-7D: delivery within 7 days of shipment, or within an agreed period (standard §4).
extension Facts {
    /// The deadline(s) the case could have: one when known, two when an agreement's effect is unknown.
    struct DeliveryWindow {
        var anchor: Instant?
        /// The deadline without the agreement, or with it when it applies.
        var primary: Deadline
        /// The agreed deadline when it is unknown whether the agreement applies.
        var alternative: Deadline?
        var missing: EvidenceSet

        func isOnTime(_ t: Instant) -> (all: Bool, any: Bool) {
            let a = primary.isOnTime(t)
            guard let alternative else { return (a, a) }
            let b = alternative.isOnTime(t)
            return (a && b, a || b)
        }
    }

    private enum AgreementEffect { case none, applies(AgreedPeriod), unknown(EvidencePath) }

    private func agreementEffect(shippedAt: Instant?) -> AgreementEffect {
        guard let a = kase.agreement else { return .none }
        guard let channel = a.channel else { return .unknown(.agreementChannel) }
        guard channel.isOnPlatform else { return .none }
        guard let agreedAt = a.agreedAt else { return .unknown(.agreementAgreedAt) }
        guard let shippedAt else { return .unknown(.shippedAt) }
        return agreedAt < shippedAt ? .applies(a.period) : .none
    }

    private func deadline(_ period: AgreedPeriod?, from anchor: Instant) -> Deadline {
        switch period {
        case nil: .days(parameters.deliveryDays, from: anchor, mode: parameters.dayPeriodMode)
        case .days(let n): .days(n, from: anchor, mode: parameters.dayPeriodMode)
        case .hours(let n): .hours(n, from: anchor)
        case .date(let d): .endOf(d)
        }
    }

    private func window(from anchor: Instant, known: Bool, shippedAt: Instant?, missing: EvidenceSet) -> DeliveryWindow {
        switch agreementEffect(shippedAt: shippedAt) {
        case .none:
            return DeliveryWindow(anchor: known ? anchor : nil, primary: deadline(nil, from: anchor), missing: missing)
        case .applies(let p):
            return DeliveryWindow(anchor: known ? anchor : nil, primary: deadline(p, from: anchor), missing: missing)
        case .unknown(let path):
            var m = missing
            m.insert(path)
            return DeliveryWindow(anchor: known ? anchor : nil, primary: deadline(nil, from: anchor),
                                  alternative: deadline(kase.agreement!.period, from: anchor), missing: m)
        }
    }

    /// The delivery window as known at `t`; nil when the pet has not been shipped.
    func deliveryWindow(at t: Instant) -> DeliveryWindow? {
        let ship = shipState(at: t)
        if ship == .notShipped { return nil }
        let shippedAt = ship.instant
        let (anchor, anchorPath): (Instant?, EvidencePath) = switch parameters.deliveryAnchor {
        case .shippedAt: (shippedAt, .shippedAt)
        case .firstScanAt: (kase.shipment.firstScanAt, .firstScanAt)
        }
        if let anchor { return window(from: anchor, known: true, shippedAt: shippedAt, missing: EvidenceSet()) }
        // The anchor is unknown; it is no earlier than this, so on time from here is on time.
        let lowerBound = parameters.deliveryAnchor == .firstScanAt ? (shippedAt ?? kase.paidAt) : kase.paidAt
        return window(from: lowerBound, known: false, shippedAt: shippedAt, missing: EvidenceSet(anchorPath))
    }

    /// When delivery completed, per `delivery_complete_at`.
    var completionInstant: Instant? {
        switch parameters.deliveryCompleteAt {
        case .offered: offerInstant
        case .signed: kase.delivery.signedAt
        }
    }

    func delivery(at t: Instant) -> RuleOutcome {
        guard let window = deliveryWindow(at: t) else { return .notApplicable(.delivery, .notShipped) }
        let completed = completionInstant.flatMap { $0 <= t ? $0 : nil }
        let checked = completed ?? t
        let onTime = window.isOnTime(checked)
        let primary = window.primary
        if onTime.all {
            let detail: FindingDetail = completed.map { .deliveredOnTime($0, primary) } ?? .inTransitBeforeDeadline(primary)
            return RuleOutcome(rule: .delivery, status: .disproven, detail: detail)
        }
        if window.anchor == nil || onTime.any {
            return RuleOutcome(rule: .delivery, status: .unknown(window.missing), detail: .deadlineUnknown(window.missing))
        }
        if signedBefore(t) {
            return RuleOutcome(rule: .delivery, status: .disproven, detail: .groundEndedAtSigning(kase.delivery.signedAt!))
        }
        let detail: FindingDetail = completed.map { .deliveredLate($0, primary) } ?? .notOfferedPastDeadline(primary)
        return RuleOutcome(rule: .delivery, status: .proven, detail: detail)
    }
}
