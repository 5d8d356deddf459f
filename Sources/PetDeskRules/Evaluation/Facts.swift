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
/// `init`; other instants (a refusal, a signature) are computed on demand. The case is borrowed,
/// not copied: a `Facts` lives only inside one call of `RulePack.evaluate` (see `withFacts`).
struct Facts {
    private let casePointer: UnsafePointer<Case>
    let parameters: Parameters
    let hasLeftEvidence: Bool
    /// On-platform merchant contacts in time order (contacts of unknown channel do not count, §8.9).
    let onPlatformContacts: [Instant]
    /// The evaluation instant and what was precomputed for it.
    private(set) var evaluationInstant: Instant
    private(set) var satisfactionsAtEvaluation: [ItemSatisfaction] = []
    private(set) var transitAtEvaluation: Transit?

    /// The case under evaluation.
    var kase: Case { _read { yield casePointer.pointee } }

    /// Runs `body` with the facts of `kase` at `at`; the facts must not escape `body`.
    static func with<R>(_ kase: Case, _ parameters: Parameters, at: Instant, _ body: (borrowing Facts) -> R) -> R {
        withUnsafePointer(to: kase) { pointer in
            body(Facts(pointer, parameters, at: at))
        }
    }

    private init(_ pointer: UnsafePointer<Case>, _ parameters: Parameters, at: Instant) {
        casePointer = pointer
        self.parameters = parameters
        let kase = pointer
        var contacts: [Instant] = []
        if let list = kase.pointee.contacts {
            for c in list where c.channel?.isOnPlatform ?? false { contacts.append(c.at) }
            contacts.sort()
        }
        onPlatformContacts = contacts
        hasLeftEvidence = kase.pointee.shipment.firstScanAt != nil
            || !(kase.pointee.shipment.waybill ?? "").isBlank
            || !(kase.pointee.tracking?.isEmpty ?? true)
            || kase.pointee.delivery.offeredAt != nil || kase.pointee.delivery.signedAt != nil
            || kase.pointee.delivery.refusedAt != nil || kase.pointee.claim?.type == .refuse
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
