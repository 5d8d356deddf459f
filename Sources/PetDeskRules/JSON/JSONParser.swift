/// A JSON syntax error with its position.
public struct JSONSyntaxError: Error, Equatable, Sendable {
    /// 1-based line.
    public var line: Int
    /// 1-based column (in bytes).
    public var column: Int
    /// What is wrong.
    public var message: String
}

/// A strict RFC 8259 parser over UTF-8 bytes that records the line of every value.
///
/// It never traps: depth is bounded, numbers are kept as text, and invalid UTF-8 or a lone
/// surrogate is a syntax error with a position.
public struct JSONParser {
    /// The deepest nesting accepted.
    public static let maximumDepth = 64
    /// The most elements one array may hold: memory stays bounded by what a case file can need
    /// (a larger batch belongs in JSON Lines, one case a line, read line by line).
    public static let maximumArrayElements = 1_000_000

    private let bytes: [UInt8]
    private var index: Int
    private var line: Int
    private var lineStart: Int
    private let end: Int

    /// Creates a parser over `bytes[range]`; `firstLine` is the line number of `range.lowerBound`.
    public init(bytes: [UInt8], range: Range<Int>? = nil, firstLine: Int = 1) {
        self.bytes = bytes
        let r = range ?? 0..<bytes.count
        index = r.lowerBound
        end = r.upperBound
        line = firstLine
        lineStart = r.lowerBound
    }

    /// Parses one value; with `requireEnd`, only white space may follow it.
    public mutating func parseValue(requireEnd: Bool = true) throws(JSONSyntaxError) -> JSONNode {
        skipSpace()
        guard index < end else { throw error("unexpected end of input") }
        let node = try value(depth: 0)
        skipSpace()
        if requireEnd, index < end { throw error("unexpected text after the JSON value") }
        return node
    }

    /// Whether only white space is left.
    public mutating func isAtEnd() -> Bool {
        skipSpace()
        return index >= end
    }

    /// The current line.
    public var currentLine: Int { line }

    // MARK: -

    private func error(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(line: line, column: index - lineStart + 1, message: message)
    }

