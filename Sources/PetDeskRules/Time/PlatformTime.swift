/// The platform's time conventions (standard §1): Asia/Shanghai, UTC+08:00, no DST.
///
/// Parsing and formatting are done by hand on the civil calendar, so that results never depend on
/// the machine's zone, locale or Foundation's calendar caches.
public enum PlatformTime {
    /// Asia/Shanghai's offset from UTC. China has observed no DST since 1991.
    public static let utcOffsetSeconds: Int64 = 8 * 3600
    /// Seconds in an hour.
    public static let secondsPerHour: Int64 = 3600
    /// Seconds in a civil day.
    public static let secondsPerDay: Int64 = 86_400

    /// Why an instant string was rejected.
    public enum ParseFailure: Error, Equatable, Sendable {
        /// The text is not an instant in any accepted form.
        case malformed
        /// A date alone where a time is required.
        case dateWithoutTime
        /// A real instant whose platform date falls outside years 0001–9999, which RFC 3339
        /// cannot write back (9999-12-31T23:59:59Z is 10000-01-01 in Shanghai).
        case outOfRange
    }

    /// The first and last instants petdesk reads and writes: 0001-01-01T00:00:00+08:00 and
    /// 9999-12-31T23:59:59+08:00, so every instant it accepts exports as text it accepts.
    public static let supportedRange: ClosedRange<Int64> = {
        let first = daysFromCivil(year: 1, month: 1, day: 1) * secondsPerDay - utcOffsetSeconds
        let last = (daysFromCivil(year: 9999, month: 12, day: 31) + 1) * secondsPerDay - 1 - utcOffsetSeconds
        return first...last
    }()

    /// Parses an RFC 3339 instant, or one of the relaxed forms of the case format.
    ///
    /// Accepted: `2022-08-01T10:00:00+08:00`, `…Z`, `…+0800`, no offset (taken as +08:00),
    /// a space instead of `T`, seconds omitted, fractions of a second (dropped).
    /// A date alone (`2022-08-05`) is accepted only with `allowDateOnly`, as its 00:00:00.
    public static func parseInstant(_ text: String, allowDateOnly: Bool = false) -> Result<Instant, ParseFailure> {
        // Read in the string's own bytes, not a copy in an array (`petdesk import --dry-run` of
        // 2,000 cases: 947.8 M -> 927.8 M instructions).
        var text = text
        return text.withUTF8 { parseInstant($0[...], allowDateOnly: allowDateOnly) }
    }

    private static func parseInstant(_ bytes: Bytes, allowDateOnly: Bool) -> Result<Instant, ParseFailure> {
        var bytes = bytes
        guard let date = parseDate(&bytes) else { return .failure(.malformed) }
        if bytes.isEmpty {
            return allowDateOnly ? .success(date.startInstant) : .failure(.dateWithoutTime)
        }
        guard let sep = bytes.popFirst(), sep == UInt8(ascii: "T") || sep == UInt8(ascii: "t") || sep == UInt8(ascii: " "),
              let hour = digits(&bytes, 2), hour < 24,
              bytes.popFirst() == UInt8(ascii: ":"),
              let minute = digits(&bytes, 2), minute < 60 else { return .failure(.malformed) }
        var second: Int64 = 0
        if bytes.first == UInt8(ascii: ":") {
            bytes.removeFirst()
            guard let s = digits(&bytes, 2), s < 60 else { return .failure(.malformed) }
            second = s
            if bytes.first == UInt8(ascii: ".") || bytes.first == UInt8(ascii: ",") {
                bytes.removeFirst()
                var count = 0
                while let b = bytes.first, isDigit(b) { bytes.removeFirst(); count += 1 }
                guard count > 0 else { return .failure(.malformed) }
            }
        }
        var offset = utcOffsetSeconds
        if let b = bytes.first {
            if b == UInt8(ascii: "Z") || b == UInt8(ascii: "z") {
                bytes.removeFirst()
                offset = 0
            } else if b == UInt8(ascii: "+") || b == UInt8(ascii: "-") {
                bytes.removeFirst()
                guard let oh = digits(&bytes, 2), oh <= 23 else { return .failure(.malformed) }
                if bytes.first == UInt8(ascii: ":") { bytes.removeFirst() }
                guard let om = digits(&bytes, 2), om < 60 else { return .failure(.malformed) }
                offset = (oh * 3600 + om * 60) * (b == UInt8(ascii: "-") ? -1 : 1)
            }
        }
        guard bytes.isEmpty else { return .failure(.malformed) }
        let local = date.dayNumber * secondsPerDay + hour * 3600 + minute * 60 + second
        guard supportedRange.contains(local - offset) else { return .failure(.outOfRange) }
        return .success(Instant(secondsSinceEpoch: local - offset))
    }

