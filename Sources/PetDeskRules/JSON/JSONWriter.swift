/// Serialises `JSONValue`s with keys in the order given: pretty (two-space indent) or one line.
public enum JSONWriter {
    /// The JSON text of `value`; `pretty` indents by two spaces, otherwise one line (for JSON Lines).
    public static func string(_ value: JSONValue, pretty: Bool = true) -> String {
        var out = ""
        out.reserveCapacity(256)
        write(value, pretty: pretty, indent: 0, into: &out)
        return out
    }

    private static func write(_ value: JSONValue, pretty: Bool, indent: Int, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n
        case .string(let s): writeString(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                newline(pretty, indent + 1, &out)
                write(item.value, pretty: pretty, indent: indent + 1, into: &out)
            }
            newline(pretty, indent, &out)
            out += "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{"
            for (i, m) in members.enumerated() {
                if i > 0 { out += "," }
                newline(pretty, indent + 1, &out)
                writeString(m.key, into: &out)
                out += pretty ? ": " : ":"
                write(m.value.value, pretty: pretty, indent: indent + 1, into: &out)
            }
            newline(pretty, indent, &out)
            out += "}"
        }
    }

    private static func newline(_ pretty: Bool, _ indent: Int, _ out: inout String) {
        guard pretty else { return }
        out += "\n"
        out += String(repeating: "  ", count: indent)
    }

    private static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x2028...0x2029).contains(scalar.value) {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}

/// Builds JSON objects with keys in insertion order.
public struct JSONObjectBuilder {
    /// The members so far.
    public private(set) var members: [JSONMember] = []
    /// Creates an empty object.
    public init() {}
    /// Appends a member.
    public mutating func add(_ key: String, _ value: JSONValue) { members.append(JSONMember(key, .value(value))) }
    /// Appends a string member, or null.
    public mutating func add(_ key: String, _ value: String?) { add(key, value.map { .string($0) } ?? .null) }
    /// Appends an instant member, or null.
    public mutating func add(_ key: String, _ value: Instant?) { add(key, value.map { .string($0.description) } ?? .null) }
    /// The object.
    public var value: JSONValue { .object(members) }
}
