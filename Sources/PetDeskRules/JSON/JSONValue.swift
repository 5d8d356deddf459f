/// A JSON value that remembers the line it started on, so errors can name `FILE:LINE`.
public struct JSONNode: Sendable {
    /// What was parsed.
    public var value: JSONValue
    /// The 1-based line where the value starts.
    public var line: Int

    /// Creates a node.
    public init(_ value: JSONValue, line: Int = 1) {
        self.value = value
        self.line = line
    }
}

/// An object member with the line of its key.
public struct JSONMember: Sendable {
    /// The member's name.
    public var key: String
    /// The member's value, with the line it is on.
    public var value: JSONNode

    /// Creates a member.
    public init(_ key: String, _ value: JSONNode) {
        self.key = key
        self.value = value
    }
}

/// A JSON value. Numbers keep their text, so amounts are never rounded through a double.
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONNode])
    case object([JSONMember])

    /// A short name of the value's type for error messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

extension JSONNode {
    /// Convenience for writers: a node from a value on line 1.
    public static func value(_ v: JSONValue) -> JSONNode { JSONNode(v) }
}
