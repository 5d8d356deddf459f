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
///
/// What the evaluation instant needs (checklist satisfaction, the transit) is computed once at
/// `init`; other instants (a refusal, a signature) are computed on demand.
struct Facts {
    /// The case under evaluation (copy-on-write: holding it costs one reference count).
    let kase: Case
    let parameters: Parameters
    let hasLeftEvidence: Bool
    /// The evaluation instant and what was precomputed for it.
    private(set) var evaluationInstant: Instant
    private(set) var satisfactionsAtEvaluation = ItemSatisfactions()
    private(set) var transitAtEvaluation: Transit?

    init(_ kase: Case, _ parameters: Parameters, at: Instant) {
        self.kase = kase
        self.parameters = parameters
        hasLeftEvidence = kase.shipment.firstScanAt != nil
            || !(kase.shipment.waybill ?? "").isBlank
            || !(kase.tracking?.isEmpty ?? true)
            || kase.delivery.offeredAt != nil || kase.delivery.signedAt != nil
            || kase.delivery.refusedAt != nil || kase.claim?.type == .refuse
        evaluationInstant = at
        satisfactionsAtEvaluation = computeSatisfactions(ship: shipState(at: at))
        transitAtEvaluation = computeTransit(at: at)
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
