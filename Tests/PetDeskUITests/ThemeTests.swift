import Foundation
import Testing
@testable import PetDeskUI

struct ThemeTests {
    static var themesDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Themes")
    }

    static let shipped = ["default", "light", "high-contrast", "colorblind", "solarized-dark", "mono"]

    @Test(arguments: shipped)
    func everyShippedThemeParsesAndResolvesEveryRole(_ name: String) throws {
        let file = Self.themesDirectory.appendingPathComponent("\(name).toml")
        let text = try String(contentsOf: file, encoding: .utf8)
        let (theme, issues) = ThemeFile.parse(text, file: file.path, name: name)
        #expect(issues.isEmpty, "\(issues)")
        let t = try #require(theme)
        #expect(t.name == name)
        #expect(!t.description.isEmpty)
        #expect(text.hasPrefix("# \(name) — for"), "the first line says whom the theme is for")
        for role in StyleRole.allCases {
            _ = t.style(for: role)
            _ = t.monoAttributes(for: role)
        }
        // Selection and overdue timers must stand out even without colour.
        #expect(!t.monoAttributes(for: .selection).isEmpty)
        #expect(!t.monoAttributes(for: .timerOverdue).isEmpty)
    }

    @Test func colorblindThemeUsesNoRedGreenPair() throws {
        let text = try String(contentsOf: Self.themesDirectory.appendingPathComponent("colorblind.toml"), encoding: .utf8)
        let t = try #require(ThemeFile.parse(text, file: "colorblind.toml", name: "colorblind").theme)
        func hue(_ c: ThemeColor) -> String {
            guard case .rgb(let r, let g, let b) = c else { return "other" }
            if Int(r) > Int(g) + 60 && Int(r) > Int(b) + 60 && Int(g) < 90 { return "red" }
            if Int(g) > Int(r) + 60 && Int(g) > Int(b) + 40 { return "green" }
            return "other"
        }
        let hues = StyleRole.allCases.map { hue(t.style(for: $0).foreground) }
        #expect(!(hues.contains("red") && hues.contains("green")))
    }

    @Test func aMissingRoleFallsBackAlongItsDottedName() {
        let t = ThemeFile.parse("""
        [roles]
        text = { fg = "ansi:7" }
        timer = { fg = "ansi:3" }
        """, file: "t.toml", name: "t").theme!
        #expect(t.style(for: .timerOverdue).foreground == .ansi(3))
        #expect(t.style(for: .timer).foreground == .ansi(3))
        #expect(t.style(for: .header).foreground == .ansi(7))
        let empty = ThemeFile.parse("", file: "e.toml", name: "e").theme!
        #expect(empty.style(for: .timerOverdue) == Theme.builtinDefault.style(for: .timerOverdue))
        #expect(empty.monoAttributes(for: .selection) == .reverse)
    }

    @Test func paletteNamesAndNestedRoleTablesWork() {
        let (theme, issues) = ThemeFile.parse("""
        [palette]
        brand = "#ff8800"
        [roles.timer]
        overdue = { fg = "brand", bg = "256:52", attrs = ["bold", "underline"] }
        """, file: "p.toml", name: "p")
        #expect(issues.isEmpty)
        #expect(theme?.style(for: .timerOverdue) == Style(.rgb(255, 136, 0), .indexed(52), [.bold, .underline]))
    }

    @Test(arguments: [
        ((255, 0, 0), 196), ((0, 0, 0), 16), ((255, 255, 255), 231), ((95, 135, 175), 67), ((128, 128, 128), 244), ((8, 8, 8), 232),
    ])
    func rgbQuantisesTo256(_ rgb: (Int, Int, Int), _ index: Int) {
        #expect(ColorQuantizer.resolve(.rgb(UInt8(rgb.0), UInt8(rgb.1), UInt8(rgb.2)), colors: 256) == index)
    }

    @Test func fewerColoursFallToTheNearestOf16Or8() {
        #expect(ColorQuantizer.resolve(.rgb(250, 10, 10), colors: 16) == 9)
        #expect(ColorQuantizer.resolve(.rgb(250, 10, 10), colors: 8) == 1)
        #expect(ColorQuantizer.resolve(.indexed(196), colors: 16) == 9)
        #expect(ColorQuantizer.resolve(.ansi(9), colors: 8) == 1)
        #expect(ColorQuantizer.resolve(.ansi(9), colors: 256) == 9)
        #expect(ColorQuantizer.resolve(.terminalDefault, colors: 256) == -1)
    }

    @Test func noColorAlwaysWins() {
        #expect(ColorMode.colors(noColorFlag: false, environment: ["NO_COLOR": "1"], terminalColors: 256) == 0)
        #expect(ColorMode.colors(noColorFlag: true, environment: [:], terminalColors: 256) == 0)
        #expect(ColorMode.colors(noColorFlag: false, environment: ["NO_COLOR": ""], terminalColors: 256) == 256)
        #expect(ColorMode.colors(noColorFlag: false, environment: [:], terminalColors: 8) == 8)
    }

    @Test func tCyclesThemes() {
        let (_, effects) = update(loadedState(), .keyPressed(.char("t")))
        #expect(effects == [.cycleTheme])
        let (s, _) = update(loadedState(), .themeChanged("light"))
        #expect(s.themeName == "light")
    }
}

/// One test per error class of `themes check`, each with its line (and column for syntax).
struct ThemeCheckTests {
    private func problems(_ text: String) -> [String] {
        ThemeFile.parse(text, file: "t.toml", name: "t").issues.map(\.description)
    }

    @Test func syntaxErrorsHaveLineAndColumn() {
        #expect(problems("[roles]\ntext = { fg = \"ansi:1\"\n") .first?.hasPrefix("t.toml:2:") == true)
        #expect(problems("[roles\n").first?.hasPrefix("t.toml:1:7: TOML syntax:") == true)
    }

    @Test func unknownRoleHasTheLineOfItsKey() {
        #expect(problems("name = \"x\"\n\n[roles]\ntext = {}\nbogus = { fg = \"ansi:1\" }\n") == ["t.toml:5: unknown role 'bogus'"])
    }

    @Test func badColourValue() {
        #expect(problems("[roles]\n\"timer.ok\" = { fg = \"#12345\" }\n")
                == ["t.toml:2: bad colour value '#12345'; use default, #rrggbb, ansi:0-15, 256:0-255 or a palette name"])
        #expect(problems("[roles]\ntext = { fg = \"ansi:16\" }\n").count == 1)
        #expect(problems("[palette]\nx = \"256:300\"\n").first?.hasPrefix("t.toml:2: bad colour value for palette entry 'x'") == true)
    }

    @Test func unknownPaletteName() {
        #expect(problems("[palette]\nink = \"#000000\"\n[roles]\ntext = { fg = \"ink\" }\nheader = { bg = \"paper\" }\n")
                == ["t.toml:5: unknown palette name 'paper'"])
    }

    @Test func unknownAttributeAndKeys() {
        #expect(problems("[roles]\ntext = { attrs = [\"blink\"] }\n") == ["t.toml:2: unknown attribute 'blink' (bold, reverse, underline, dim, none)"])
        #expect(problems("colour = 1\n").first?.hasPrefix("t.toml:1: unknown key 'colour'") == true)
        #expect(problems("[roles]\ntext = { foreground = \"ansi:1\" }\n") == ["t.toml:2: unknown field 'foreground' in role 'text'"])
        #expect(problems("[mono]\nnope = [\"bold\"]\n") == ["t.toml:2: unknown role 'nope'"])
    }
}
