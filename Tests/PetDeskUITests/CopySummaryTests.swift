import PetDeskRules
import Testing
@testable import PetDeskUI

/// `y` in the print preview puts the ticket summary on the clipboard: the same lines `p` prints.
struct CopySummaryTests {
    @Test func yInThePreviewCopiesExactlyWhatPrintingWouldPrint() {
        var s = loadedState()
        (s, _) = update(s, .keyPressed(.char("p")))
        #expect(s.overlay == .printPreview(scroll: 0, trace: false))
        let (printed, printEffects) = update(s, .keyPressed(.enter))
        let (copied, copyEffects) = update(s, .keyPressed(.char("y")))
        #expect(printed.overlay == nil && copied.overlay == nil)
        guard case .printSummary(let id, let lines)? = printEffects.first, case .copySummary(let copyID, let copyLines)? = copyEffects.first else {
            Issue.record("expected a print and a copy effect: \(printEffects) \(copyEffects)")
            return
        }
        #expect(copyID == id && copyLines == lines && !lines.isEmpty)
    }

    @Test func theAgentIsToldItWasCopiedInTheirLanguage() {
        let (zh, _) = update(loadedState(), .summaryCopied(lines: 12))
        #expect(zh.message?.text.hasPrefix("已复制摘要（12 行）") == true)
        let (en, _) = update(loadedState(language: .en), .summaryCopied(lines: 12))
        #expect(en.message?.text.hasPrefix("summary copied (12 lines)") == true)
    }
}

/// Issue 11 #4: a change to a decided case that leaves the decision contradicting the
/// suggestion says so and how to revisit it.
struct DecidedCaseChangeTests {
    @Test func aChangeToADecidedCaseWarnsWhenTheSuggestionMovesAwayFromTheDecision() throws {
        // A delivered case and a mark that moves its suggestion (found through the rules).
        var base = sampleCase()
        base.tracking = (1...5).map { TrackingEvent(at: instant("2022-08-0\($0 + 1)T09:00:00"), text: "运输中") }
        base.claim = Claim(type: .refuse, at: instant("2022-08-06T10:00:00"), reason: "身份信息没说")
        let pack = RulePack.ksPet2022
        let decided = pack.evaluate(base, at: now).outcome
        let kase = try #require(ChecklistKey.all.flatMap { key in ItemStatus.allCases.map { (key, $0) } }.lazy.map { key, status -> Case in
            var k = base
            k.checklist[key].status = status
            return k
        }.first { pack.evaluate($0, at: now).outcome != decided })
        var s = loadedState()
        (s, _) = update(s, .caseSaved(CaseSnapshot(kase: base, version: 5, claimedBy: "li", decision: DecisionNote(outcome: decided, agent: "li", isOverride: false, reason: nil)),
                                      message: "已记录决定"))
        #expect(s.verdict?.outcome == decided && s.message?.isError == false)
        (s, _) = update(s, .caseSaved(CaseSnapshot(kase: kase, version: 6, claimedBy: "li", decision: DecisionNote(outcome: decided, agent: "li", isOverride: false, reason: nil)), message: "已保存"))
        #expect(s.message?.isError == true)
        #expect(s.message?.text.contains("与已记录的决定「\(decided.chineseName)」不一致，按 v 重新决定") == true, "\(s.message?.text ?? "")")
        // Saved again without moving the suggestion: no repeated warning.
        (s, _) = update(s, .caseSaved(CaseSnapshot(kase: kase, version: 7, claimedBy: "li", decision: DecisionNote(outcome: decided, agent: "li", isOverride: false, reason: nil)),
                                      message: "已保存"))
        #expect(s.message?.isError == false)
    }
}

/// Writes are acknowledged off the key path: an answer about a case the agent has left must not
/// put that case back on screen.
struct LateAcknowledgementTests {
    @Test func aSaveAcknowledgedAfterTheAgentMovedOnLeavesTheCaseOnScreen() {
        var s = loadedState()
        (s, _) = update(s, .keyPressed(.char("j")))
        let other = sampleCase("KS2208010122")
        (s, _) = update(s, .caseLoaded(CaseSnapshot(kase: other, version: 2, claimedBy: "li", decision: nil)))
        #expect(s.current?.kase.orderID == "KS2208010122")
        let late = CaseSnapshot(kase: sampleCase(), version: 5, claimedBy: "li", decision: nil)
        let (after, effects) = update(s, .caseSaved(late, message: "已保存：年龄 = 缺失"))
        #expect(after.current?.kase.orderID == "KS2208010122" && after.current?.version == 2)
        #expect(after.message?.text == "KS2208010111：已保存：年龄 = 缺失")
        #expect(effects == after.reloadQueue())
        let (conflicted, _) = update(s, .writeConflicted(late, message: "冲突"))
        #expect(conflicted.current?.kase.orderID == "KS2208010122")
    }
}
