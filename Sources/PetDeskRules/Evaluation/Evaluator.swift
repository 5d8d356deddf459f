/// The evaluation order of KS-PET-2022 (standard §5): the first decisive step wins; flags are
/// collected all the way.
struct KSPet2022Evaluator {
    var facts: Facts

    /// The verdict for `kase` at `at`, with its timers, `valid_until` and next steps.
    static func evaluate(_ kase: Case, parameters: Parameters, packID: String, at: Instant) -> Verdict {
        var evaluator = KSPet2022Evaluator(facts: Facts(kase, parameters, at: at))
        evaluator.facts.keepWhatDecisionsReread()
        let (decision, unknowns) = evaluator.decide(at: at)
        var verdict = Verdict(orderID: kase.orderID, at: at, pack: packID, decision)
        guard verdict.outcome != .outOfScope else {
            verdict.nextSteps = NextSteps.make(for: verdict, unknowns: unknowns, facts: evaluator.facts)
            return verdict
        }
        verdict.timers = evaluator.facts.timers(at: at)
        (verdict.validUntil, verdict.reviewAt) = ValidUntil.horizon(for: evaluator.facts, decision: decision)
        verdict.nextSteps = NextSteps.make(for: verdict, unknowns: unknowns, facts: evaluator.facts)
        return verdict
    }

    /// `evaluate`'s verdict without findings and next steps: the decision, its timers and how
    /// long it holds.
    static func ruling(_ kase: Case, parameters: Parameters, at: Instant) -> Ruling {
        var evaluator = KSPet2022Evaluator(facts: Facts(kase, parameters, at: at))
        evaluator.facts.keepWhatDecisionsReread()
        let decision = evaluator.decide(at: at, findings: false).decision
        guard decision.outcome != .outOfScope else {
            return Ruling(decision.parts, urgentTimer: nil, validUntil: nil, reviewAt: nil, hasClaim: decision.hasClaim)
        }
        // The timers first: the horizon moves the facts on.
        let urgent = evaluator.facts.urgentTimer(at: at)
        let (validUntil, reviewAt) = ValidUntil.horizon(moving: &evaluator, decision: decision)
        return Ruling(decision.parts, urgentTimer: urgent, validUntil: validUntil, reviewAt: reviewAt, hasClaim: decision.hasClaim)
    }

    /// The outcome and urgency `evaluate` gives, from the suggestion-only decision and the timers.
    static func standing(_ kase: Case, parameters: Parameters, at: Instant) -> Standing {
        let evaluator = KSPet2022Evaluator(facts: Facts(kase, parameters, at: at))
        let decision = evaluator.decide(at: at, findings: false).decision
        let urgent = decision.outcome == .outOfScope ? nil : evaluator.facts.urgentTimer(at: at)
        return Standing(outcome: decision.outcome,
                        undecided: Ruling.urgency(outcome: decision.outcome, urgentTimer: urgent, hasClaim: decision.hasClaim, isDecided: false))
    }

    private var kase: Case { facts.kase }

