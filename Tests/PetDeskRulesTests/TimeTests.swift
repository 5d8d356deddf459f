import PetDeskDemo
import PetDeskRules
import Testing

struct TimeTests {
    @Test(arguments: [
        ("2022-08-01T10:00:00+08:00", "2022-08-01T10:00:00+08:00"),
        ("2022-08-01T02:00:00Z", "2022-08-01T10:00:00+08:00"),
        ("2022-08-01T04:00:00+02:00", "2022-08-01T10:00:00+08:00"),
        ("2022-08-01T10:00:00", "2022-08-01T10:00:00+08:00"),
        ("2022-08-01 10:00", "2022-08-01T10:00:00+08:00"),
        ("2022-08-01T10:00", "2022-08-01T10:00:00+08:00"),
        ("2022-08-01T10:00:00.999+08:00", "2022-08-01T10:00:00+08:00"),
        ("2022-07-31T16:00:00Z", "2022-08-01T00:00:00+08:00"),
        ("2024-02-29T12:00:00+0800", "2024-02-29T12:00:00+08:00"),
    ])
    func parsesAndFormatsInShanghaiTime(_ input: String, _ expected: String) {
        #expect(instant(input).description == expected)
    }

    @Test(arguments: ["2022-13-01T00:00:00", "2022-02-30T00:00:00", "2022-08-01T24:00:00", "2022-08-01T10:60",
                      "2022-8-1T10:00:00", "yesterday", "", "2022-08-01T10:00:00+08", "2022-08-01T10:00:00 +08:00",
                      "2023-02-29T10:00:00"])
    func rejectsInvalidInstants(_ input: String) {
        guard case .failure = PlatformTime.parseInstant(input) else {
            Issue.record("accepted \(input)")
            return
        }
    }

    @Test func aDateAloneOnlyWhereADateIsAsked() throws {
        #expect(PlatformTime.parseInstant("2022-08-05") == .failure(.dateWithoutTime))
        #expect(try PlatformTime.parseInstant("2022-08-05", allowDateOnly: true).get().description == "2022-08-05T00:00:00+08:00")
    }

    @Test func calendarDayPeriodEndsAt24OfItsLastDay() {
        let d = Deadline.days(7, from: instant("2022-08-01T14:00:00+08:00"), mode: .calendar)
        #expect(d.instant.description == "2022-08-09T00:00:00+08:00")
        #expect(!d.isInclusive)
        #expect(d.isOnTime(instant("2022-08-08T23:59:59+08:00")))
        #expect(!d.isOnTime(instant("2022-08-09T00:00:00+08:00")))
    }

    @Test func calendarCountsFromTheShanghaiDateNotTheUTCDate() {
        // 2022-08-01 01:00+08 is still 07-31 in UTC; the start day is 08-01 either way in Shanghai.
        let d = Deadline.days(7, from: instant("2022-07-31T17:00:00Z"), mode: .calendar)
        #expect(d.instant.description == "2022-08-09T00:00:00+08:00")
    }

    @Test func rollingDayPeriodIsInclusive() {
        let d = Deadline.days(7, from: instant("2022-08-01T14:00:00+08:00"), mode: .rolling)
        #expect(d.isOnTime(instant("2022-08-08T14:00:00+08:00")))
        #expect(!d.isOnTime(instant("2022-08-08T14:00:01+08:00")))
    }

    @Test func agreedDateEndsAtMidnight() {
        let d = Deadline.endOf(LocalDate(year: 2022, month: 8, day: 5)!)
        #expect(d.isOnTime(instant("2022-08-05T23:59:59+08:00")))
        #expect(!d.isOnTime(instant("2022-08-06T00:00:00+08:00")))
    }

    @Test func durationsReadAsHoursAndMinutes() {
        #expect(PlatformTime.formatDuration(72 * 3600 + 60) == "72h01m")
        #expect(PlatformTime.formatDuration(5 * 3600 + 12 * 60 + 59) == "5h12m")
        #expect(PlatformTime.formatDuration(-(2 * 3600 + 3 * 60)) == "2h03m")
    }

