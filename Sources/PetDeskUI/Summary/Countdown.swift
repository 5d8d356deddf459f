import PetDeskRules

/// A deadline as seen from now: `剩 5h12m` (remaining) or `超 2h03m` (overdue).
public enum Countdown {
    /// The countdown text for a deadline at `t`; "—" when there is none. `compact` drops the
    /// minutes from 100 hours on, for narrow columns.
    public static func text(to deadline: Instant?, at t: Instant, language: Language, compact: Bool = false) -> String {
        guard let deadline else { return "—" }
        let remaining = deadline.seconds(since: t)
        let hours = remaining.magnitude / UInt64(PlatformTime.secondsPerHour)
        let d = compact && hours >= 100 ? "\(hours)h" : PlatformTime.formatDuration(remaining)
        if compact && language == .en { return remaining > 0 ? "in \(d)" : "\(d) ago" }
        if remaining > 0 { return language.pick("剩 \(d)", "\(d) left") }
        return language.pick("超 \(d)", "\(d) over")
    }

    /// `!` overdue, `*` due within 24 hours, ` ` otherwise: urgency in a sign, not colour alone.
    public static func marker(for deadline: Instant?, at t: Instant) -> String {
        guard let deadline else { return " " }
        let remaining = deadline.seconds(since: t)
        if remaining <= 0 { return "!" }
        return remaining <= 24 * PlatformTime.secondsPerHour ? "*" : " "
    }
}
