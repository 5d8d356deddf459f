/// How day periods are counted (standard §1, parameter `day_period_mode`).
public enum DayPeriodMode: String, Sendable, CaseIterable {
    /// Civil Code art. 201/203: the start day is not counted; the period ends at 24:00 of its last day.
    case calendar
    /// `anchor + N × 24h`, inclusive.
    case rolling
}

/// A deadline with its inclusiveness (standard §8.2).
///
/// For `rolling` day periods and hour periods the deadline is the last on-time instant
/// (on time iff `t ≤ deadline`); for `calendar` day periods and agreed dates it is exclusive
/// (on time iff `t < deadline`).
public struct Deadline: Hashable, Sendable {
    /// The boundary instant.
    public var instant: Instant
    /// Whether `instant` itself is still on time.
    public var isInclusive: Bool

    /// Creates a deadline.
    public init(instant: Instant, isInclusive: Bool) {
        self.instant = instant
        self.isInclusive = isInclusive
    }

    /// Whether something that happens at `t` meets the deadline.
    public func isOnTime(_ t: Instant) -> Bool {
        isInclusive ? t <= instant : t < instant
    }

    /// The first instant that is late.
    public var firstLateInstant: Instant {
        isInclusive ? instant.adding(seconds: 1) : instant
    }

    /// A day period of `days` days from `anchor`.
    public static func days(_ days: Int, from anchor: Instant, mode: DayPeriodMode) -> Deadline {
        switch mode {
        case .calendar:
            return Deadline(instant: anchor.localDate.adding(days: days + 1).startInstant, isInclusive: false)
        case .rolling:
            return Deadline(instant: anchor.adding(seconds: Int64(days) * PlatformTime.secondsPerDay), isInclusive: true)
        }
    }

    /// An hour period of `hours` hours from `anchor`, inclusive.
    public static func hours(_ hours: Int, from anchor: Instant) -> Deadline {
        Deadline(instant: anchor.adding(hours: hours), isInclusive: true)
    }

    /// The end of an agreed date: 00:00 of the following day, exclusive.
    public static func endOf(_ date: LocalDate) -> Deadline {
        Deadline(instant: date.adding(days: 1).startInstant, isInclusive: false)
    }
}
