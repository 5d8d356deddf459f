import PetDeskRules

/// The language the dashboard and summaries speak.
public enum Language: String, Sendable, CaseIterable {
    case zh, en

    /// The other language (the `L` key).
    public var toggled: Language { self == .zh ? .en : .zh }

    /// Picks the text for this language.
    public func pick(_ zh: String, _ en: String) -> String { self == .zh ? zh : en }
}

/// Words for timers and their countdowns: `剩 5h12m` / `超 2h03m`.
public enum TimerText {
    /// The countdown of a timer at `t`, or its settled state in words.
    public static func countdown(_ timer: CaseTimer, at t: Instant, language: Language) -> String {
        switch timer.state {
        case .running, .stalled, .breached:
            guard let remaining = timer.secondsRemaining(at: t) else { return stateName(timer.state, language) }
            let d = PlatformTime.formatDuration(remaining)
            if remaining > 0 { return language.pick("剩 \(d)", "\(d) left") }
            return language.pick("超 \(PlatformTime.formatDuration(-remaining + 1))", "\(PlatformTime.formatDuration(-remaining + 1)) over")
        default:
            return stateName(timer.state, language)
        }
    }

    /// A timer state in words.
    public static func stateName(_ state: TimerState, _ language: Language) -> String {
        switch state {
        case .pending: language.pick("未开始", "pending")
        case .running: language.pick("进行中", "running")
        case .met: language.pick("已达成", "met")
        case .breached: language.pick("已超时", "breached")
        case .stalled: language.pick("停滞中", "stalled")
        case .resumed: language.pick("已恢复", "resumed")
        case .answered: language.pick("已答复", "answered")
        case .satisfied: language.pick("已满足", "satisfied")
        case .notSatisfied: language.pick("未满足", "not satisfied")
        }
    }

    /// The timer's name.
    public static func name(_ kind: TimerKind, _ language: Language) -> String {
        language.pick(kind.chineseName, kind.englishName)
    }
}

extension Outcome {
    /// A label short enough for a queue column.
    public func shortName(_ l: Language) -> String {
        switch self {
        case .outOfScope: l.pick("不适用", "OUT_SCOPE")
        case .fullRefund: l.pick("全额退款", "REFUND")
        case .buyerMayRefuse: l.pick("可拒收", "MAY_REFUSE")
        case .buyerLiableCapped: l.pick("买家担责", "LIABLE")
        case .notDelayedShipment: l.pick("不判延迟", "NOT_DELAY")
        case .claimNotSupported: l.pick("不支持", "NO_SUPPORT")
        case .deferGeneral: l.pick("转通用", "DEFER")
        case .needsEvidence: l.pick("需补证", "EVIDENCE")
        case .monitor: l.pick("跟进", "MONITOR")
        }
    }
}
