/// The suggested verdict for one case at one instant: what, why, what is missing, what is running.
public struct Verdict: Hashable, Sendable {
    /// The order evaluated.
    public var orderID: String
    /// The evaluation instant.
    public var at: Instant
    /// The pack's ID, e.g. `KS-PET-2022`.
    public var pack: String
    /// The outcome code.
    public var outcome: Outcome
    /// The rules that decided it, primary first.
    public var grounds: [RuleID]
    /// The facts that would decide it (for `NEEDS_EVIDENCE`), as case-format paths.
    public var missing: [EvidencePath]
    /// Flags collected along the way.
    public var flags: [VerdictFlag]
    /// For `BUYER_LIABLE_CAPPED`: the cap (the order total).
    public var liabilityCap: Amount?
    /// One finding per rule evaluated.
    public var findings: [Finding]
    /// The case's timers at `at`.
    public var timers: [CaseTimer]
    /// The earliest instant after `at` at which, with no new facts, the outcome, grounds,
    /// missing or flags change (standard §9); nil when nothing can change any more. For every
    /// instant in `[at, validUntil)` the rules give this same decision.
    public var validUntil: Instant?
    /// What the agent should do now (standard §9), most important first.
    public var nextSteps: [NextStep]
    /// The earliest instant after `at` at which anything this verdict shows could change (a
    /// timer starting, closing or passing its deadline, a next step, the suggestion); nil when
    /// nothing can. A store re-evaluates the case there (standard §9), no later than `validUntil`.
    public var reviewAt: Instant?
    /// Whether the buyer had made a claim by `at`: an open dispute.
    public var hasClaim = false

    /// Creates a verdict; the evaluator fills it step by step.
    public init(orderID: String, at: Instant, pack: String, outcome: Outcome, grounds: [RuleID] = [],
                missing: [EvidencePath] = [], flags: [VerdictFlag] = [], liabilityCap: Amount? = nil,
                findings: [Finding] = [], timers: [CaseTimer] = [], validUntil: Instant? = nil, nextSteps: [NextStep] = []) {
        self.orderID = orderID
        self.at = at
        self.pack = pack
        self.outcome = outcome
        self.grounds = grounds
        self.missing = missing
        self.flags = flags
        self.liabilityCap = liabilityCap
        self.findings = findings
        self.timers = timers
        self.validUntil = validUntil
        self.nextSteps = nextSteps
        self.reviewAt = validUntil
    }

    /// The part of the verdict that `validUntil` promises stays the same: outcome, grounds,
    /// missing evidence, flags and the liability cap.
    public var suggestion: Suggestion {
        Suggestion(outcome: outcome, grounds: grounds, missing: missing, flags: flags, liabilityCap: liabilityCap)
    }

    /// The deadline that makes this case urgent: the earliest deadline among open timers that
    /// still ask for action (running, stalled or breached). Nil when nothing is running.
    public var urgencyDeadline: Instant? { urgentTimer?.deadline?.instant }

    /// The open timer with the earliest deadline among those asking for action; closed timers
    /// are history and never make a case urgent.
    public var urgentTimer: CaseTimer? {
        var best: CaseTimer?
        for timer in timers { Ruling.keepEarlier(&best, timer) }
        return best
    }

    /// Where the case stands in an agent's queue: open disputes first, then cases with a vested
    /// ground or a running deadline, then the rest; decided cases last.
    public func urgency(isDecided: Bool) -> Urgency {
        Ruling.urgency(outcome: outcome, urgentTimer: urgentTimer, hasClaim: hasClaim, isDecided: isDecided)
    }

    /// The verdict without its findings, next steps and all but its urgent timer.
    public var ruling: Ruling {
        Ruling(suggestion: suggestion, urgentTimer: urgentTimer, validUntil: validUntil, reviewAt: reviewAt, hasClaim: hasClaim)
    }
}

