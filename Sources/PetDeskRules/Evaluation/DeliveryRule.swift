/// KS-PET-DELIVERY-7D: delivery within 7 days of shipment, or within an agreed period (standard §4).
extension Facts {
    /// The deadline(s) the case could have: one when known, two when an agreement's effect is unknown.
    struct DeliveryWindow {
        var anchor: Instant?
        var deadlines: [Deadline]
        var missing: [String]
    }

    private enum AgreementEffect { case none, applies(AgreedPeriod), unknown(String) }

    private func agreementEffect(shippedAt: Instant?) -> AgreementEffect {
        guard let a = kase.agreement else { return .none }
        guard let channel = a.channel else { return .unknown("agreement.channel") }
        guard channel.isOnPlatform else { return .none }
        guard let agreedAt = a.agreedAt else { return .unknown("agreement.agreed_at") }
        guard let shippedAt else { return .unknown("shipment.shipped_at") }
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

    private func deadlines(from anchor: Instant, shippedAt: Instant?, missing: inout [String]) -> [Deadline] {
        switch agreementEffect(shippedAt: shippedAt) {
        case .none: return [deadline(nil, from: anchor)]
        case .applies(let p): return [deadline(p, from: anchor)]
        case .unknown(let path):
            appendUnique([path], to: &missing)
            return [deadline(nil, from: anchor), deadline(kase.agreement!.period, from: anchor)]
        }
    }

    /// The delivery window as known at `t`; nil when the pet has not been shipped.
    func deliveryWindow(at t: Instant) -> DeliveryWindow? {
        let ship = shipState(at: t)
        if ship == .notShipped { return nil }
        let shippedAt = ship.instant
        let (anchor, anchorPath): (Instant?, String) = switch parameters.deliveryAnchor {
        case .shippedAt: (shippedAt, "shipment.shipped_at")
        case .firstScanAt: (kase.shipment.firstScanAt, "shipment.first_scan_at")
        }
        var missing: [String] = []
        if let anchor {
            return DeliveryWindow(anchor: anchor, deadlines: deadlines(from: anchor, shippedAt: shippedAt, missing: &missing),
                                  missing: missing)
        }
        // The anchor is unknown; it is no earlier than this, so on time from here is on time.
        let lowerBound = parameters.deliveryAnchor == .firstScanAt ? (shippedAt ?? kase.paidAt) : kase.paidAt
        missing.append(anchorPath)
        return DeliveryWindow(anchor: nil, deadlines: deadlines(from: lowerBound, shippedAt: shippedAt, missing: &missing),
                              missing: missing)
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
        let onTime = window.deadlines.map { $0.isOnTime(checked) }
        let primary = window.deadlines[0]
        if onTime.allSatisfy({ $0 }) {
            let detail: FindingDetail = completed.map { .deliveredOnTime($0, primary) } ?? .inTransitBeforeDeadline(primary)
            return RuleOutcome(rule: .delivery, status: .disproven, detail: detail)
        }
        if window.anchor == nil || onTime.contains(true) {
            return RuleOutcome(rule: .delivery, status: .unknown(window.missing), detail: .deadlineUnknown(window.missing))
        }
        if signedBefore(t) {
            return RuleOutcome(rule: .delivery, status: .disproven, detail: .groundEndedAtSigning(kase.delivery.signedAt!))
        }
        let detail: FindingDetail = completed.map { .deliveredLate($0, primary) } ?? .notOfferedPastDeadline(primary)
        return RuleOutcome(rule: .delivery, status: .proven, detail: detail)
    }
}
