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

/// Facts derived from a case and shared by the rule families.
///
/// What the evaluation instant needs (checklist satisfaction, the transit) is computed once at
/// `init`; other instants (a refusal, a signature) are computed on demand.
struct Facts {
    /// The case under evaluation (copy-on-write: holding it costs one reference count).
    let kase: Case
    let parameters: Parameters
    /// The case shows the pet left (§8.1), whether or not `shipped_at` is known.
    let hasLeftEvidence: Bool
    /// What no instant changes, worked out once per case (a ruling decides the case again at
    /// each `valid_until` candidate).
    let timeless: Timeless
    /// The evaluation instant and what was precomputed for it.
    private(set) var evaluationInstant: Instant
    private(set) var satisfactionsAtEvaluation = ItemSatisfactions()
    /// The transit at the evaluation instant; nil when not worked out (a `valid_until`
    /// candidate works it out only if its decision reads it: after signing it seldom does).
    private(set) var transitAtEvaluation: Transit??
    /// The four refund grounds at the signature, once the evaluation instant has reached it.
    /// They do not depend on the instant, and every step after signing reads them: a ruling
    /// worked them out again at each `valid_until` candidate (callgrind: a fifth of a ruling).
    private(set) var groundsAtSigning: RefundGrounds?
    /// KS-PET-SHIP-UNCONFIRMED at the evaluation instant, when the shipping instant is known
    /// or the pet never left: it reads the instant only through the shipping state, so it is
    /// worked out again only when a move changes that state (callgrind: 7 % of a ruling).
    private(set) var shipUnconfirmedAtEvaluation: RuleOutcome?

    init(_ kase: Case, _ parameters: Parameters, at: Instant) {
        // Not delegated to the variants' initializer: delegating copied the facts made there.
        self.kase = kase
        self.parameters = parameters
        timeless = Timeless(kase, parameters)
        let derived = Derived(kase, parameters, at: at)
        hasLeftEvidence = derived.hasLeftEvidence
        evaluationInstant = at
        satisfactionsAtEvaluation = derived.satisfactions
        transitAtEvaluation = derived.transit
    }

    /// Works out, in place, what every decision of a ruling reads again: the refund grounds at
    /// the signature and KS-PET-SHIP-UNCONFIRMED at the evaluation instant (until then each
    /// read works them out). Not in `init`: calls on `self` there copied the facts, and a
    /// standing, which decides once, has no use for them (callgrind over `bench rules`'
    /// rulings: 166.5 M -> 165.5 M instructions).
    mutating func keepWhatDecisionsReread() {
        keepGroundsAtSigning()
        if shipUnconfirmedAtEvaluation == nil, !shipsInAnUnknownWorld {
            shipUnconfirmedAtEvaluation = shipUnconfirmed(at: evaluationInstant)
        }
    }

    /// What the facts work out at the evaluation instant from the case's parts (not through
    /// `self`: a call on `self` while the facts were being made copied all of them).
    private struct Derived {
        var hasLeftEvidence: Bool
        var satisfactions: ItemSatisfactions
        var transit: Transit?

        init(_ kase: Case, _ parameters: Parameters, at: Instant) {
            // The waybill's text last: the other facts nearly always answer first.
            hasLeftEvidence = kase.shipment.firstScanAt != nil
                || !(kase.tracking?.isEmpty ?? true)
                || kase.delivery.offeredAt != nil || kase.delivery.signedAt != nil
                || kase.delivery.refusedAt != nil || kase.claim?.type == .refuse
                || !(kase.shipment.waybill ?? "").isBlank
            let ship = Facts.shipState(of: kase, hasLeftEvidence: hasLeftEvidence, at: at)
            satisfactions = Facts.satisfactions(of: kase, parameters, ship: ship)
            transit = Facts.transit(of: kase, parameters, ship: ship, end: Facts.transitEnd(of: kase), at: at)
        }
    }

    /// The case shows the pet left but not when: its rules are weighed over the possible
    /// shipping instants (§8.21).
    var shipsInAnUnknownWorld: Bool { kase.shipment.shippedAt == nil && hasLeftEvidence }

    private init(_ kase: Case, _ parameters: Parameters, at: Instant, timeless: Timeless) {
        self.kase = kase
        self.parameters = parameters
        self.timeless = timeless
        let derived = Derived(kase, parameters, at: at)
        hasLeftEvidence = derived.hasLeftEvidence
        evaluationInstant = at
        satisfactionsAtEvaluation = derived.satisfactions
        transitAtEvaluation = derived.transit
    }

