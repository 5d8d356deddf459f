import PetDeskRules
import Testing
@testable import PetDeskUI

/// Issue 11 #11: the summary is a ticket an agent pastes into the platform's dispute form.
struct TicketSummaryTests {
    @Test func theTicketOfADecidedCaseCarriesTheDecisionItsReasonTheAgentAndTheInstant() {
        var s = loadedState()
        let note = DecisionNote(outcome: .monitor, agent: "wang", at: instant("2022-08-06T15:00:00"), isOverride: true,
                                reason: "买家同意协商补偿200元")
        s = update(s, .caseLoaded(CaseSnapshot(kase: sampleCase(), version: 5, claimedBy: "li", decision: note))).0
        (s, _) = update(s, .keyPressed(.char("p")))
        let (_, effects) = update(s, .keyPressed(.char("y")))
        guard case .copySummary(_, let lines)? = effects.first else { Issue.record("\(effects)"); return }
        let text = lines.joined(separator: "\n")
        #expect(lines.first?.hasPrefix("【处理意见】KS2208010111") == true)
        #expect(text.contains("处理决定：持续跟进 [MONITOR] · wang · 2022-08-06 15:00（改判） · 理由：买家同意协商补偿200元"), "\(text)")
        #expect(text.contains("处理人：li · 2022-08-06 16:00"))
        #expect(text.contains("下一步："))
        #expect(!text.contains("规则追踪") && !text.contains("KS-PET-SCOPE"), "the trace only on request")
        #expect(lines.count <= 16, "a ticket is a few lines, not \(lines.count)")
    }

    @Test func flagsAreExplainedNotPrintedAsKeys() {
        var k = sampleCase()
        k.checklist[.identity] = ChecklistEntry(status: .done, at: instant("2022-08-01T11:00:00"), kind: .other, value: "脚环 123")
        var s = loadedState(width: 120, height: 60)
        s = update(s, .caseLoaded(CaseSnapshot(kase: k, version: 5, claimedBy: "li", decision: nil))).0
        let summary = s.summaryLines(trace: true).joined(separator: "\n")
        let screen = view(s).lines().joined(separator: "\n")
        #expect(summary.contains("身份信息为脚环") && screen.contains("身份信息为脚环"))
        #expect(!summary.contains("identity_other") && !screen.contains("identity_other"))
    }
}

/// Issue 11 #12: the agent says when an item was confirmed; the rules use it.
struct MarkWithInstantTests {
    static func onIdentity() -> State {
        var s = loadedState()
        s = update(s, .keyPressed(.tab)).0
        s = update(s, .keyPressed(.down)).0
        #expect(s.focus == .checklist && s.cursorKey == .identity)
        return s
    }

    @Test func iOpensTheInstantPrefilledWithNowAndEnterSavesTheMarkWithIt() {
        var s = Self.onIdentity()
        s = update(s, .keyPressed(.char("i"))).0
        guard case .instant(let dialog) = s.overlay else { Issue.record("no dialog: \(String(describing: s.overlay))"); return }
        #expect(dialog.text == "2022-08-06 16:00:00" && dialog.status == .done)
        #expect(view(s).lines().joined().contains("确认时间"))
        for _ in 0..<8 { s = update(s, .keyPressed(.backspace)).0 }
        for ch in "11:00:00" { s = update(s, .keyPressed(.char(ch))).0 }
        // "2022-08-06 " + "11:00:00": the item was confirmed at 11:00.
        s = update(s, .keyPressed(.char("x"))).0
        s = update(s, .keyPressed(.backspace)).0
        let (after, effects) = update(s, .keyPressed(.enter))
        #expect(after.overlay == nil)
        #expect(effects == [.saveMark(orderID: "KS2208010111", item: .identity, status: .done, note: nil,
                                      confirmedAt: instant("2022-08-06T11:00:00"), expectedVersion: 4)])
    }

    @Test func aBadOrFutureInstantIsRefusedInTheDialogAndNothingIsSaved() {
        var s = Self.onIdentity()
        s = update(s, .keyPressed(.char("i"))).0
        s = update(s, .keyPressed(.control("u"))).0
        for ch in "明天" { s = update(s, .keyPressed(.char(ch))).0 }
        var (next, effects) = update(s, .keyPressed(.enter))
        guard case .instant(let bad) = next.overlay else { Issue.record("dialog closed"); return }
        #expect(effects.isEmpty && bad.error?.contains("时间格式") == true)
        next = update(next, .keyPressed(.control("u"))).0
        for ch in "2022-08-07 09:00:00" { next = update(next, .keyPressed(.char(ch))).0 }
        (next, effects) = update(next, .keyPressed(.enter))
        guard case .instant(let future) = next.overlay else { Issue.record("dialog closed"); return }
        #expect(effects.isEmpty && future.error?.contains("不能晚于现在") == true)
        (next, effects) = update(next, .keyPressed(.escape))
        #expect(next.overlay == nil && effects.isEmpty)
    }
}

