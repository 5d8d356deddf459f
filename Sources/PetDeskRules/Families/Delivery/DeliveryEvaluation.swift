/// KS-PET-DELIVERY-7D: delivery within 7 days of shipment, or within an agreed period (standard §4).
extension Facts {
    /// The deadline(s) the delivery could have: one when known, two when it is unknown whether an
    /// agreement applies.
    struct DeliveryWindow {
        var anchor: Instant
        /// The deadline without the agreement, or with it when it applies.
        var primary: Deadline
        /// The agreed deadline when it is unknown whether the agreement applies.
        var alternative: Deadline?
        /// What keeps the agreement's effect unknown.
        var missing: EvidenceSet

        /// Whether `t` is on time for every possible deadline, and for some.
        func isOnTime(_ t: Instant) -> (all: Bool, any: Bool) {
            let a = primary.isOnTime(t)
            guard let alternative else { return (a, a) }
            let b = alternative.isOnTime(t)
            return (a && b, a || b)
        }

        /// The single deadline, when it is known.
        var knownDeadline: Deadline? { alternative == nil ? primary : nil }
    }

    /// How the pet's delivery stands at an instant.
    enum Completion {
        /// Not yet delivered at the instant.
        case open
        /// Delivered (offered) at this instant.
        case exact(Instant)
        /// Signed for or refused at this instant with no offer instant: offered no later.
        case noLaterThan(Instant)

        var instant: Instant? {
            switch self {
            case .open: nil
            case .exact(let i), .noLaterThan(let i): i
            }
        }
    }

    private enum AgreementEffect { case none, applies(AgreedPeriod), unknown(EvidenceSet) }

    /// Whether an agreement replaces the 7 days; when that is unknown, every absent fact that
    /// would settle it is listed (§8.10).
    private func agreementEffect(shippedAt: Instant) -> AgreementEffect {
        guard let a = kase.agreement else { return .none }
        if let channel = a.channel, !channel.isOnPlatform { return .none }
        var missing = EvidenceSet()
        if a.channel == nil { missing.insert(.agreementChannel) }
        if a.agreedAt == nil { missing.insert(.agreementAgreedAt) }
        if let agreedAt = a.agreedAt, agreedAt >= shippedAt { return .none }
        guard missing.isEmpty else { return .unknown(missing) }
        return .applies(a.period)
    }

    /// The deadline of `period` (the pack's days when nil) counted from `anchor`.
    func deliveryDeadline(_ period: AgreedPeriod?, from anchor: Instant) -> Deadline {
        switch period {
        case nil: .days(parameters.deliveryDays, from: anchor, mode: parameters.dayPeriodMode)
        case .days(let n): .days(n, from: anchor, mode: parameters.dayPeriodMode)
        case .hours(let seconds): Deadline(instant: anchor.adding(seconds: seconds), isInclusive: true)
        case .date(let d): .endOf(d)
        }
    }

    /// The delivery window, given when the pet shipped; nil while the anchor is unknown.
    func deliveryWindow(shippedAt: Instant) -> DeliveryWindow? {
        let anchor: Instant? = switch parameters.deliveryAnchor {
        case .shippedAt: shippedAt
        case .firstScanAt: kase.shipment.firstScanAt
        }
        guard let anchor else { return nil }
        switch agreementEffect(shippedAt: shippedAt) {
        case .none:
            return DeliveryWindow(anchor: anchor, primary: deliveryDeadline(nil, from: anchor), missing: EvidenceSet())
        case .applies(let p):
            return DeliveryWindow(anchor: anchor, primary: deliveryDeadline(p, from: anchor), missing: EvidenceSet())
        case .unknown(let paths):
            return DeliveryWindow(anchor: anchor, primary: deliveryDeadline(nil, from: anchor),
                                  alternative: deliveryDeadline(kase.agreement!.period, from: anchor), missing: paths)
        }
    }

