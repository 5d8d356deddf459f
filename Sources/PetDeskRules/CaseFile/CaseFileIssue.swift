/// A problem in a case file: `FILE:LINE: field.path: what is wrong`.
public struct CaseFileIssue: Error, Hashable, Sendable, CustomStringConvertible {
    /// Errors reject a record; warnings (unknown fields) do not.
    public enum Severity: String, Sendable { case error, warning }

    /// The file as the user named it.
    public var file: String
    /// 1-based line; 0 when the problem concerns the whole file (it cannot be read).
    public var line: Int
    /// The case-format path (`checklist.identity.kind`, `tracking[3].at`), nil for file-level problems.
    public var field: String?
    /// What is wrong, in plain words.
    public var message: String
    /// Error or warning.
    public var severity: Severity

    /// Creates an issue.
    public init(file: String, line: Int, field: String?, message: String, severity: Severity = .error) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
        self.severity = severity
    }

    /// `cases.jsonl:14: paid_at: "2022-13-01" is not a valid instant`.
    public var description: String {
        let prefix = severity == .warning ? "warning: " : ""
        if line == 0 { return "\(file): \(prefix)\(message)" }
        if let field { return "\(file):\(line): \(field): \(prefix)\(message)" }
        return "\(file):\(line): \(prefix)\(message)"
    }
}

extension Unicode.Scalar {
    /// A C0 control (U+0000–U+001F) or DEL.
    public var isControlCharacter: Bool { value < 0x20 || value == 0x7F }
}
