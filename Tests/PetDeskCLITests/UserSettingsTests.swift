import Foundation
@testable import petdesk
import Testing

/// The language and theme an agent picks are remembered in config.toml, and nothing the user
/// wrote there is lost.
struct UserSettingsTests {
    @Test func aKeyIsReplacedOrAddedAboveTheTablesAndCommentsStay() {
        let text = "# my settings\ntheme = \"dark\"  \n\n[keys]\nlanguage = \"x\"\n"
        #expect(UserSettings.set("theme", "light", in: text) == "# my settings\ntheme = \"light\"\n\n[keys]\nlanguage = \"x\"\n")
        #expect(UserSettings.set("language", "en", in: text) == "# my settings\ntheme = \"dark\"  \n\nlanguage = \"en\"\n[keys]\nlanguage = \"x\"\n")
        #expect(UserSettings.set("language", "en", in: "") == "language = \"en\"\n")
        #expect(UserSettings.set("theme", "a\"b", in: "themes = 1\n") == "themes = 1\ntheme = \"a\\\"b\"\n", "a key with the name as prefix is another key")
    }

    @Test func aFileThatDoesNotParseIsNeverOverwritten() throws {
        let dir = try Binary.temporaryDirectory()
        defer { Binary.remove(dir) }
        let file = dir.appendingPathComponent("config.toml")
        try "theme = [unclosed\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(UserSettings.save("language", "en", file: file)?.contains("does not parse") == true)
        #expect(try String(contentsOf: file, encoding: .utf8) == "theme = [unclosed\n")
        let fresh = dir.appendingPathComponent("new/config.toml")
        #expect(UserSettings.save("language", "en", file: fresh) == nil)
        #expect(UserSettings.language(file: fresh) == .en)
    }
}
