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

    /// The deadline that makes this case urgent: the earliest deadline among timers that still
    /// ask for action (running, stalled or breached). Nil when nothing is running.
    public var urgencyDeadline: Instant? {
        var best: Instant?
        for timer in timers where timer.asksForAction {
            guard let d = timer.deadline?.instant else { continue }
            if best == nil || d < best! { best = d }
        }
        return best
    }
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
    /// The rule.
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

    /// Chinese label.
    public var chineseName: String {
        switch self {
        case .delivery: "配送时限"
        case .stall: "物流停滞"
        case .stallReply: "停滞答复24h"
        case .buyerSilent: "买家未回复48h"
        }
    }

    /// English label.
    public var englishName: String {
        switch self {
        case .delivery: "Delivery window"
        case .stall: "Logistics stall"
        case .stallReply: "Stall reply 24h"
        case .buyerSilent: "Buyer silent 48h"
        }
    }
}

/// A timer's state at the evaluation instant (standard §6).
public enum TimerState: String, Sendable, CaseIterable {
    case pending, running, met, breached, stalled, resumed, answered, satisfied
    case notSatisfied = "not_satisfied"

    /// Whether the timer still asks an agent for action.
    public var asksForAction: Bool { self == .running || self == .breached || self == .stalled }
    /// Whether the timer is past its deadline in the buyer's favour.
    public var isOverdue: Bool { self == .breached || self == .stalled }
}

/// A running or settled deadline of a case.
public struct CaseTimer: Hashable, Sendable {
    /// Which clock.
    public var kind: TimerKind
    /// When it started; nil while pending.
    public var start: Instant?
    /// When it ends; nil while pending.
    public var deadline: Deadline?
    /// Its state at the evaluation instant.
    public var state: TimerState
    /// The buyer signed for the pet before the evaluation instant: the refusal remedies this
    /// timer guards have ended, so it is history, not a countdown.
    public var isHistory: Bool

    /// Creates a timer.
    public init(kind: TimerKind, start: Instant?, deadline: Deadline?, state: TimerState, isHistory: Bool = false) {
        self.kind = kind
        self.start = start
        self.deadline = deadline
        self.state = state
        self.isHistory = isHistory
    }

    /// Whether an agent should act on it now (running, stalled or breached, and not history).
    public var asksForAction: Bool { state.asksForAction && !isHistory }

    /// Seconds from `t` to the first late instant: positive = remaining, zero or negative = overdue.
    public func secondsRemaining(at t: Instant) -> Int64? {
        guard let deadline else { return nil }
        return deadline.firstLateInstant.seconds(since: t)
    }
}
