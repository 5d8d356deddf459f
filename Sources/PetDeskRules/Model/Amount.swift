/// An amount of money in CNY, held exactly in fen (hundredths of a yuan).
public struct Amount: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The amount in fen.
    public var fen: Int64

    /// Creates an amount from fen.
    public init(fen: Int64) { self.fen = fen }

    /// Parses a decimal string in yuan (`"3000"`, `"3000.5"`, `"3000.00"`); nil if it is not a
    /// non-negative amount with at most two decimal places.
    public init?(yuan text: String) {
        let trimmed = text.trimmingSpaces()
        var whole: Int64 = 0
        var fraction: Int64 = 0
        var fractionDigits = 0
        var seenDigit = false
        var seenPoint = false
        for b in trimmed.utf8 {
            if b == UInt8(ascii: ".") {
                guard !seenPoint else { return nil }
                seenPoint = true
            } else if b >= 48 && b <= 57 {
                seenDigit = true
                if seenPoint {
                    fractionDigits += 1
                    guard fractionDigits <= 2 else { return nil }
                    fraction = fraction * 10 + Int64(b - 48)
                } else {
                    let (m, o1) = whole.multipliedReportingOverflow(by: 10)
                    let (s, o2) = m.addingReportingOverflow(Int64(b - 48))
                    guard !o1, !o2, s < Int64.max / 1000 else { return nil }
                    whole = s
                }
            } else {
                return nil
            }
        }
        guard seenDigit else { return nil }
        if fractionDigits == 1 { fraction *= 10 }
        self.fen = whole * 100 + fraction
    }

    public static func < (lhs: Amount, rhs: Amount) -> Bool { lhs.fen < rhs.fen }

    /// `3000.00`.
    public var description: String {
        let cents = fen % 100
        return "\(fen / 100).\(cents < 10 ? "0" : "")\(cents)"
    }
}

extension StringProtocol {
    /// The text without leading and trailing white space (Unicode-aware, Foundation-free): the
    /// one trimmer every module uses.
    public func trimmingSpaces() -> String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}

extension String {
    /// Whether the string is empty or only white space (fast for ASCII).
    var isBlank: Bool {
        for scalar in unicodeScalars {
            let v = scalar.value
            if v == 0x20 || (0x09...0x0D).contains(v) { continue }
            if v < 0x80 || !scalar.properties.isWhitespace { return false }
        }
        return true
    }
}