/// What the rules decide for a case at an instant, and what the store keeps of it: the
/// suggestion, the timer that makes the case urgent, and when to look again. The explanation
/// (findings), the next steps and the other timers are a `Verdict`'s, built only when asked for.
///
/// A ruling the evaluator makes holds its suggestion's parts inline and builds the lists of
/// `suggestion` when it is read (building them for every case was three allocations a ruling
/// the store never read; memcheck on `bench rules`).
public struct Ruling: Hashable, Sendable {
    /// The suggestion as the evaluator decided it, or as given.
    private enum Parts: Sendable {
        case decided(SuggestionParts)
        case given(Suggestion)
    }

    private var parts: Parts
    /// The open timer with the earliest deadline among those asking for action at the instant.
    public var urgentTimer: CaseTimer?
    /// As `Verdict.validUntil`: the first instant the suggestion differs (nil: never).
    public var validUntil: Instant?
    /// As `Verdict.reviewAt`: the first instant anything shown could change.
    public var reviewAt: Instant?
    /// Whether the buyer had made a claim by the instant.
    public var hasClaim: Bool

    /// Creates a ruling.
    public init(suggestion: Suggestion, urgentTimer: CaseTimer?, validUntil: Instant?, reviewAt: Instant?, hasClaim: Bool) {
        self.init(.given(suggestion), urgentTimer: urgentTimer, validUntil: validUntil, reviewAt: reviewAt, hasClaim: hasClaim)
    }

    init(_ parts: SuggestionParts, urgentTimer: CaseTimer?, validUntil: Instant?, reviewAt: Instant?, hasClaim: Bool) {
        self.init(.decided(parts), urgentTimer: urgentTimer, validUntil: validUntil, reviewAt: reviewAt, hasClaim: hasClaim)
    }

    private init(_ parts: Parts, urgentTimer: CaseTimer?, validUntil: Instant?, reviewAt: Instant?, hasClaim: Bool) {
        self.parts = parts
        self.urgentTimer = urgentTimer
        self.validUntil = validUntil
        self.reviewAt = reviewAt
        self.hasClaim = hasClaim
    }

    /// Outcome, grounds, missing evidence, flags and the liability cap.
    public var suggestion: Suggestion {
        get {
            switch parts {
            case .decided(let p): p.suggestion
            case .given(let s): s
            }
        }
        set { parts = .given(newValue) }
    }

    /// The outcome code.
    public var outcome: Outcome {
        switch parts {
        case .decided(let p): p.outcome
        case .given(let s): s.outcome
        }
    }

    /// As `Verdict.urgencyDeadline`.
    public var urgencyDeadline: Instant? { urgentTimer?.deadline?.instant }

    /// As `Verdict.urgency(isDecided:)`.
    public func urgency(isDecided: Bool) -> Urgency {
        Self.urgency(outcome: outcome, urgentTimer: urgentTimer, hasClaim: hasClaim, isDecided: isDecided)
    }

    public static func == (a: Ruling, b: Ruling) -> Bool {
        a.suggestion == b.suggestion && a.urgentTimer == b.urgentTimer && a.validUntil == b.validUntil
            && a.reviewAt == b.reviewAt && a.hasClaim == b.hasClaim
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(suggestion)
        hasher.combine(urgentTimer)
        hasher.combine(validUntil)
        hasher.combine(reviewAt)
        hasher.combine(hasClaim)
    }

    /// Makes `best` the earlier-due of itself and `timer`, if `timer` asks for action: the
    /// urgent timer is the open one with the earliest deadline, the first of equals.
    static func keepEarlier(_ best: inout CaseTimer?, _ timer: CaseTimer) {
        guard timer.asksForAction, let d = timer.deadline?.instant else { return }
        if best == nil || d < best!.deadline!.instant { best = timer }
    }