    /// Passes white space. Inlined with a first test for none (a line of JSON Lines has little:
    /// `petdesk import --dry-run` of 2,000 cases, 776.7 M -> 771.6 M instructions).
    @inline(__always)
    private mutating func skipSpace() {
        guard index < end, bytes[index] <= 0x20 else { return }
        while index < end {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D: index += 1
            case 0x0A: index += 1; line += 1; lineStart = index
            default: return
            }
        }
    }

    private mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONNode {
        guard depth < Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth) levels") }
        let startLine = line
        switch bytes[index] {
        case UInt8(ascii: "{"): return JSONNode(try object(depth: depth), line: startLine)
        case UInt8(ascii: "["): return JSONNode(try array(depth: depth), line: startLine)
        case UInt8(ascii: "\""): return JSONNode(.string(try string()), line: startLine)
        case UInt8(ascii: "t"): try literal("true"); return JSONNode(.bool(true), line: startLine)
        case UInt8(ascii: "f"): try literal("false"); return JSONNode(.bool(false), line: startLine)
        case UInt8(ascii: "n"): try literal("null"); return JSONNode(.null, line: startLine)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return JSONNode(.number(try number()), line: startLine)
        default: throw error("unexpected character '\(printable(bytes[index]))'")
        }
    }

    private func printable(_ b: UInt8) -> String {
        b >= 0x20 && b < 0x7F ? String(UnicodeScalar(b)) : "\\u{\(String(b, radix: 16))}"
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= end else { throw error("unexpected end of input") }
        for i in 0..<count where bytes[index + i] != word.utf8Start[i] {
            throw error("unexpected character '\(printable(bytes[index]))'")
        }
        index += count
    }

    private mutating func object(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        index += 1
        var members: [JSONMember] = []
        skipSpace()
        if index < end, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
        // Room for a checklist item's members at once: growing from one member at a time
        // reallocated most objects three times (`petdesk import --dry-run` of 2,000 cases:
        // 771.6 M -> 717.6 M instructions, arrays included).
        members.reserveCapacity(8)
        while true {
            skipSpace()
            guard index < end else { throw error("unexpected end of input in an object") }
            guard bytes[index] == UInt8(ascii: "\"") else { throw error("expected a quoted key") }
            let key = try string()
            skipSpace()
            guard index < end, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':' after key \"\(key)\"") }
            index += 1
            skipSpace()
            guard index < end else { throw error("unexpected end of input in an object") }
            members.append(JSONMember(key, try value(depth: depth + 1)))
            skipSpace()
            guard index < end else { throw error("unexpected end of input in an object") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
            throw error("expected ',' or '}' in an object")
        }
    }

    private mutating func array(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        index += 1
        var items: [JSONNode] = []
        skipSpace()
        if index < end, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
        items.reserveCapacity(4)
        while true {
            skipSpace()
            guard index < end else { throw error("unexpected end of input in an array") }
            guard items.count < Self.maximumArrayElements else {
                throw error("more than \(Self.maximumArrayElements) elements in one array; split the file, or use JSON Lines (one case a line)")
            }
            items.append(try value(depth: depth + 1))
            skipSpace()
            guard index < end else { throw error("unexpected end of input in an array") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
            throw error("expected ',' or ']' in an array")
        }
    }

    private mutating func number() throws(JSONSyntaxError) -> String {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        func digits(_ p: inout JSONParser) -> Int {
            var n = 0
            while p.index < p.end, p.bytes[p.index] >= 48, p.bytes[p.index] <= 57 { p.index += 1; n += 1 }
            return n
        }
        guard index < end, digits(&self) > 0 else { throw error("invalid number") }
        if bytes[start] == UInt8(ascii: "0") || (bytes[start] == UInt8(ascii: "-") && bytes[start + 1] == UInt8(ascii: "0")),
           index - start > (bytes[start] == UInt8(ascii: "-") ? 2 : 1) {
            throw error("invalid number: leading zero")
        }
        if index < end, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits(&self) > 0 else { throw error("invalid number") }
        }
        if index < end, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < end, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits(&self) > 0 else { throw error("invalid number") }
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard index + 4 <= end else { throw error("unexpected end of input in a \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[index]
            let d: UInt32
            switch b {
            case 48...57: d = UInt32(b - 48)
            case 65...70: d = UInt32(b - 55)
            case 97...102: d = UInt32(b - 87)
            default: throw error("invalid \\u escape")
            }
            v = v << 4 | d
            index += 1
        }
        return v
    }

    private mutating func string() throws(JSONSyntaxError) -> String {
        index += 1
        let start = index
        // Fast path: no escapes. The scan runs over the buffer in a local index, not through
        // the array and the parser's own index (callgrind, reading 2,000 case lines: 1,215.0 M
        // → 1,185.5 M instructions).
        var bits: UInt8 = 0
        var ascii: String?
        index = bytes.withUnsafeBufferPointer { buffer in
            var i = start
            // Eight bytes at a time while none of them ends the plain run (a quote, a backslash,
            // a control byte); the bytes seen are OR-ed to tell ASCII (callgrind, `petdesk import
            // --dry-run` of 2,000 cases: 885.0 M -> 864.3 M instructions).
            if let base = buffer.baseAddress {
                let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
                var wide: UInt64 = 0
                while i + 8 <= end {
                    let v = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    let quote = v ^ (ones &* 0x22), backslash = v ^ (ones &* 0x5C)
                    let stops = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((v &- ones &* 0x20) & ~v)
                    if stops & highs != 0 { break }
                    wide |= v
                    i += 8
                }
                if wide & highs != 0 { bits = 0x80 }
            }
            while i < end {
                let b = buffer[i]
                if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b < 0x20 { break }
                bits |= b
                i += 1
            }
            // ASCII is UTF-8 as it is: only text with other bytes is checked (keys, instants and
            // ids are ASCII: `petdesk import --dry-run` of 2,000 cases, 965.3 M -> 947.8 M
            // instructions), and it is made from the buffer, not from a slice of the array
            // (717.6 M -> 693.6 M).
            if i < end, buffer[i] == UInt8(ascii: "\""), bits < 0x80 {
                ascii = String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<i]), as: UTF8.self)
            }
            return i
        }
        if let ascii {
            index += 1
            return ascii
        }
        if index < end, bytes[index] == UInt8(ascii: "\"") {
            let slice = bytes[start..<index]
            index += 1
            guard let s = UTF8Text.validated(slice) else {
                index = start
                throw error("invalid UTF-8 in a string")
            }
            return s
        }
        var out: [UInt8] = Array(bytes[start..<index])
        while index < end {
            let b = bytes[index]
            switch b {
            case UInt8(ascii: "\""):
                index += 1
                guard let s = UTF8Text.validated(out[...]) else { throw error("invalid UTF-8 in a string") }
                return s
            case UInt8(ascii: "\\"):
                index += 1
                guard index < end else { throw error("unexpected end of input in a string") }
                let e = bytes[index]
                index += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard index + 6 <= end, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                            throw error("lone surrogate in a \\u escape")
                        }
                        index += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw error("lone surrogate in a \\u escape") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        throw error("lone surrogate in a \\u escape")
                    }
                    guard let u = Unicode.Scalar(scalar) else { throw error("invalid \\u escape") }
                    out.append(contentsOf: Array(String(Character(u)).utf8))
                default:
                    throw error("invalid escape '\\\(printable(e))'")
                }
            default:
                if b < 0x20 { throw error(b == 0x0A ? "unterminated string" : "control character in a string") }
                out.append(b)
                index += 1
            }
        }
        throw error("unterminated string")
    }
}
