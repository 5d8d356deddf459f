import PetDeskRules

/// The queue orders the dashboard offers (`s` cycles them).
public enum SortOrder: String, Sendable, CaseIterable {
    case urgency, paid, order

    /// The next order.
    public var next: SortOrder {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    /// How the title bar names it.
    public func name(_ l: Language) -> String {
        switch self {
        case .urgency: l.pick("紧急度", "urgency")
        case .paid: l.pick("付款时间", "paid")
        case .order: l.pick("订单号", "order id")
        }
    }
}

/// One queue row as the dashboard shows it.
public struct QueueItem: Hashable, Sendable {
    /// The platform's order id.
    public var orderID: String
    /// The listing title.
    public var title: String
    /// The masked buyer name.
    public var buyer: String
    /// The last level of the category path (猫, 狗, 鸡苗…).
    public var species: String
    /// What the rules suggest now.
    public var suggestedOutcome: Outcome
    /// The deadline that makes the case urgent, if any.
    public var dueAt: Instant?
    /// What the buyer claims; nil before any claim.
    public var claimType: ClaimType?
    /// The agent holding the case; nil when no one does.
    public var claimedBy: String?
    /// What an agent decided; nil while undecided.
    public var decidedOutcome: Outcome?
    /// Which timer `dueAt` belongs to.
    public var dueTimer: TimerKind?

    /// Creates a row; text is sanitised here, where data enters the UI.
    public init(orderID: String, title: String, buyer: String, species: String, suggestedOutcome: Outcome, dueAt: Instant?,
                claimType: ClaimType?, claimedBy: String?, decidedOutcome: Outcome?, dueTimer: TimerKind? = nil) {
        self.dueTimer = dueTimer
        self.orderID = Sanitizer.line(orderID)
        self.title = Sanitizer.line(title)
        self.buyer = Sanitizer.line(buyer)
        self.species = Sanitizer.line(species)
        self.suggestedOutcome = suggestedOutcome
        self.dueAt = dueAt
        self.claimType = claimType
        self.claimedBy = claimedBy.map(Sanitizer.line)
        self.decidedOutcome = decidedOutcome
    }
}

/// An agent's decision on a case as the summary and the verdict pane show it.
public struct DecisionNote: Hashable, Sendable {
    /// What the agent decided.
    public var outcome: Outcome
    /// Who decided.
    public var agent: String
    /// When; nil when the source does not say.
    public var at: Instant?
    /// Whether it departs from the suggestion of the moment (an override needs a reason).
    public var isOverride: Bool
    /// Why, in the agent's words; nil when the suggestion was simply accepted.
    public var reason: String?

    /// A decision as recorded.
    public init(outcome: Outcome, agent: String, at: Instant? = nil, isOverride: Bool, reason: String?) {
        self.outcome = outcome
        self.agent = agent
        self.at = at
        self.isOverride = isOverride
        self.reason = reason
    }
}

/// The case in focus, as loaded from the store.
public struct CaseSnapshot: Hashable, Sendable {
    /// Marks applied; text fields sanitised.
    public var kase: Case
    /// The case version the snapshot was read at.
    public var version: Int
    /// The agent holding the case; nil when no one does.
    public var claimedBy: String?
    /// The latest entry of the case's audit trail: who changed what (agent, field, new value).
    public var lastChange: (agent: String, field: String?, newValue: String?)?
    /// The last decision, if any (nil: the case is undecided).
    public var decision: DecisionNote?

    /// Creates a snapshot; every string of the case is sanitised here.
    public init(kase: Case, version: Int, claimedBy: String?, decision: DecisionNote?) {
        self.kase = Self.sanitised(kase)
        self.version = version
        self.claimedBy = claimedBy.map(Sanitizer.line)
        self.decision = decision.map {
            DecisionNote(outcome: $0.outcome, agent: Sanitizer.line($0.agent), at: $0.at, isOverride: $0.isOverride,
                         reason: $0.reason.map(Sanitizer.line))
        }
    }

    public static func == (a: CaseSnapshot, b: CaseSnapshot) -> Bool {
        a.kase == b.kase && a.version == b.version && a.claimedBy == b.claimedBy && a.decision == b.decision
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kase.orderID)
        hasher.combine(version)
    }