    /// The queue's class and deadline of a decision with this urgent timer (one rule for
    /// verdicts and rulings).
    static func urgency(outcome: Outcome, urgentTimer timer: CaseTimer?, hasClaim: Bool, isDecided: Bool) -> Urgency {
        if isDecided { return Urgency(rank: .decided, deadline: nil, timer: nil) }
        let rank: UrgencyRank = hasClaim ? .openDispute
            : (outcome == .buyerMayRefuse || timer != nil) ? .watch : .quiet
        return Urgency(rank: rank, deadline: timer?.deadline?.instant, timer: timer?.kind)
    }
}

/// The classes of an agent's queue, most pressing first.
public enum UrgencyRank: Int, Sendable, Comparable, CaseIterable {
    /// The buyer has claimed and no agent has decided: what an agent works first.
    case openDispute = 0
    /// No claim, but a refusal ground has vested or a deadline is running.
    case watch = 1
    /// Nothing asks for action.
    case quiet = 2
    /// An agent has recorded a decision.
    case decided = 3

    public static func < (a: UrgencyRank, b: UrgencyRank) -> Bool { a.rawValue < b.rawValue }

    /// The snake_case name used in JSON output.
    public var name: String {
        switch self {
        case .openDispute: "open_dispute"
        case .watch: "watch"
        case .quiet: "quiet"
        case .decided: "decided"
        }
    }
}

/// A case's place in the queue: its class, then its nearest open deadline (breached first, as
/// the earliest), and which timer that deadline belongs to.
public struct Urgency: Hashable, Sendable {
    /// Which class of the queue the case falls in.
    public var rank: UrgencyRank
    /// The deadline the queue counts down to; nil when no open timer asks for action.
    public var deadline: Instant?
    /// Which timer the deadline is.
    public var timer: TimerKind?

    /// Creates an urgency.
    public init(rank: UrgencyRank, deadline: Instant?, timer: TimerKind?) {
        self.rank = rank
        self.deadline = deadline
        self.timer = timer
    }
}

/// What a verdict decides, without the explanation, timers or next steps.
public struct Suggestion: Hashable, Sendable {
    /// The outcome code.
    public var outcome: Outcome
    /// The rules that decided it, primary first.
    public var grounds: [RuleID]
    /// The unknown facts that would decide it.
    public var missing: [EvidencePath]
    /// The flags raised.
    public var flags: [VerdictFlag]
    /// The cap of `BUYER_LIABLE_CAPPED`.
    public var liabilityCap: Amount?
}

/// What a rule concluded.
public enum FindingResult: String, Sendable, CaseIterable {
    /// The rule's condition holds.
    case fired
    /// It was evaluated and does not hold.
    case notFired = "not_fired"
    /// A deciding fact is unknown.
    case unknown
    /// The rule does not apply to this case.
    case notApplicable = "not_applicable"
}

/// One rule's conclusion with its reason.
public struct Finding: Hashable, Sendable {
    /// The rule this finding is about.
    public var rule: RuleID
    /// What it concluded.
    public var result: FindingResult
    /// Why, as structured data; rendered with `text(in:)`.
    public var detail: FindingDetail
    /// Creates a finding.
    public init(rule: RuleID, result: FindingResult, detail: FindingDetail) {
        self.rule = rule
        self.result = result
        self.detail = detail
    }
}

/// Which clock a timer is (standard §6).
public enum TimerKind: String, Sendable, CaseIterable {
    case delivery
    case stall
    case stallReply = "stall_reply"
    case buyerSilent = "buyer_silent"

    /// The rule whose deadline the timer counts down.
    public var rule: RuleID {
        switch self {
        case .delivery: .delivery
        case .stall: .stall
        case .stallReply: .stallReply
        case .buyerSilent: .buyerSilent
        }
    }
}