    /// Parses a calendar date `YYYY-MM-DD`.
    public static func parseDate(_ text: String) -> LocalDate? {
        var text = text
        return text.withUTF8 { buffer in
            var bytes = buffer[...]
            guard let date = parseDate(&bytes), bytes.isEmpty else { return nil }
            return date
        }
    }

    /// Text's bytes, read in place.
    private typealias Bytes = Slice<UnsafeBufferPointer<UInt8>>

    /// Formats an instant as RFC 3339 in platform time: `2022-08-01T10:00:00+08:00`.
    public static func format(_ instant: Instant) -> String { render(instant, .rfc3339) }

    /// An instant to the second, always: `2022-08-01 10:00:00` (audit trails, decisions).
    public static func formatSeconds(_ instant: Instant) -> String { render(instant, .seconds) }

    /// An instant for display where space is short: `2022-08-01 10:00` (seconds only when not zero).
    public static func formatShort(_ instant: Instant) -> String { render(instant, .short) }

    /// The three ways an instant is written.
    private enum Layout { case rfc3339, seconds, short }

    /// Writes an instant's digits straight into the string's bytes (interpolating padded parts
    /// and slicing the result cost 10 k instructions an instant: a sixth of drawing a frame).
    private static func render(_ instant: Instant, _ layout: Layout) -> String {
        let local = instant.secondsSinceEpoch + utcOffsetSeconds
        let day = floorDiv(local, secondsPerDay)
        let rest = Int(local - day * secondsPerDay)
        let c = civilFromDays(day)
        let (hour, minute, second) = (rest / 3600, rest % 3600 / 60, rest % 60)
        guard (0...9999).contains(c.year) else {
            // Outside the supported range (never read nor written): the year as it comes.
            let date = "\(pad(Int(c.year), 4))-\(pad(Int(c.month), 2))-\(pad(Int(c.day), 2))"
            let time = "\(pad(hour, 2)):\(pad(minute, 2))"
            switch layout {
            case .rfc3339: return "\(date)T\(time):\(pad(second, 2))+08:00"
            case .seconds: return "\(date) \(time):\(pad(second, 2))"
            case .short: return second == 0 ? "\(date) \(time)" : "\(date) \(time):\(pad(second, 2))"
            }
        }
        let count = layout == .rfc3339 ? 25 : layout == .short && second == 0 ? 16 : 19
        return String(unsafeUninitializedCapacity: count) { out in
            func put(_ value: Int, _ width: Int, at i: Int) {
                var v = value
                for k in stride(from: i + width - 1, through: i, by: -1) { out[k] = UInt8(ascii: "0") + UInt8(v % 10); v /= 10 }
            }
            put(Int(c.year), 4, at: 0); out[4] = UInt8(ascii: "-")
            put(Int(c.month), 2, at: 5); out[7] = UInt8(ascii: "-")
            put(Int(c.day), 2, at: 8)
            out[10] = layout == .rfc3339 ? UInt8(ascii: "T") : UInt8(ascii: " ")
            put(hour, 2, at: 11); out[13] = UInt8(ascii: ":")
            put(minute, 2, at: 14)
            if count > 16 { out[16] = UInt8(ascii: ":"); put(second, 2, at: 17) }
            if count == 25 { for (k, b) in "+08:00".utf8.enumerated() { out[19 + k] = b } }
            return count
        }
    }

    // MARK: - Civil calendar (H. Hinnant's algorithms, proleptic Gregorian)

    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDiv(y, 400)
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    // MARK: - Byte scanning

    private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    private static func digits(_ bytes: inout Bytes, _ count: Int) -> Int64? {
        var value: Int64 = 0
        for _ in 0..<count {
            guard let b = bytes.popFirst(), isDigit(b) else { return nil }
            value = value * 10 + Int64(b - 48)
        }
        return value
    }

    private static func parseDate(_ bytes: inout Bytes) -> LocalDate? {
        guard let year = digits(&bytes, 4), bytes.popFirst() == UInt8(ascii: "-"),
              let month = digits(&bytes, 2), bytes.popFirst() == UInt8(ascii: "-"),
              let day = digits(&bytes, 2) else { return nil }
        return LocalDate(year: Int(year), month: Int(month), day: Int(day))
    }
}
