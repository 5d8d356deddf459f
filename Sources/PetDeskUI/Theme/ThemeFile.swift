import TOMLKit

/// A problem in a theme file: `FILE:LINE[:COL]: problem`.
public struct ThemeIssue: Hashable, Sendable, CustomStringConvertible {
    /// The theme file as the user named it.
    public var file: String
    /// The line of the fault, from 1.
    public var line: Int
    /// The column of the fault, from 1; nil when the parser does not say.
    public var column: Int?
    /// What is wrong and what to write instead.
    public var message: String

    /// Creates an issue.
    public init(file: String, line: Int, column: Int?, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        "\(file):\(line)\(column.map { ":\($0)" } ?? ""): \(message)"
    }
}

/// Reads theme files (TOML): `[palette]` of named colours, `[roles]` mapping style roles to
/// `{ fg, bg, attrs }`, and `[mono]` attributes for terminals without colour.
public enum ThemeFile {
    /// Parses theme text; the theme is nil when any issue was found.
    public static func parse(_ text: String, file: String, name: String) -> (theme: Theme?, issues: [ThemeIssue]) {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            return (nil, [ThemeIssue(file: file, line: error.source.begin.line, column: error.source.begin.column,
                                     message: "TOML syntax: \(error.description)")])
        } catch {
            return (nil, [ThemeIssue(file: file, line: 1, column: nil, message: "not a TOML file: \(error)")])
        }
        let lines = KeyLines(text)
        var issues: [ThemeIssue] = []
        func issue(_ section: String, _ key: String, _ message: String) {
            issues.append(ThemeIssue(file: file, line: lines.line(of: key, in: section), column: nil, message: message))
        }
        for key in table.keys where !["name", "description", "palette", "roles", "mono"].contains(key) {
            issue("", key, "unknown key '\(key)' (expected name, description, [palette], [roles], [mono])")
        }
        var palette: [String: ThemeColor] = [:]
        if let p = table["palette"]?.table {
            for key in p.keys {
                guard let text = p[key]?.string, let color = literalColor(text) else {
                    issue("palette", key, "bad colour value for palette entry '\(key)'; use default, #rrggbb, ansi:0-15 or 256:0-255")
                    continue
                }
                palette[key] = color
            }
        }
        func color(_ text: String?, _ section: String, _ key: String) -> ThemeColor? {
            guard let text else { return nil }
            if let c = literalColor(text) { return c }
            if let c = palette[text] { return c }
            if text.hasPrefix("#") || text.contains(":") {
                issue(section, key, "bad colour value '\(text)'; use default, #rrggbb, ansi:0-15, 256:0-255 or a palette name")
            } else {
                issue(section, key, "unknown palette name '\(text)'")
            }
            return nil
        }
        func attributes(_ value: TOMLValueConvertible?, _ section: String, _ key: String) -> TextAttributes {
            var names: [String] = []
            if let s = value?.string { names = [s] }
            if let a = value?.array { names = a.compactMap { $0.string } }
            var set: TextAttributes = []
            for n in names {
                switch n {
                case "bold": set.insert(.bold)
                case "reverse": set.insert(.reverse)
                case "underline": set.insert(.underline)
                case "dim": set.insert(.dim)
                case "none", "normal": break
                default: issue(section, key, "unknown attribute '\(n)' (bold, reverse, underline, dim, none)")
                }
            }
            return set
        }
        var styles: [StyleRole: Style] = [:]
        if let roles = table["roles"]?.table {
            for (key, value) in flatten(roles) {
                guard let role = StyleRole(rawValue: key) else {
                    issue("roles", key, "unknown role '\(key)'")
                    continue
                }
                guard let t = value.table else { issue("roles", key, "a role is a table: { fg = …, bg = …, attrs = [ … ] }"); continue }
                for k in t.keys where !["fg", "bg", "attrs"].contains(k) { issue("roles", key, "unknown field '\(k)' in role '\(key)'") }
                styles[role] = Style(color(t["fg"]?.string, "roles", key) ?? .terminalDefault,
                                     color(t["bg"]?.string, "roles", key) ?? .terminalDefault,
                                     attributes(t["attrs"], "roles", key))
            }
        }
        var mono: [StyleRole: TextAttributes] = [:]
        if let m = table["mono"]?.table {
            for (key, value) in flatten(m) {
                guard let role = StyleRole(rawValue: key) else {
                    issue("mono", key, "unknown role '\(key)'")
                    continue
                }
                mono[role] = attributes(value, "mono", key)
            }
        }
        guard issues.isEmpty else { return (nil, issues.sorted { $0.line < $1.line }) }
        let theme = Theme(name: table["name"]?.string ?? name, description: table["description"]?.string ?? "",
                          source: file, styles: styles, mono: mono)
        return (theme, [])
    }

    /// Role tables may nest (`[roles.timer]` + `overdue = {…}`) or quote dotted names; both flatten to `timer.overdue`.
    private static func flatten(_ table: TOMLTable, prefix: String = "") -> [(String, TOMLValueConvertible)] {
        var out: [(String, TOMLValueConvertible)] = []
        for key in table.keys {
            guard let value = table[key] else { continue }
            let name = prefix.isEmpty ? key : "\(prefix).\(key)"
            // A group of roles (`[roles.timer]` + `overdue = {…}`) holds tables named after sub-roles;
            // anything else is a style, whose unknown fields are reported.
            if let t = value.table, !t.isEmpty,
               t.keys.allSatisfy({ StyleRole(rawValue: "\(name).\($0)") != nil && t[$0]?.table != nil }) {
                out += flatten(t, prefix: name)
            } else {
                out.append((name, value))
            }
        }
        return out
    }

    /// `default`, `#rrggbb`, `ansi:N` (0–15) or `256:N` (0–255); nil otherwise.
    public static func literalColor(_ text: String) -> ThemeColor? {
        if text == "default" { return .terminalDefault }
        if text.hasPrefix("#"), text.count == 7, let v = UInt32(text.dropFirst(), radix: 16) {
            return .rgb(UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF))
        }
        if text.hasPrefix("ansi:"), let n = Int(text.dropFirst(5)), (0...15).contains(n) { return .ansi(n) }
        if text.hasPrefix("256:"), let n = Int(text.dropFirst(4)), (0...255).contains(n) { return .indexed(n) }
        return nil
    }
}