    /// The decision at `t` (a verdict without timers and next steps), and which rule needs each
    /// unknown fact (for the next steps). With `findings` false the decision's findings and
    /// unknowns stay empty and the rules that only explain (disclosure, confirmation, identity,
    /// pre-shipment, stall) are not evaluated at all (valid_until's candidates: callgrind, 6.5
    /// of them a case).
    func decide(at t: Instant, findings keepsFindings: Bool = true) -> (decision: Decision, unknowns: [(RuleID, EvidenceSet)]) {
        var decision = Decision()
        var unknowns: [(RuleID, EvidenceSet)] = []
        let claim = facts.claimType(at: t)
        decision.hasClaim = claim != nil
        let scope = facts.scope()
        guard scope.status != .proven else {
            decision.findings = [scope.finding]
            decision.parts.outcome = .outOfScope
            decision.parts.grounds = RuleIDList(.scope)
            return (decision, unknowns)
        }
        var record = Recorder(keepsFindings: keepsFindings)
        record.add(scope)
        record.add(facts.disclose())
        record.add(facts.group(.confirmation, at: t))
        record.add(facts.identity())
        record.add(facts.group(.preShipment, at: t))

        let signed = kase.delivery.signedAt.flatMap { $0 <= t ? $0 : nil }
        if claim == .lateShipment {
            // Step 2: the buyer-silence rule decides a late-shipment claim; violations are taken
            // at `at`, or at the signature once the pet is signed for (§8.5, §8.14).
            let silent = facts.buyerSilent(claimedAt: facts.claimInstant ?? t)
            record.add(silent)
            if silent.status == .proven {
                decide(&decision, .notDelayedShipment, RuleIDList(.buyerSilent))
            } else {
                // The silence rule decided; with no rule of its own for the claim, precedence defers it.
                decide(&decision, .deferGeneral, RuleIDList(.buyerSilent, .precedence))
            }
            let grounds = facts.refundGrounds(at: signed ?? t)
            record.addAll(grounds)
            record.violations(of: grounds, except: decision.parts.grounds)
        } else if let claim, let signed, facts.claimInstant == nil {
            // §8.17: whether the claim came after the signature decides the step, and it is unknown.
            decide(&decision, .needsEvidence, RuleIDList())
            decision.parts.missing = EvidenceSet(.claimAt)
            if keepsFindings { unknowns.append((Self.ruleAfterSigning(for: claim), EvidenceSet(.claimAt))) }
            record.add(RuleOutcome(rule: Self.ruleAfterSigning(for: claim), status: .unknown(EvidenceSet(.claimAt)),
                                   detail: .claimInstantUnknown))
            let atSigning = facts.refundGrounds(at: signed)
            record.violations(of: atSigning, except: RuleIDList())
        } else if let claim, let signed, let claimedAt = facts.claimInstant,
                  claimedAt >= signed || facts.parameters.signingEndsRefusalGrounds {
            // Step 3: a claim after signing, or made before and judged after it (§8.15).
            let cancel = facts.cancel(at: claimedAt)
            record.add(cancel)
            if cancel.status == .proven {
                decide(&decision, .fullRefund, RuleIDList(.cancel))
            } else {
                switch claim {
                case .mismatch:
                    let m = facts.mismatch()
                    record.add(m)
                    decide(&decision, m.status == .proven ? .claimNotSupported : .deferGeneral, RuleIDList(.mismatch))
                case .doa: decide(&decision, .deferGeneral, RuleIDList(.deadOnArrival))
                case .illness: decide(&decision, .deferGeneral, RuleIDList(.illness))
                case .noReasonReturn: decide(&decision, .claimNotSupported, RuleIDList(.noReasonReturn))
                case .refuse, .returnRefund, .refundOnly, .lateShipment: decide(&decision, .claimNotSupported, RuleIDList())
                }
            }
            let atSigning = facts.refundGrounds(at: signed)
            for g in atSigning where !g.rule.isSameDeclaration(as: .cancel) { record.add(g) }
            record.violations(of: atSigning, except: decision.parts.grounds)
        } else if let claim {
            // Step 4: refusal, return-and-refund or refund-only before signing.
            let instant = facts.isRefusal ? (kase.delivery.refusedAt ?? kase.claim?.at ?? t) : t
            let grounds = facts.refundGrounds(at: instant)
            record.addAll(grounds)
            let proven = grounds.proven
            var missing = EvidenceSet()
            for g in grounds {
                if case .unknown(let paths) = g.status {
                    missing.formUnion(paths)
                    if keepsFindings { unknowns.append((g.rule, paths)) }
                }
            }
            if !proven.isEmpty {
                decide(&decision, .fullRefund, proven)
            } else if !missing.isEmpty {
                decide(&decision, .needsEvidence, RuleIDList())
                decision.parts.missing = missing
            } else if let (_, isImplied) = facts.effectiveCancellation, isImplied, facts.shipState(at: instant) == .notShipped {
                // §8.23: a refund asked for before shipping, still unshipped: the general rules refund it.
                decide(&decision, .deferGeneral, RuleIDList(.cancel))
            } else if claim.isAboutCondition {
                let rule: RuleID = switch claim {
                case .doa: .deadOnArrival
                case .illness: .illness
                default: .mismatch
                }
                decide(&decision, .deferGeneral, RuleIDList(rule))
            } else if facts.isRefusal {
                decide(&decision, .buyerLiableCapped, RuleIDList(.refusalUnjustified))
                decision.parts.liabilityCap = kase.totalAmount
            } else if claim == .noReasonReturn {
                decide(&decision, .claimNotSupported, RuleIDList(.noReasonReturn))
            } else {
                decide(&decision, .claimNotSupported, RuleIDList())
            }
        } else if let signed {
            // Step 5, signed for: nothing can vest any more; what held at signing is flagged.
            let atSigning = facts.refundGrounds(at: signed)
            record.addAll(atSigning)
            decide(&decision, .monitor, RuleIDList())
            record.violations(of: atSigning, except: RuleIDList())
        } else {
            // Step 5: no claim yet.
            let grounds = facts.refundGrounds(at: t)
            record.addAll(grounds)
            let vested = grounds.proven
            decide(&decision, vested.isEmpty ? .monitor : .buyerMayRefuse, vested)
        }
        if keepsFindings, !record.contains(.stall) { record.add(facts.stall(at: t)) }

        decision.findings = record.findings
        decision.parts.violations = record.violationRules
        decision.parts.timeless = TimelessFlags(facts.timeless)
        return (decision, unknowns)
    }

