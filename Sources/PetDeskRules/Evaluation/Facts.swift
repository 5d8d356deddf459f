/// Whether and when the pet left the merchant, at an instant (standard §8.1).
enum ShipState: Hashable, Sendable {
    case notShipped
    case shipped(Instant)
    /// The case shows the pet left, but `shipment.shipped_at` is unknown.
    case shippedAtUnknown

    var instant: Instant? {
        if case .shipped(let s) = self { return s }
        return nil
    }
}

/// Facts derived once per evaluation and shared by the rule families.
struct Facts: Sendable {
    let kase: Case
    let parameters: Parameters
    let hasLeftEvidence: Bool

    init(_ kase: Case, _ parameters: Parameters) {
        self.kase = kase
        self.parameters = parameters
        let s = kase.shipment
        hasLeftEvidence = s.firstScanAt != nil
            || !(s.waybill ?? "").trimmingSpaces().isEmpty
            || !(kase.tracking ?? []).isEmpty
            || kase.delivery.offeredAt != nil || kase.delivery.signedAt != nil || kase.delivery.refusedAt != nil
            || kase.claim?.type == .refuse
    }

    /// The shipping state as known at `t`.
    func shipState(at t: Instant) -> ShipState {
        if let s = kase.shipment.shippedAt {
            return s <= t ? .shipped(s) : .notShipped
        }
        return hasLeftEvidence ? .shippedAtUnknown : .notShipped
    }

    /// The first offer to the buyer: `offered_at`, else the signature (§8.7).
    var offerInstant: Instant? { kase.delivery.offeredAt ?? kase.delivery.signedAt }

    /// Whether the buyer had signed strictly before `t` (refusal grounds end at signing).
    func signedBefore(_ t: Instant) -> Bool {
        guard let signed = kase.delivery.signedAt else { return false }
        return signed < t
    }
}
