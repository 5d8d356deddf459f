import Foundation
import PetDeskRules
import Testing
@testable import PetDeskUI

struct ViewTests {
    static let sizes: [(Int, Int, Language)] = [(80, 24, .zh), (80, 24, .en), (160, 48, .zh), (160, 48, .en)]

    static var snapshotDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    }

    @Test(arguments: sizes)
    func snapshot(_ width: Int, _ height: Int, _ language: Language) throws {
        let lines = view(loadedState(width: width, height: height, language: language)).lines()
        let text = lines.joined(separator: "\n") + "\n"
        let file = Self.snapshotDirectory.appendingPathComponent("dashboard-\(width)x\(height)-\(language.rawValue).txt")
        if ProcessInfo.processInfo.environment["PETDESK_UPDATE_SNAPSHOTS"] != nil {
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(text == expected, "run with PETDESK_UPDATE_SNAPSHOTS=1 and review the diff")
    }

    @Test(arguments: sizes)
    func everyRowIsExactlyTheScreenWidthAndBordersLineUp(_ width: Int, _ height: Int, _ language: Language) {
        let lines = view(loadedState(width: width, height: height, language: language)).lines()
        #expect(lines.count == height)
        for line in lines { #expect(line.displayWidth == width, "\(line)") }
        // The right panes' left border sits at the same display column on every body row.
        let column = Layout(width: width, height: height).checklist.x
        for line in lines.dropFirst().dropLast() {
            var x = 0
            var found: Character?
            for ch in line {
                if x == column { found = ch; break }
                x += DisplayWidth.of(ch)
            }
            #expect(found.map { "│┌└".contains($0) } == true, "\(line)")
        }
    }

    @Test func hostileBuyerNamesReachTheScreenNeutralised() {
        let lines = view(loadedState(width: 160, height: 48)).lines().joined()
        #expect(!lines.contains("\u{1b}"))
        #expect(!lines.contains("\u{202E}"))
        #expect(lines.contains("李\u{FFFD}[2J\u{FFFD}**") || lines.contains("李\u{FFFD}[2J"))
    }

    @Test func overdueIsShownWithASignAndWords() {
        let screen = view(loadedState()).lines().joined(separator: "\n")
        #expect(screen.contains("! KS2208010111"))
        #expect(screen.contains("超 "))
        #expect(screen.contains("已超时") || screen.contains("停滞中"))
    }

    @Test func tooSmallSaysWhatItNeeds() {
        var s = loadedState()
        s = update(s, .resized(width: 50, height: 10)).0
        let lines = view(s).lines()
        #expect(lines[0].hasPrefix("终端太小，需要 80×24"))
        #expect(lines[2].hasPrefix("q 退出"))
    }

    @Test func detailHighlightsGapsOverTheStallLimit() {
        var s = loadedState()
        s = update(s, .keyPressed(.enter)).0
        let screen = view(s).lines().joined(separator: "\n")
        #expect(screen.contains("!! 停滞 72h01m"))
        #expect(screen.contains("到达【西安咸阳集散中心】"))
    }
}

extension Language: CustomTestStringConvertible {
    public var testDescription: String { rawValue }
}

/// The verdict pane says what the buyer asked for, and what was decided and why.
struct DisputeInPaneTests {
    @Test func theClaimAndTheDecisionsReasonAreOnScreenAtEightyColumns() {
        var k = sampleCase()
        k.claim = Claim(type: .refuse, at: instant("2022-08-06T15:05:00"), reason: "物流停了三天")
        k.cancellation = Cancellation(requestedAt: instant("2022-08-01T12:00:00"))
        var s = loadedState(width: 80, height: 24)
        s = update(s, .caseLoaded(CaseSnapshot(kase: k, version: 5, claimedBy: "li",
                                               decision: DecisionNote(outcome: .monitor, agent: "wang", isOverride: true, reason: "买家同意协商")))).0
        let text = view(s).lines().joined(separator: "\n")
        #expect(text.contains("诉求：拒收 · 2022-08-06 15:05") && text.contains("「物流停了三天」"))
        #expect(text.contains("已决定：持续跟进 · wang（改判）") && text.contains("理由：买家同意协商"))
        #expect(text.contains("注意：决定与当前建议不同"))
        let en = view(update(s, .keyPressed(.char("L"))).0).lines().joined(separator: "\n")
        #expect(en.contains("Claim: refuse · 2022-08-06 15:05"))
    }
}
