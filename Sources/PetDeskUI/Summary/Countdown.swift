import PetDeskRules

/// A deadline as seen from now: `剩 5h12m` (remaining) or `超 2h03m` (overdue).
public enum Countdown {
    /// The countdown text for a deadline at `t`, naming its timer when given: `配送 剩3天4h`,
    /// `答复 超5h12m`, `delivery 3d4h left`; "—" when there is none. Past 48 hours it counts
    /// days and hours.
    public static func text(to deadline: Instant?, timer: TimerKind? = nil, at t: Instant, language: Language) -> String {
        guard let deadline else { return "—" }
        let remaining = deadline.seconds(since: t)
        let d = duration(remaining, language)
        let name = timer.map { shortName($0, language) + " " } ?? ""
        if remaining > 0 { return name + language.pick("剩\(d)", "\(d) left") }
        return name + language.pick("超\(d)", "\(d) over")
    }

    /// The countdown for a queue column: `配送 剩3天4h` / `dlv 3d4h` / `stall -23h`; where the
    /// column is narrow, the timer is one letter: `配剩3天4h` / `D 3d4h`. Hours from 10 on drop
    /// their minutes.
    public static func queueText(to deadline: Instant?, timer: TimerKind?, at t: Instant, language: Language,
                                 narrow: Bool) -> String {
        guard let deadline else { return "—" }
        let remaining = deadline.seconds(since: t)
        let hours = remaining.magnitude / UInt64(PlatformTime.secondsPerHour)
        let d = hours >= 10 && hours <= 48 ? "\(hours)h" : duration(remaining, language)
        let name = timer.map { narrow ? letter($0, language) : shortName($0, language) + " " } ?? ""
        let sign = language == .en && narrow && timer != nil ? " " : ""
        if language == .zh { return name + (remaining > 0 ? "剩" : "超") + d }
        return name + sign + (remaining > 0 ? d : "-" + d)
    }

    /// A timer as one letter (zh one character) for the narrowest queue.
    static func letter(_ timer: TimerKind, _ language: Language) -> String {
        switch timer {
        case .delivery: language.pick("配", "D")
        case .stall: language.pick("停", "S")
        case .stallReply: language.pick("答", "R")
        case .buyerSilent: language.pick("买", "B")
        }
    }

    /// A duration for a countdown: `5h12m` up to 48 hours, then `3天4h` / `3d4h`.
    public static func duration(_ seconds: Int64, _ language: Language) -> String {
        let s = seconds.magnitude
        let hour = UInt64(PlatformTime.secondsPerHour)
        guard s > 48 * hour else { return PlatformTime.formatDuration(seconds) }
        return language.pick("\(s / (24 * hour))天\(s % (24 * hour) / hour)h", "\(s / (24 * hour))d\(s % (24 * hour) / hour)h")
    }

    /// A timer's name short enough for a queue column.
    public static func shortName(_ timer: TimerKind, _ language: Language) -> String {
        switch timer {
        case .delivery: language.pick("配送", "dlv")
        case .stall: language.pick("停滞", "stall")
        case .stallReply: language.pick("答复", "reply")
        case .buyerSilent: language.pick("买家", "buyer")
        }
    }

    /// `!` overdue, `*` due within 24 hours, ` ` otherwise: urgency in a sign, not colour alone.
    public static func marker(for deadline: Instant?, at t: Instant) -> String {
        guard let deadline else { return " " }
        let remaining = deadline.seconds(since: t)
        if remaining <= 0 { return "!" }
        return remaining <= 24 * PlatformTime.secondsPerHour ? "*" : " "
    }
}
