/// A point in time with one-second precision (standard §1: "Precision is the second").
///
/// Stored as whole seconds since 1970-01-01T00:00:00Z. Every calendar question is answered in
/// platform time (Asia/Shanghai, UTC+08:00, no DST); the machine's zone is never consulted.
public struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Seconds since the Unix epoch, UTC.
    public var secondsSinceEpoch: Int64

    /// Creates an instant from seconds since the Unix epoch.
    public init(secondsSinceEpoch: Int64) {
        self.secondsSinceEpoch = secondsSinceEpoch
    }

    public static func < (lhs: Instant, rhs: Instant) -> Bool {
        lhs.secondsSinceEpoch < rhs.secondsSinceEpoch
    }

    /// This instant moved by a signed number of seconds.
    public func adding(seconds: Int64) -> Instant {
        Instant(secondsSinceEpoch: secondsSinceEpoch &+ seconds)
    }

    /// This instant moved by a signed number of hours.
    public func adding(hours: Int) -> Instant {
        adding(seconds: Int64(hours) * PlatformTime.secondsPerHour)
    }

    /// Signed seconds from `other` to `self`.
    public func seconds(since other: Instant) -> Int64 {
        secondsSinceEpoch &- other.secondsSinceEpoch
    }

    /// The platform-local calendar date of this instant.
    public var localDate: LocalDate {
        LocalDate(dayNumber: PlatformTime.floorDiv(
            secondsSinceEpoch + PlatformTime.utcOffsetSeconds, PlatformTime.secondsPerDay))
    }

    /// RFC 3339 in platform time: `2022-08-01T10:00:00+08:00`.
    public var description: String { PlatformTime.format(self) }
}

/// A calendar date in platform time, counted as days since 1970-01-01.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01 (may be negative).
    public var dayNumber: Int64

    /// Creates a date from its day number.
    public init(dayNumber: Int64) { self.dayNumber = dayNumber }

    /// Creates a date from year, month and day, or nil when they name no real date.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1,
              day <= PlatformTime.daysInMonth(year: year, month: month) else { return nil }
        self.dayNumber = PlatformTime.daysFromCivil(year: Int64(year), month: Int64(month), day: Int64(day))
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool { lhs.dayNumber < rhs.dayNumber }

    /// The date `days` later (or earlier, when negative).
    public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + Int64(days)) }

    /// 00:00:00 platform time at the start of this date.
    public var startInstant: Instant {
        Instant(secondsSinceEpoch: dayNumber * PlatformTime.secondsPerDay - PlatformTime.utcOffsetSeconds)
    }

    /// Year, month and day.
    public var components: (year: Int, month: Int, day: Int) {
        let c = PlatformTime.civilFromDays(dayNumber)
        return (Int(c.year), Int(c.month), Int(c.day))
    }

    /// `2022-08-05`.
    public var description: String {
        let c = components
        return "\(PlatformTime.pad(c.year, 4))-\(PlatformTime.pad(c.month, 2))-\(PlatformTime.pad(c.day, 2))"
    }
}
