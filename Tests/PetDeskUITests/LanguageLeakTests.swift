import Foundation
import PetDeskRules
import Testing
@testable import PetDeskUI

/// The Chinese screens carry no English: every screen and overlay, rendered in zh, has no
/// English word left once the identifiers that are the same in both languages are removed.
struct LanguageLeakTests {
    /// Identifiers, codes, units and key names: the same in both languages.
    static let allowed = [
        #"KS-PET-[A-Z0-9-]+"#, #"KS\d+"#, #"\[[A-Z_]+\]"#, #"[A-Z]+(_[A-Z]+)+"#, #"\d+(天|h|m|s)"#, #"\d+h\d+m"#,
        #"\b(petdesk|DEMO|Tab|S-Tab|Esc|Enter|Space|PgUp|PgDn|Home|End|Bksp|Del|Ctrl-[A-Z]|F\d+)\b"#,
        #"中文/English"#, #"\bli\b"#, #"\b[a-zA-Z]\b"#, #"SF\d+"#, #"\b(CKU|OSC)\b"#,
    ]

    static func leaks(_ lines: [String]) -> [String] {
        lines.compactMap { line in
            var rest = line
            for pattern in allowed { rest = rest.replacingOccurrences(of: pattern, with: " ", options: .regularExpression) }
            return rest.range(of: #"[A-Za-z]{2,}"#, options: .regularExpression) != nil ? line : nil
        }
    }

    static func screens() -> [(String, State)] {
        var list: [(String, State)] = [("main", loadedState(width: 160, height: 48))]
        for (name, key) in [("help", Key.char("?")), ("decision", .char("v")), ("print", .char("p")), ("detail", .enter)] {
            list.append((name, update(loadedState(width: 160, height: 48), .keyPressed(key)).0))
        }
        var checklist = update(loadedState(width: 160, height: 48), .keyPressed(.tab)).0
        list.append(("checklist", checklist))
        checklist = update(checklist, .keyPressed(.char("n"))).0
        list.append(("note", checklist))
        // The help scrolls: every page of it.
        var help = update(loadedState(width: 160, height: 48), .keyPressed(.char("?"))).0
        for page in 1...6 {
            help = update(help, .keyPressed(.pageDown)).0
            list.append(("help page \(page)", help))
        }
        var preview = update(loadedState(width: 160, height: 48), .keyPressed(.char("p"))).0
        preview = update(preview, .keyPressed(.char("t"))).0
        list.append(("print with the rule trace", preview))
        for page in 1...4 {
            preview = update(preview, .keyPressed(.pageDown)).0
            list.append(("print with the rule trace, page \(page)", preview))
        }
        var instant = update(loadedState(width: 160, height: 48), .keyPressed(.tab)).0
        instant = update(instant, .keyPressed(.char("i"))).0
        list.append(("instant", instant))
        instant = update(instant, .keyPressed(.char("x"))).0
        instant = update(instant, .keyPressed(.enter)).0
        list.append(("instant refused", instant))
        var messages = loadedState(width: 160, height: 48)
        messages = update(messages, .caseSaved(messages.current!, message: "")).0
        list.append(("saved", messages))
        return list
    }

    @Test func everyChineseScreenIsFreeOfEnglish() {
        for (name, state) in Self.screens() {
            let leaks = Self.leaks(view(state).lines())
            #expect(leaks.isEmpty, "\(name): \(leaks.joined(separator: "\n"))")
        }
    }
}