/// Issue 11 #7: a note of any length can be read and written at 80 columns.
struct NotesTests {
    static let note = "商家称已通过微信发送芯片照片，但平台聊天记录中没有，买家坚持未收到，需商家在平台内补发并说明芯片植入医院"

    @Test func theItemUnderTheCursorShowsItsWholeNoteAt80Columns() {
        var k = sampleCase()
        k.checklist[.identity] = ChecklistEntry(status: .offPlatform, note: Self.note)
        var s = loadedState(width: 80, height: 24)
        s = update(s, .caseLoaded(CaseSnapshot(kase: k, version: 5, claimedBy: "li", decision: nil))).0
        let before = view(s).lines().joined()
        #expect(!before.contains("买家坚持未收到"), "the row alone cannot show it")
        s = update(s, .keyPressed(.tab)).0
        s = update(s, .keyPressed(.down)).0
        let screen = view(s).lines().map { $0.replacingOccurrences(of: "│", with: "") }
        let joined = screen.map { $0.trimmingSpaces() }.joined()
        #expect(joined.contains("买家坚持未收到"), "\(screen.joined(separator: "\n"))")
        #expect(joined.contains("平台外"))
    }

    @Test func theNoteBoxWrapsALongNoteAndKeepsTheCaretInSight() {
        var s = loadedState(width: 80, height: 24)
        s = update(s, .keyPressed(.tab)).0
        s = update(s, .keyPressed(.char("n"))).0
        for ch in String(repeating: Self.note, count: 4) { s = update(s, .keyPressed(.char(ch))).0 }
        let screen = view(s).lines().joined(separator: "\n")
        #expect(screen.contains("芯片植入医院▏"), "the end of what was typed is on screen")
        #expect(screen.contains("▲ 上方还有"))
        guard case .note(let text) = s.overlay else { Issue.record("closed"); return }
        #expect(text == String(repeating: Self.note, count: 4))
    }
}

/// Issue 11 #13: the mouse selects rows, panes and items, and the wheel scrolls.
struct MouseTests {
    @Test func aClickOnAQueueRowSelectsItAndLoadsItsCase() {
        let s = loadedState()
        let layout = Layout(width: s.width, height: s.height)
        // Row 3 of the queue (the header takes the first line inside the border).
        let (next, effects) = update(s, .mouse(Mouse(action: .click, x: 5, y: layout.queue.inner.y + 1 + 2)))
        #expect(next.selected == 2 && next.focus == .queue)
        #expect(effects == [.loadCase(orderID: "KS2208010102")])
        // A click below the last row changes nothing.
        let (same, none) = update(s, .mouse(Mouse(action: .click, x: 5, y: layout.queue.inner.y + 10)))
        #expect(same.selected == 0 && none.isEmpty)
    }

    @Test func aClickOnAChecklistItemFocusesTheChecklistOnThatItem() {
        let s = loadedState()
        let inner = Layout(width: s.width, height: s.height).checklist.inner
        let (next, _) = update(s, .mouse(Mouse(action: .click, x: inner.x + 3, y: inner.y + 4)))
        #expect(next.focus == .checklist && next.cursorKey == ChecklistKey.all[4])
        let (marked, effects) = update(next, .keyPressed(.char("m")))
        #expect(marked.savingItem == ChecklistKey.all[4] && effects.count == 1)
    }

    @Test func theWheelMovesThroughThePaneUnderThePointerAndScrollsOverlays() {
        var s = loadedState()
        let layout = Layout(width: s.width, height: s.height)
        (s, _) = update(s, .mouse(Mouse(action: .wheelDown, x: 2, y: layout.queue.inner.y + 2)))
        #expect(s.selected == 2, "three rows down, held at the last")
        (s, _) = update(s, .mouse(Mouse(action: .wheelDown, x: layout.checklist.inner.x + 2, y: layout.checklist.inner.y + 1)))
        #expect(s.focus == .checklist && s.checklistCursor == 3)
        (s, _) = update(s, .mouse(Mouse(action: .wheelUp, x: layout.checklist.inner.x + 2, y: layout.checklist.inner.y + 1)))
        #expect(s.checklistCursor == 0)
        var small = loadedState(width: 80, height: 24)
        (small, _) = update(small, .keyPressed(.char("?")))
        (small, _) = update(small, .mouse(Mouse(action: .wheelDown, x: 40, y: 12)))
        #expect(small.overlay == .help(scroll: 1))
        // A click while an overlay is open does nothing underneath.
        let (after, effects) = update(small, .mouse(Mouse(action: .click, x: 5, y: 5)))
        #expect(after.overlay == small.overlay && after.selected == small.selected && effects.isEmpty)
    }
}
