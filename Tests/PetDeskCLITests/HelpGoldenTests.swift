import Foundation
import Testing

/// `petdesk help CMD` is the manual agents read: its text is held in `Golden/help/`, so a
/// change to it is a reviewed change. After an intended change, regenerate with
/// `for c in …; do COLUMNS=80 petdesk help $c > Tests/PetDeskCLITests/Golden/help/$c.txt; done`.
struct HelpGoldenTests {
    static let commands = ["root", "dashboard", "verdict", "import", "export", "list", "show", "mark", "undo", "decide", "history",
                           "claim", "next", "summary", "migrate", "agents", "demo", "rules", "themes", "bench"]
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/help")

    @Test(arguments: commands) func helpIsTheReviewedText(_ command: String) throws {
        let golden = try String(contentsOf: Self.folder.appendingPathComponent("\(command).txt"), encoding: .utf8)
        let r = try Binary.run(["help"] + (command == "root" ? [] : [command]), environment: ["COLUMNS": "80"])
        #expect(r.status == 0)
        #expect(r.stdout + r.stderr == golden, "petdesk help \(command) changed")
    }

    @Test func everyCommandHasAGoldenText() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".txt") }
        #expect(Set(files.map { String($0.dropLast(4)) }) == Set(Self.commands))
        let root = try String(contentsOf: Self.folder.appendingPathComponent("root.txt"), encoding: .utf8)
        let subcommands = (root.components(separatedBy: "SUBCOMMANDS:").last ?? "").components(separatedBy: "See ").first ?? ""
        for line in subcommands.split(separator: "\n") where line.hasPrefix("  ") && !line.hasPrefix("   ") {
            let name = line.split(separator: " ").first.map(String.init) ?? ""
            #expect(Self.commands.contains(name) || name.isEmpty, "\(name) has no golden help text")
        }
    }
}