/// A timer's state at the evaluation instant (standard §6).
public enum TimerState: String, Sendable, CaseIterable {
    case pending, running, met, breached, stalled, resumed, answered, satisfied
    case notSatisfied = "not_satisfied"
    /// The dispute moved on before the deadline (the pet was offered, signed for or refused):
    /// the obligation lapsed unbroken.
    case closed
    /// A fact that decides the state is unknown.
    case unknown

    /// Whether the timer, while open, asks an agent for action.
    public var asksForAction: Bool { self == .running || self == .breached || self == .stalled }
    /// Whether the timer is past its deadline in the buyer's favour.
    public var isOverdue: Bool { self == .breached || self == .stalled }
}

/// A deadline of a case, running or settled (standard §6).
public struct CaseTimer: Hashable, Sendable {
    /// Which clock.
    public var kind: TimerKind
    /// When it started; nil while pending or unknown.
    public var start: Instant?
    /// When it ends; nil while pending or unknown.
    public var deadline: Deadline?
    /// Its state at the evaluation instant.
    public var state: TimerState
    /// When the timer ended (an offer, a reply, a resuming scan, the buyer acting); nil while it
    /// is open. A closed timer is history: its overdue or remaining is measured to this instant.
    public var closedAt: Instant?
    /// The length of its window in hours as the pack's parameters set it (72 for a stall,
    /// 24 for its reply, 48 for buyer silence); nil for the delivery window, which is in days
    /// or agreed.
    public var windowHours: Int?

    /// Creates a timer.
    public init(kind: TimerKind, start: Instant?, deadline: Deadline?, state: TimerState,
                closedAt: Instant? = nil, windowHours: Int? = nil) {
        self.kind = kind
        self.start = start
        self.deadline = deadline
        self.state = state
        self.closedAt = closedAt
        self.windowHours = windowHours
    }

    /// Whether the timer has ended (and is history, never urgent).
    public var isClosed: Bool { closedAt != nil }

    /// Whether an agent should act on it now: open, and running, stalled or breached.
    public var asksForAction: Bool { state.asksForAction && closedAt == nil }

    /// Seconds from `t` (or from `closedAt`, once closed) to the first late instant:
    /// positive = remaining, zero or negative = overdue.
    public func secondsRemaining(at t: Instant) -> Int64? {
        guard let deadline else { return nil }
        return deadline.firstLateInstant.seconds(since: closedAt ?? t)
    }
}

/// Who a next step is addressed to or done by (standard §9).
public enum Party: String, Sendable, CaseIterable {
    case merchant, buyer, agent
    case platformLogistics = "platform_logistics"
}

/// What the agent should do (standard §9).
public enum StepAction: String, Sendable, CaseIterable {
    case refundInFull = "refund_in_full"
    case tellBuyerMayRefuse = "tell_buyer_may_refuse"
    case negotiateThenBuyerBearsLoss = "negotiate_then_buyer_bears_loss"
    case declineClaim = "decline_claim"
    case collectEvidence = "collect_evidence"
    case routeToGeneralRules = "route_to_general_rules"
    case demandStallReason = "demand_stall_reason"
    case merchantMustNotShip = "merchant_must_not_ship"
    case watch
}

/// One thing to do next, as data; the front ends word it.
public struct NextStep: Hashable, Sendable {
    /// What to do.
    public var action: StepAction
    /// Who it concerns.
    public var party: Party
    /// The instant by which it must be done; nil when there is none.
    public var by: Instant?
    /// The rule that asks for it; nil only for a `watch` with nothing running.
    public var rule: RuleID?
    /// For `collect_evidence`: the case-format paths to collect.
    public var paths: [EvidencePath]
    /// For `negotiate_then_buyer_bears_loss`: the cap.
    public var amount: Amount?

    /// Creates a step.
    public init(action: StepAction, party: Party, by: Instant? = nil, rule: RuleID?, paths: [EvidencePath] = [], amount: Amount? = nil) {
        self.action = action
        self.party = party
        self.by = by
        self.rule = rule
        self.paths = paths
        self.amount = amount
    }
}