    /// The facts at `t` of `variant`, a possible world of this case (§8.21) with the same
    /// scope, identity and channels.
    func variant(_ variant: Case, at t: Instant) -> Facts {
        Facts(variant, parameters, at: t, timeless: timeless)
    }

    /// Moves these facts to a later instant `t` (a `valid_until` candidate), in place, so the
    /// candidates are visited in turn without copying the facts for each: the checklist's
    /// satisfaction is reused when the shipping state at `t` is the one at the evaluation
    /// instant (it depends on nothing else); the transit is left to be worked out when read.
    mutating func move(to t: Instant) {
        let ship = shipState(at: t)
        let shipChanged = ship != shipState(at: evaluationInstant)
        if shipChanged { satisfactionsAtEvaluation = computeSatisfactions(ship: ship) }
        evaluationInstant = t
        transitAtEvaluation = nil
        if shipChanged, shipUnconfirmedAtEvaluation != nil {
            shipUnconfirmedAtEvaluation = nil
            shipUnconfirmedAtEvaluation = shipUnconfirmed(at: t)
        }
        // Last: the grounds at a signature reached now read what was kept for `t` above.
        keepGroundsAtSigning()
    }

    /// Works out the grounds at the signature when the evaluation instant has reached it and
    /// they are not kept yet (a possible world of §8.21 never keeps them: it is asked one rule
    /// at one instant).
    private mutating func keepGroundsAtSigning() {
        guard groundsAtSigning == nil, let signed = kase.delivery.signedAt, signed <= evaluationInstant else { return }
        groundsAtSigning = computeRefundGrounds(at: signed)
    }

    /// The four refund grounds of step 4 at `t`, in their order.
    func refundGrounds(at t: Instant) -> RefundGrounds {
        if let groundsAtSigning, t == kase.delivery.signedAt { return groundsAtSigning }
        return computeRefundGrounds(at: t)
    }

    private func computeRefundGrounds(at t: Instant) -> RefundGrounds {
        RefundGrounds(all: (cancel(at: t), shipUnconfirmed(at: t), delivery(at: t), stallReply(at: t)))
    }

    /// The shipping state as known at `t`.
    func shipState(at t: Instant) -> ShipState {
        Self.shipState(of: kase, hasLeftEvidence: hasLeftEvidence, at: t)
    }

    private static func shipState(of kase: Case, hasLeftEvidence: Bool, at t: Instant) -> ShipState {
        if let s = kase.shipment.shippedAt {
            return s <= t ? .shipped(s) : .notShipped
        }
        return hasLeftEvidence ? .shippedAtUnknown : .notShipped
    }

    /// The first delivery event: the offer, else the earlier of a signature and a refusal, which
    /// bound the offer from above (§6, §8.7). The transit ends here.
    var transitEnd: Instant? { Self.transitEnd(of: kase) }

    private static func transitEnd(of kase: Case) -> Instant? {
        if let offered = kase.delivery.offeredAt { return offered }
        switch (kase.delivery.signedAt, kase.delivery.refusedAt) {
        case let (s?, r?): return min(s, r)
        case let (s?, nil): return s
        case let (nil, r?): return r
        case (nil, nil): return nil
        }
    }

    /// Whether the buyer had signed strictly before `t` (refusal grounds end at signing).
    func signedBefore(_ t: Instant) -> Bool {
        guard let signed = kase.delivery.signedAt else { return false }
        return signed < t
    }

    /// The type of the claim as known at `t`: a claim dated after `t` has not been made yet
    /// (§9). Only the type, so that deciding at each `valid_until` candidate copies no words.
    func claimType(at t: Instant) -> ClaimType? {
        guard let type = kase.claim?.type else { return nil }
        guard let instant = claimInstant else { return type }
        return instant <= t ? type : nil
    }

    /// Whether the claim is a refusal (§8.3): its type is `refuse` or the pet was refused.
    var isRefusal: Bool { kase.claim?.type == .refuse || kase.delivery.refusedAt != nil }

    /// When the claim was made: `claim.at`, or for a refusal without it `delivery.refused_at` (§8.17).
    var claimInstant: Instant? {
        if let at = kase.claim?.at { return at }
        return isRefusal ? kase.delivery.refusedAt : nil
    }

    // MARK: - An unknown shipping instant (§8.21)