    @Test func amountsAreExact() {
        #expect(Amount(yuan: "3000")?.description == "3000.00")
        #expect(Amount(yuan: "0.5")?.description == "0.50")
        #expect(Amount(yuan: "12.34")?.fen == 1234)
        #expect(Amount(yuan: "1.234") == nil)
        #expect(Amount(yuan: "-1") == nil)
        #expect(Amount(yuan: "1e3") == nil)
        #expect(Amount(yuan: "99999999999999999999") == nil)
    }
}

/// Every instant petdesk accepts can be written back as text it accepts (issue: a backup with
/// 9999-12-31T23:59:59Z exported 10000-01-01 and could not be read again).
struct InstantRangeTests {
    @Test(arguments: [("0001-01-01T00:00:00+08:00", true), ("0001-01-01T00:00:00Z", true), ("0001-01-01T00:00:00+09:00", false),
                      ("9999-12-31T23:59:59+08:00", true), ("9999-12-31T15:59:59Z", true), ("9999-12-31T23:59:59Z", false)])
    func theSupportedRangeIsYearsOneToNineThousandNineHundredNinetyNineInPlatformTime(_ text: String, _ accepted: Bool) throws {
        switch PlatformTime.parseInstant(text) {
        case .success(let i):
            #expect(accepted)
            #expect(try PlatformTime.parseInstant(i.description).get() == i, "round trip of \(i.description)")
        case .failure(let f):
            #expect(!accepted && f == .outOfRange)
        }
    }

    /// The formatters write digits into bytes: the same text as formatting the calendar fields
    /// and cutting the result, for instants across the supported range, its edges, whole
    /// minutes and the instants just outside it.
    @Test func formattedInstantsReadAsTheirCalendarFields() throws {
        func pad(_ v: Int64, _ w: Int) -> String { String(repeating: "0", count: max(0, w - String(v).count)) + String(v) }
        func reference(_ instant: Instant) -> (full: String, seconds: String, short: String) {
            let local = instant.secondsSinceEpoch + PlatformTime.utcOffsetSeconds
            let day = (local - ((local % 86_400) + 86_400) % 86_400) / 86_400
            let rest = local - day * 86_400
            // Days to a date by counting (slow and plain, unlike the formatter's algorithm).
            var (year, remaining): (Int64, Int64) = (1970, day)
            func leap(_ y: Int64) -> Bool { y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) }
            while remaining < 0 { year -= 1; remaining += leap(year) ? 366 : 365 }
            while remaining >= (leap(year) ? 366 : 365) { remaining -= leap(year) ? 366 : 365; year += 1 }
            var month: Int64 = 1
            let lengths: [Int64] = [31, leap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            while remaining >= lengths[Int(month - 1)] { remaining -= lengths[Int(month - 1)]; month += 1 }
            let date = "\(pad(year, 4))-\(pad(month, 2))-\(pad(remaining + 1, 2))"
            let time = "\(pad(rest / 3600, 2)):\(pad(rest % 3600 / 60, 2))", second = pad(rest % 60, 2)
            return ("\(date)T\(time):\(second)+08:00", "\(date) \(time):\(second)", second == "00" ? "\(date) \(time)" : "\(date) \(time):\(second)")
        }
        let range = PlatformTime.supportedRange
        var random = SplitMix64(seed: 19)
        var instants = [range.lowerBound, range.upperBound, range.lowerBound - 1, range.upperBound + 1, 0, -1, 1_659_319_200]
        for _ in 0..<3_000 {
            let t = range.lowerBound + Int64(random.below(Int(range.upperBound - range.lowerBound)))
            instants += [t, t - t % 60, t - t % 86_400]
        }
        for t in instants {
            let instant = Instant(secondsSinceEpoch: t), expected = reference(instant)
            #expect(PlatformTime.format(instant) == expected.full, "\(t)")
            #expect(PlatformTime.formatSeconds(instant) == expected.seconds, "\(t)")
            #expect(PlatformTime.formatShort(instant) == expected.short, "\(t)")
            if range.contains(t) { #expect(try PlatformTime.parseInstant(expected.full).get() == instant) }
        }
    }
}