    private static func sanitised(_ k: Case) -> Case {
        var c = k
        c.title = k.title.map(Sanitizer.line)
        c.buyer = k.buyer.map(Sanitizer.line)
        c.merchant = k.merchant.map(Sanitizer.line)
        c.categoryPath = k.categoryPath.map(Sanitizer.line)
        for key in ChecklistKey.all where k.checklist.isRecorded(key) {
            var e = k.checklist[key]
            e.value = e.value.map(Sanitizer.line)
            e.note = e.note.map(Sanitizer.line)
            c.checklist[key] = e
        }
        c.tracking = k.tracking?.map { TrackingEvent(at: $0.at, text: Sanitizer.line($0.text)) }
        c.stallReplies = k.stallReplies.map {
            StallReply(at: $0.at, reason: $0.reason.map(Sanitizer.line), courierResult: $0.courierResult.map(Sanitizer.line), channel: $0.channel)
        }
        c.messages = k.messages.map { Message(at: $0.at, from: Sanitizer.line($0.from), text: Sanitizer.line($0.text)) }
        if var claim = k.claim {
            claim.reason = claim.reason.map(Sanitizer.line)
            claim.actual = claim.actual.map(Sanitizer.line)
            c.claim = claim
        }
        return c
    }
}

/// The four panes, in Tab order.
public enum Pane: String, Sendable, CaseIterable {
    case queue, checklist, timers, verdict

    /// How the pane is named on screen.
    public func name(_ l: Language) -> String {
        switch self {
        case .queue: l.pick("队列", "Queue")
        case .checklist: l.pick("核对清单", "Checklist")
        case .timers: l.pick("计时", "Timers")
        case .verdict: l.pick("建议结论", "Verdict")
        }
    }
}

/// A modal layer over the panes.
public enum Overlay: Hashable, Sendable {
    /// Every key, scrolled by this many lines.
    case help(scroll: Int)
    /// Tracking history, stall replies and CS messages, scrolled.
    case detail(scroll: Int)
    case decision(DecisionDialog)
    /// A note for the checklist item under the cursor.
    case note(text: String)
    /// The ticket summary to print or copy, scrolled; with `trace`, the full rule trace follows.
    case printPreview(scroll: Int, trace: Bool)
    /// When the item under the cursor was confirmed, as the agent types it.
    case instant(InstantDialog)

    /// Which overlay this is, for its keys.
    public var kind: OverlayKind {
        switch self {
        case .help: .help
        case .detail: .detail
        case .decision: .decision
        case .note: .note
        case .printPreview: .printPreview
        case .instant: .instant
        }
    }
}

/// The `i` dialog: mark a checklist item with the instant it was confirmed (default: now).
public struct InstantDialog: Hashable, Sendable {
    /// The item being marked.
    public var item: ChecklistKey
    /// The status the mark carries: the item's own, or done when nobody has checked it yet.
    public var status: ItemStatus
    /// The instant as typed: `2022-08-01 10:00:00` (platform time, UTC+8).
    public var text: String
    /// Why the text was refused; nil until Enter finds a fault.
    public var error: String?

    /// A dialog for `item`, prefilled with `at`.
    public init(item: ChecklistKey, status: ItemStatus, at: Instant) {
        self.item = item
        self.status = status == .unknown ? .done : status
        text = PlatformTime.formatSeconds(at)
        error = nil
    }
}

/// The `v` dialog: accept the suggestion or override it with a reason.
public struct DecisionDialog: Hashable, Sendable {
    /// What the rules suggest: choosing anything else is an override.
    public var suggested: Outcome
    /// The outcome the agent has chosen so far.
    public var selected: Outcome
    /// The reason typed so far.
    public var reason: String
    /// Why Enter was refused (an override without a reason); nil until then.
    public var error: String?

    /// A dialog that starts on the suggested outcome.
    public init(suggested: Outcome) {
        self.suggested = suggested
        selected = suggested
        reason = ""
    }

    /// Whether the chosen outcome differs from the suggestion.
    public var isOverride: Bool { selected != suggested }
}

/// A line in the status bar.
public struct StatusMessage: Hashable, Sendable {
    /// What the status bar says.
    public var text: String
    /// Whether it reports a failure (drawn in the error style).
    public var isError: Bool
    /// A message; errors are styled as such.
    public init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }
}