    /// How delivery stands at `t`, per `delivery_complete_at` (§6).
    func completion(at t: Instant) -> Completion {
        switch parameters.deliveryCompleteAt {
        case .offered:
            if let offered = kase.delivery.offeredAt { return offered <= t ? .exact(offered) : .open }
            if let end = transitEnd, end <= t { return .noLaterThan(end) }
        case .signed:
            if let signed = kase.delivery.signedAt, signed <= t { return .exact(signed) }
            if let refused = kase.delivery.refusedAt, refused <= t { return .noLaterThan(refused) }
        }
        return .open
    }

    func delivery(at t: Instant) -> RuleOutcome {
        overPossibleShipments(at: t, .delivery) { $0.deliveryOverPossibleScans(at: t) }
    }

    /// With `delivery_anchor = first_scan_at` and no first scan recorded, the scan lies between
    /// the shipment and the first later event; lateness is unknown unless all agree (§8.21).
    private func deliveryOverPossibleScans(at t: Instant) -> RuleOutcome {
        guard parameters.deliveryAnchor == .firstScanAt, kase.shipment.firstScanAt == nil,
              case .shipped(let shippedAt) = shipState(at: t) else { return deliveryWithKnownAnchor(at: t) }
        var upper = t
        if let tracking = kase.tracking {
            for i in tracking.indices where tracking[i].at >= shippedAt && tracking[i].at < upper { upper = tracking[i].at }
        }
        if let end = transitEnd, end >= shippedAt, end < upper { upper = end }
        return Self.agreement(of: [shippedAt, upper].map { scan in
            var variant = kase
            variant.shipment.firstScanAt = scan
            return self.variant(variant, at: t).deliveryWithKnownAnchor(at: t)
        }, rule: .delivery, unknown: .firstScanAt, detail: .deadlineUnknown(EvidenceSet(.firstScanAt)))
    }

    private func deliveryWithKnownAnchor(at t: Instant) -> RuleOutcome {
        let ship = shipState(at: t)
        guard ship != .notShipped else { return .notApplicable(.delivery, .notShipped) }
        guard let shippedAt = ship.instant else {
            return RuleOutcome(rule: .delivery, status: .unknown(EvidenceSet(.shippedAt)), detail: .shipmentInstantUnknown)
        }
        guard let window = deliveryWindow(shippedAt: shippedAt) else {
            return RuleOutcome(rule: .delivery, status: .unknown(EvidenceSet(.firstScanAt)), detail: .deadlineUnknown(EvidenceSet(.firstScanAt)))
        }
        let done = completion(at: t)
        let onTime = window.isOnTime(done.instant ?? t)
        let primary = window.primary
        if onTime.all {
            let detail: FindingDetail = switch done {
            case .open: .inTransitBeforeDeadline(primary)
            case .exact(let o): .deliveredOnTime(o, primary)
            case .noLaterThan(let o): .deliveredNoLaterThan(o, primary)
            }
            return RuleOutcome(rule: .delivery, status: .disproven, detail: detail)
        }
        // With `signing_ends_refusal_grounds = false` the late delivery is judged at `at` as
        // written in §4, whose text does not end it at signing (§8.15).
        if parameters.signingEndsRefusalGrounds, signedBefore(t) {
            return RuleOutcome(rule: .delivery, status: .disproven, detail: .groundEndedAtSigning(kase.delivery.signedAt!))
        }
        var missing = onTime.any ? window.missing : EvidenceSet()
        // A signature or refusal after the deadline with no offer instant proves nothing about the offer (§6).
        if case .noLaterThan = done { missing.insert(.offeredAt) }
        if !missing.isEmpty {
            return RuleOutcome(rule: .delivery, status: .unknown(missing), detail: .deadlineUnknown(missing))
        }
        let detail: FindingDetail = switch done {
        case .exact(let o): .deliveredLate(o, primary)
        default: .notOfferedPastDeadline(primary)
        }
        return RuleOutcome(rule: .delivery, status: .proven, detail: detail)
    }
}