    /// The instant from which `decide` no longer reads the instant it is asked at, so that its
    /// decision there holds for ever after (nil: it may always read it). Mirrors the steps of
    /// `decide`; `valid_until` stops at the first candidate past it (a case that can no longer
    /// change had every later candidate decided again for nothing).
    ///
    /// Every step reads the claim's type as known at the instant, so nothing settles before the
    /// claim is made. Then:
    /// - a late-shipment claim with no instant is judged by the buyer's silence at the instant;
    /// - once signed for, every step reads fixed instants (the grounds at the signature, the
    ///   cancellation at the claim), except step 4 for a claim made before the signature and
    ///   judged so (signing not ending the refusal grounds) unless it is a refusal;
    /// - before signing, a refusal with an instant is judged at it (step 4);
    /// - anything else reads the refund grounds at the instant, which stop changing only for a
    ///   pet that never shipped in any possible world, once its cancellation was asked for and
    ///   consented to.
    func settledFrom() -> Instant? {
        let type = kase.claim?.type, claimedAt = facts.claimInstant
        if type == .lateShipment, claimedAt == nil { return nil }
        var from = kase.paidAt
        if let claimedAt { from = max(from, claimedAt) }
        if let signed = kase.delivery.signedAt {
            if let type, let claimedAt, type != .lateShipment, claimedAt < signed,
               !facts.parameters.signingEndsRefusalGrounds, !facts.isRefusal {
                return nil
            }
            return max(from, signed)
        }
        if let type, type != .lateShipment, claimedAt != nil, facts.isRefusal { return from }
        guard kase.shipment.shippedAt == nil, !facts.hasLeftEvidence else { return nil }
        if let (c, _) = facts.effectiveCancellation {
            if let r = c.requestedAt { from = max(from, r) }
            if let k = c.consentAt { from = max(from, k) }
        }
        return from
    }

    /// The rule of step 3 that a claim of this type goes to; it needs to know when the claim was made.
    private static func ruleAfterSigning(for type: ClaimType) -> RuleID {
        switch type {
        case .mismatch: .mismatch
        case .doa: .deadOnArrival
        case .illness: .illness
        case .noReasonReturn: .noReasonReturn
        case .refuse, .returnRefund, .refundOnly, .lateShipment: .cancel
        }
    }

    private func decide(_ decision: inout Decision, _ outcome: Outcome, _ grounds: RuleIDList) {
        decision.parts.outcome = outcome
        decision.parts.grounds = grounds
    }
}

/// Collects findings in evaluation order, each rule once, and the violations to flag.
private struct Recorder {
    var findings: [Finding] = []
    var violationRules = RuleIDList()
    /// Whether findings are kept; when not, a finding's rule is not even evaluated.
    let keepsFindings: Bool

    init(keepsFindings: Bool) {
        self.keepsFindings = keepsFindings
        if keepsFindings { findings.reserveCapacity(14) }
    }

    func contains(_ rule: RuleID) -> Bool { findings.contains { $0.rule.isSameDeclaration(as: rule) } }

    mutating func add(_ outcome: @autoclosure () -> RuleOutcome) {
        guard keepsFindings else { return }
        let o = outcome()
        if !contains(o.rule) { findings.append(o.finding) }
    }

    mutating func addAll(_ list: RefundGrounds) {
        guard keepsFindings else { return }
        for o in list { add(o) }
    }

    /// Refund grounds that hold but did not decide the outcome become `merchant_violation` flags (§8.5).
    mutating func violations(of grounds: RefundGrounds, except decided: RuleIDList) {
        for i in 0..<grounds.count {
            let rule = grounds[i].rule
            guard grounds[i].status == .proven, !decided.contains(rule), !violationRules.contains(rule) else { continue }
            violationRules.append(rule)
        }
    }
}

/// The four refund grounds of step 4, stored inline.
struct RefundGrounds: RandomAccessCollection {
    let all: (RuleOutcome, RuleOutcome, RuleOutcome, RuleOutcome)

    var startIndex: Int { 0 }
    var endIndex: Int { 4 }

    subscript(i: Int) -> RuleOutcome {
        switch i {
        case 0: all.0
        case 1: all.1
        case 2: all.2
        default: all.3
        }
    }

    /// The proven grounds' rules, in order.
    var proven: RuleIDList {
        var result = RuleIDList()
        for g in self where g.status == .proven { result.append(g.rule) }
        return result
    }
}

