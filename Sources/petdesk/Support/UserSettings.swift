import Foundation
import PetDeskUI
import TOMLKit

/// What the dashboard remembers between shifts, in `config.toml`: the language (`L`) and the
/// theme (`t`). The file is edited line by line, so the user's comments, order and other keys
/// stay as they wrote them; a file that does not parse is never overwritten.
enum UserSettings {
    /// The language config.toml asks for, if it names one.
    static func language(file: URL = ThemeCatalog.configFile) -> Language? {
        guard let data = FileManager.default.contents(atPath: file.path), let text = String(data: data, encoding: .utf8),
              let table = try? TOMLTable(string: text), let value = table["language"]?.string else { return nil }
        return Language(rawValue: value)
    }

    /// Sets top-level `key = "value"` in the config file (created when missing). Returns a
    /// warning when the file could not be changed (it does not parse, or cannot be written).
    @discardableResult
    static func save(_ key: String, _ value: String, file: URL = ThemeCatalog.configFile) -> String? {
        var text = ""
        if let data = FileManager.default.contents(atPath: file.path) {
            guard let existing = String(data: data, encoding: .utf8), (try? TOMLTable(string: existing)) != nil else {
                return "\(file.path) does not parse as TOML: your \(key) choice was not saved (the file is left as it is)"
            }
            text = existing
        }
        let edited = set(key, value, in: text)
        do {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(edited.utf8).write(to: file, options: .atomic)
            return nil
        } catch {
            return "cannot save your \(key) choice in \(file.path): \(error.localizedDescription)"
        }
    }

    /// `text` with the top-level `key` set to the string `value`: its line replaced where there
    /// is one (before the first table header), else a line added there.
    static func set(_ key: String, _ value: String, in text: String) -> String {
        let quoted = "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        var lines = text.isEmpty ? [] : text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        let firstTable = lines.firstIndex { $0.trimmingSpaces().hasPrefix("[") } ?? lines.count
        let isKey = { (line: String) -> Bool in
            let t = line.trimmingSpaces()
            guard t.hasPrefix(key) else { return false }
            return t.dropFirst(key.count).trimmingSpaces().hasPrefix("=")
        }
        if let i = lines[..<firstTable].firstIndex(where: isKey) {
            lines[i] = "\(key) = \(quoted)"
        } else {
            lines.insert("\(key) = \(quoted)", at: firstTable)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