    /// The latest instant the pet can have shipped when `shipped_at` is unknown: the first
    /// logistics or delivery event the case records, else `t`.
    func latestPossibleShipment(at t: Instant) -> Instant {
        var bound = t
        for i in [kase.shipment.firstScanAt, kase.delivery.offeredAt, kase.delivery.signedAt, kase.delivery.refusedAt] {
            if let i, i < bound { bound = i }
        }
        if let tracking = kase.tracking { for i in tracking.indices where tracking[i].at < bound { bound = tracking[i].at } }
        return max(bound, kase.paidAt)
    }

    /// Evaluates a rule for every instant the pet could have shipped at, when the case shows it
    /// left but not when (§8.21): the answer stands if it is the same for all of them, else the
    /// rule is unknown with `shipment.shipped_at` missing.
    func overPossibleShipments(at t: Instant, _ rule: RuleID, _ evaluate: (Facts) -> RuleOutcome) -> RuleOutcome {
        guard shipsInAnUnknownWorld else { return evaluate(self) }
        let lower = kase.paidAt, upper = latestPossibleShipment(at: t)
        // The rules compare the shipping instant with the case's instants; besides the two ends
        // of the range, the instant just after a cancellation or claim is where CANCEL can hold.
        var samples = [lower, upper]
        for i in [kase.cancellation?.requestedAt, kase.claim?.at].compactMap({ $0 }) {
            let next = i.adding(seconds: 1)
            if next > lower, next < upper { samples.append(next) }
        }
        return Self.agreement(of: samples.map { s in
            var variant = kase
            variant.shipment.shippedAt = s
            return evaluate(self.variant(variant, at: t))
        }, rule: rule, unknown: .shippedAt, detail: .shipmentInstantUnknown)
    }

    /// One outcome for several possible worlds: theirs when they agree, else unknown with `path`.
    static func agreement(of outcomes: [RuleOutcome], rule: RuleID, unknown path: EvidencePath,
                          detail: FindingDetail) -> RuleOutcome {
        let first = outcomes[0]
        var missing = EvidenceSet()
        var proven = false, disproven = false
        for o in outcomes {
            switch o.status {
            case .proven: proven = true
            case .disproven: disproven = true
            case .unknown(let paths): missing.formUnion(paths)
            }
        }
        let kinds = (proven ? 1 : 0) + (disproven ? 1 : 0) + (missing.isEmpty ? 0 : 1)
        if kinds == 1 { return missing.isEmpty ? first : RuleOutcome(rule: rule, status: .unknown(missing), detail: first.detail) }
        missing.insert(path)
        return RuleOutcome(rule: rule, status: .unknown(missing), detail: detail)
    }
}

/// The parts of a decision that depend on the case alone, never on the instant: its scope and
/// the flags that do not come from refund grounds.
struct Timeless {
    /// KS-PET-SCOPE's outcome.
    let scope: RuleOutcome
    /// The purchase process was not disclosed on the platform: a KS-PET-DISCLOSE violation flag.
    let disclosureViolated: Bool
    /// KS-PET-ID holds: the identity was given by leg ring, ear tag or batch id.
    let identityOther: Bool
    /// Some evidence exists only off the platform (§8.11).
    let offPlatformEvidence: Bool

    init(_ kase: Case, _ parameters: Parameters) {
        scope = Facts.scope(of: kase)
        let disclosure = kase.checklist.effectiveStatus(.purchaseProcess)
        disclosureViolated = disclosure == .missing || disclosure == .offPlatform
        identityOther = Facts.identity(of: kase, parameters).status == .proven
        offPlatformEvidence = Self.hasOffPlatformEvidence(kase)
    }

    /// Any off-platform item, consent, agreement, reply or contact (§8.11). The lists are read
    /// by index, in place: a reply copied for a closure copied its words (callgrind over
    /// `bench rules`' rulings: 173.6 M -> 172.9 M instructions).
    private static func hasOffPlatformEvidence(_ kase: Case) -> Bool {
        let items = kase.checklist.itemFacts
        for i in items.indices where items[i].status == .offPlatform { return true }
        if kase.cancellation?.consentChannel == .offPlatform { return true }
        if kase.agreement?.channel == .offPlatform { return true }
        let replies = kase.stallReplies
        for i in replies.indices where replies[i].channel == .offPlatform { return true }
        if let contacts = kase.contacts {
            for i in contacts.indices where contacts[i].channel == .offPlatform { return true }
        }
        return false
    }
}