/// Up to four rule IDs in order, stored in one word: a decision's grounds or the refund
/// grounds it flags as violations (no step names more than the four refund grounds). Each
/// byte is a rule's place in `rules` plus one, zero past the end; a decision made at each
/// `valid_until` candidate allocated these as arrays.
struct RuleIDList: RandomAccessCollection, Equatable {
    /// Every rule the evaluator can name as a ground or a violation.
    private static let rules: [RuleID] = [.scope, .precedence, .cancel, .shipUnconfirmed, .delivery, .stallReply,
                                          .refusalUnjustified, .buyerSilent, .mismatch, .noReasonReturn, .deadOnArrival,
                                          .illness]
    private var packed: UInt32 = 0
    private(set) var count = 0

    init() {}
    init(_ a: RuleID) { append(a) }
    init(_ a: RuleID, _ b: RuleID) { append(a); append(b) }

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    subscript(i: Int) -> RuleID { Self.rules[Int((packed >> UInt32(8 * i)) & 0xFF) - 1] }

    mutating func append(_ rule: RuleID) {
        guard count < 4, let place = Self.rules.firstIndex(where: { $0.isSameDeclaration(as: rule) }) else {
            preconditionFailure("a decision names at most the four refund grounds, each a rule of the pack")
        }
        packed |= UInt32(place + 1) << UInt32(8 * count)
        count += 1
    }

    func contains(_ rule: RuleID) -> Bool {
        for i in 0..<count where self[i].isSameDeclaration(as: rule) { return true }
        return false
    }

    static func == (lhs: RuleIDList, rhs: RuleIDList) -> Bool { lhs.packed == rhs.packed }
}

/// The flags that depend on the case alone (from `Timeless`), kept in a decision so that it
/// builds its flags list only when a suggestion is asked for.
struct TimelessFlags: Equatable {
    var disclosureViolated = false
    var identityOther = false
    var offPlatformEvidence = false

    init() {}

    init(_ t: Timeless) {
        disclosureViolated = t.disclosureViolated
        identityOther = t.identityOther
        offPlatformEvidence = t.offPlatformEvidence
    }
}

/// What the evaluation order concludes at one instant: a verdict's decision, without the case's
/// identity, timers, `valid_until` or next steps (deciding at each `valid_until` candidate built
/// and destroyed a whole verdict).
///
/// Everything but the findings is stored inline: deciding at a `valid_until` candidate
/// allocates nothing (the grounds, missing and flags arrays of a suggestion are built only
/// when one is asked for).
struct Decision {
    /// What it suggests, inline.
    var parts = SuggestionParts()
    /// Empty unless findings were asked for.
    var findings: [Finding] = []
    var hasClaim = false

    var outcome: Outcome { parts.outcome }

    var suggestion: Suggestion { parts.suggestion }

    var flags: [VerdictFlag] { parts.flags }

    /// Whether this decision suggests what `other` suggests (its suggestion would be equal).
    func suggestsTheSame(as other: Decision) -> Bool { parts == other.parts }
}

/// A suggestion's parts stored inline (what a ruling keeps): its lists are built only when the
/// suggestion is read.
struct SuggestionParts: Equatable, Sendable {
    var outcome: Outcome = .monitor
    var grounds = RuleIDList()
    var missing = EvidenceSet()
    /// Refund grounds that hold but did not decide: `merchant_violation` flags (§8.5).
    var violations = RuleIDList()
    var timeless = TimelessFlags()
    var liabilityCap: Amount?

    var suggestion: Suggestion {
        Suggestion(outcome: outcome, grounds: Array(grounds), missing: missing.paths, flags: flags, liabilityCap: liabilityCap)
    }

    /// Violations first (disclosure, then the refund grounds in order), then the evidence flags.
    var flags: [VerdictFlag] {
        var flags: [VerdictFlag] = []
        if timeless.disclosureViolated { flags.append(.merchantViolation(.disclose)) }
        for rule in violations { flags.append(.merchantViolation(rule)) }
        if timeless.identityOther { flags.append(.identityOther) }
        if timeless.offPlatformEvidence { flags.append(.offPlatformEvidencePresent) }
        return flags
    }
}

extension Verdict {
    /// The verdict of `decision` for the order at `at`, before its timers and next steps.
    init(orderID: String, at: Instant, pack: String, _ decision: Decision) {
        self.init(orderID: orderID, at: at, pack: pack, outcome: decision.outcome, grounds: Array(decision.parts.grounds),
                  missing: decision.parts.missing.paths, flags: decision.flags, liabilityCap: decision.parts.liabilityCap, findings: decision.findings)
        hasClaim = decision.hasClaim
    }
}