/// The line of each `key =` in each `[section]`, for messages that point at a key.
private struct KeyLines {
    private var lines: [String: Int] = [:]

    init(_ text: String) {
        var section = ""
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingSpaces()
            if line.hasPrefix("#") || line.isEmpty { continue }
            if line.hasPrefix("[") {
                section = Self.unquote(String(line.dropFirst().prefix { $0 != "]" }))
                let top = section.split(separator: ".").first.map(String.init) ?? section
                if top != section { lines["\(top)\u{0}\(section.dropFirst(top.count + 1))"] = i + 1 }
                lines["\u{0}\(section)"] = i + 1
                continue
            }
            guard let eq = line.firstIndex(of: "=") else { continue }
            let key = Self.unquote(String(line[..<eq]))
            let top = section.split(separator: ".").first.map(String.init) ?? section
            let prefix = section.count > top.count ? String(section.dropFirst(top.count + 1)) + "." : ""
            let full = "\(top)\u{0}\(prefix)\(key)"
            if lines[full] == nil { lines[full] = i + 1 }
        }
    }

    private static func unquote(_ s: String) -> String {
        s.trimmingSpaces().split(separator: ".").map {
            $0.trimmingSpaces().trimmingQuotes()
        }.joined(separator: ".")
    }

    func line(of key: String, in section: String) -> Int {
        lines["\(section)\u{0}\(key)"] ?? lines["\u{0}\(section)"] ?? 1
    }
}

extension StringProtocol {
    /// The text without the quotes around it (a TOML string as a theme file writes it).
    func trimmingQuotes() -> String {
        var s = Substring(self)
        while let c = s.first, c == "\"" || c == "'" { s.removeFirst() }
        while let c = s.last, c == "\"" || c == "'" { s.removeLast() }
        return String(s)
    }
}
