import Foundation
import PetDeskUI
import TOMLKit

/// Finds themes: user themes, the installed share directory, ./Themes, then the built-in default.
struct ThemeCatalog {
    struct Entry {
        var name: String
        var path: String?
        var theme: Theme?
        var issues: [ThemeIssue]
    }

    /// Folders searched, first wins for a name.
    static var searchPath: [URL] {
        let env = ProcessInfo.processInfo.environment
        let config = env["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".config")
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        return [config.appendingPathComponent("petdesk/themes"),
                executable.appendingPathComponent("../share/petdesk/themes").standardized,
                URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Themes")]
    }

    /// The user's config file.
    static var configFile: URL {
        let env = ProcessInfo.processInfo.environment
        let config = env["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".config")
        return config.appendingPathComponent("petdesk/config.toml")
    }

    /// Reads one theme file.
    static func load(path: String) -> Entry {
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        guard let data = FileManager.default.contents(atPath: path) else {
            return Entry(name: name, path: path, theme: nil,
                         issues: [ThemeIssue(file: path, line: 1, column: nil, message: "cannot read the file")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return Entry(name: name, path: path, theme: nil,
                         issues: [ThemeIssue(file: path, line: 1, column: nil, message: "not UTF-8 text")])
        }
        let (theme, issues) = ThemeFile.parse(text, file: path, name: name)
        return Entry(name: theme?.name ?? name, path: path, theme: theme, issues: issues)
    }

    /// Every theme found, by name, in search order, the built-in default first.
    static func all() -> [Entry] {
        var seen = Set<String>()
        var entries: [Entry] = []
        for dir in searchPath {
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { continue }
            for file in files.sorted() where file.hasSuffix(".toml") {
                let entry = load(path: dir.appendingPathComponent(file).path)
                if seen.insert(entry.name).inserted { entries.append(entry) }
            }
        }
        if !seen.contains("default") {
            entries.insert(Entry(name: "default", path: nil, theme: .builtinDefault, issues: []), at: 0)
        } else if let i = entries.firstIndex(where: { $0.name == "default" }), i != 0 {
            entries.insert(entries.remove(at: i), at: 0)
        }
        return entries
    }

    /// The theme asked for by `--theme`, `PETDESK_THEME` or config.toml, or the default; the
    /// warning says what went wrong when the choice could not be used.
    static func choose(_ option: String?, from entries: [Entry]) -> (theme: Theme, warning: String?) {
        let env = ProcessInfo.processInfo.environment
        var wanted = option ?? env["PETDESK_THEME"].flatMap { $0.isEmpty ? nil : $0 }
        if wanted == nil, let data = FileManager.default.contents(atPath: configFile.path), let text = String(data: data, encoding: .utf8) {
            do {
                wanted = try TOMLTable(string: text)["theme"]?.string
            } catch let e as TOMLParseError {
                return (.builtinDefault, "\(configFile.path):\(e.source.begin.line):\(e.source.begin.column): \(e.description); using the default theme")
            } catch {
                return (.builtinDefault, "\(configFile.path): \(error); using the default theme")
            }
        }
        guard let wanted, wanted != "default" || FileManager.default.fileExists(atPath: wanted) else {
            return (entries.first?.theme ?? .builtinDefault, nil)
        }
        let entry: Entry?
        if wanted.contains("/") || wanted.hasSuffix(".toml") {
            entry = load(path: wanted)
        } else {
            entry = entries.first { $0.name == wanted }
        }
        guard let entry else { return (.builtinDefault, "no theme named '\(wanted)' (petdesk themes list); using the default theme") }
        if let theme = entry.theme { return (theme, nil) }
        return (.builtinDefault, (entry.issues.first?.description ?? "\(wanted): invalid theme") + "; using the default theme")
    }
}
