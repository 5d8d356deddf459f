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
    /// The order id.
    public var orderID: String
    /// The title.
    public var title: String
    /// The buyer.
    public var buyer: String
    /// The species.
    public var species: String
    /// The suggested outcome.
    public var suggestedOutcome: Outcome
    /// The deadline that makes the case urgent, if any.
    public var dueAt: Instant?
    /// The claim type.
    public var claimType: ClaimType?
    /// The claimed by.
    public var claimedBy: String?
    /// The decided outcome.
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

/// The case in focus, as loaded from the store.
public struct CaseSnapshot: Hashable, Sendable {
    /// Marks applied; text fields sanitised.
    public var kase: Case
    /// The case version the snapshot was read at.
    public var version: Int
    /// The claimed by.
    public var claimedBy: String?
    /// The latest entry of the case's audit trail: who changed what (agent, field, new value).
    public var lastChange: (agent: String, field: String?, newValue: String?)?
    /// The last decision, if any: outcome, agent, whether it overrides the suggestion, and why.
    public var decision: (outcome: Outcome, agent: String, isOverride: Bool, reason: String?)?

    /// Creates a snapshot; every string of the case is sanitised here.
    public init(kase: Case, version: Int, claimedBy: String?,
                decision: (outcome: Outcome, agent: String, isOverride: Bool, reason: String?)?) {
        self.kase = Self.sanitised(kase)
        self.version = version
        self.claimedBy = claimedBy.map(Sanitizer.line)
        self.decision = decision.map { ($0.outcome, Sanitizer.line($0.agent), $0.isOverride, $0.reason.map(Sanitizer.line)) }
    }

    public static func == (a: CaseSnapshot, b: CaseSnapshot) -> Bool {
        a.kase == b.kase && a.version == b.version && a.claimedBy == b.claimedBy
            && a.decision?.outcome == b.decision?.outcome && a.decision?.agent == b.decision?.agent
            && a.decision?.isOverride == b.decision?.isOverride && a.decision?.reason == b.decision?.reason
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
    case help
    /// Tracking history, stall replies and CS messages, scrolled.
    case detail(scroll: Int)
    case decision(DecisionDialog)
    /// A note for the checklist item under the cursor.
    case note(text: String)
    /// The summary to print, scrolled; Enter prints.
    case printPreview(scroll: Int)
}

/// The `v` dialog: accept the suggestion or override it with a reason.
public struct DecisionDialog: Hashable, Sendable {
    /// The suggested.
    public var suggested: Outcome
    /// The selected.
    public var selected: Outcome
    /// The reason.
    public var reason: String
    /// The error.
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
    /// The text.
    public var text: String
    /// Whether error.
    public var isError: Bool
    /// A message; errors are styled as such.
    public init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }
}
