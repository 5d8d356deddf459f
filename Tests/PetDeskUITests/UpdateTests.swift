import PetDeskRules
import Testing
@testable import PetDeskUI

struct UpdateTests {
    @Test func startingAsksForTheVisibleQueueOnly() {
        let s = State(width: 120, height: 40, now: now, agent: "li", isDemo: false)
        let (next, effects) = update(s, .resized(width: 120, height: 40))
        let rows = Layout(width: 120, height: 40).queueRows
        #expect(effects == [.loadQueue(sort: .urgency, filter: "", offset: 0, limit: rows)])
        #expect(next == s)
    }

    @Test func aLoadedQueueLoadsTheSelectedCaseWhichIsClaimed() {
        var s = State(width: 120, height: 40, now: now, agent: "li", isDemo: false)
        var effects: [Effect]
        (s, effects) = update(s, .queueLoaded(items: items(), total: 3, offset: 0))
        #expect(effects == [.loadCase(orderID: "KS2208010111")])
        #expect(s.total == 3 && s.rows.count == 3 && s.selected == 0)
        (s, effects) = update(s, .caseLoaded(CaseSnapshot(kase: sampleCase(), version: 4, claimedBy: nil, decision: nil)))
        #expect(effects == [.claim(orderID: "KS2208010111")])
        #expect(s.current?.claimedBy == "li")
        #expect(s.current?.version == 4)
        #expect(s.verdict?.outcome == .buyerMayRefuse)
    }

    @Test func movingDownSelectsAndLoadsTheNextCase() {
        let s = loadedState()
        let (next, effects) = update(s, .keyPressed(.char("j")))
        var expected = s
        expected.selected = 1
        #expect(next == expected)
        #expect(effects == [.loadCase(orderID: "KS2208010122")])
        let (last, _) = update(next, .keyPressed(.char("G")))
        #expect(last.selected == 2)
        let (stay, none) = update(last, .keyPressed(.down))
        #expect(stay.selected == 2 && none.isEmpty)
    }

    @Test func aCaseHeldByAnotherAgentSaysSo() {
        var s = State(width: 120, height: 40, now: now, agent: "li", isDemo: false)
        s = update(s, .queueLoaded(items: items(), total: 3, offset: 0)).0
        s = update(s, .caseLoaded(CaseSnapshot(kase: sampleCase(), version: 4, claimedBy: "wang", decision: nil))).0
        #expect(s.message == StatusMessage("注意：wang 正在处理此订单", isError: true))
        #expect(view(s).lines()[1].contains("处理人 wang"))
    }

    @Test func tabCyclesThePanes() {
        var s = loadedState()
        var seen: [Pane] = []
        for _ in 0..<4 {
            s = update(s, .keyPressed(.tab)).0
            seen.append(s.focus)
        }
        #expect(seen == [.checklist, .timers, .verdict, .queue])
        #expect(update(s, .keyPressed(.backTab)).0.focus == .verdict)
    }

    @Test func markingAsksTheStoreAndShowsSavingUntilSaved() {
        var s = loadedState()
        s.focus = .checklist
        s = update(s, .keyPressed(.down)).0
        let (saving, effects) = update(s, .keyPressed(.char("m")))
        #expect(effects == [.saveMark(orderID: "KS2208010111", item: .identity, status: .missing, note: nil, expectedVersion: 4)])
        #expect(saving.savingItem == .identity)
        // Not shown as saved before the store answers.
        #expect(saving.current?.kase.checklist[.identity].status == .unknown)
        var saved = sampleCase()
        saved.checklist[.identity] = ChecklistEntry(status: .missing, channel: .platform)
        let (after, reload) = update(saving, .caseSaved(CaseSnapshot(kase: saved, version: 5, claimedBy: "li", decision: nil), message: "ok"))
        #expect(after.savingItem == nil)
        #expect(after.current?.version == 5)
        #expect(after.verdict?.grounds.map(\.rawValue).contains("KS-PET-SHIP-UNCONFIRMED") == true)
        #expect(reload.count == 1)
    }

    @Test func spaceCyclesTheStatus() {
        var s = loadedState()
        s.focus = .checklist
        s.checklistCursor = 1
        let (_, effects) = update(s, .keyPressed(.char(" ")))
        #expect(effects == [.saveMark(orderID: "KS2208010111", item: .identity, status: .done, note: nil, expectedVersion: 4)])
    }

    @Test func markKeysDoNothingOutsideTheChecklist() {
        let s = loadedState()
        let (next, effects) = update(s, .keyPressed(.char("m")))
        #expect(effects.isEmpty)
        #expect(next.savingItem == nil)
    }

    @Test func aConflictIsShownAndTheLatestCaseReplacesOurs() {
        var s = loadedState()
        s.savingItem = .identity
        let (next, _) = update(s, .writeConflicted(CaseSnapshot(kase: sampleCase(), version: 7, claimedBy: "wang", decision: nil), message: "冲突"))
        #expect(next.message == StatusMessage("冲突", isError: true))
        #expect(next.current?.version == 7)
        #expect(next.savingItem == nil)
    }

    /// A write acknowledged, or another agent's change, while the agent is typing a filter must
    /// not run the half-typed filter on the key path (bench ui: typing 猫 right after a mark
    /// took 0.8–3.7 s at a million cases); the query waits for the pause like typing does.
    @Test func aReloadWhileAFilterIsBeingTypedWaitsForThePause() {
        var s = loadedState()
        var effects: [Effect]
        (s, _) = update(s, .keyPressed(.char("/")))
        (s, _) = update(s, .keyPressed(.char("猫")))
        let saved = CaseSnapshot(kase: sampleCase(), version: 2, claimedBy: nil, decision: nil)
        for event: Event in [.caseSaved(saved, message: "已保存"), .storeChanged, .resized(width: 120, height: 40)] {
            (s, effects) = update(s, event)
            #expect(!effects.contains { if case .loadQueue = $0 { true } else { false } }, "\(event)")
            #expect(s.isFilterPending)
        }
        (s, effects) = update(s, .idle)
        #expect(effects == [.loadQueue(sort: .urgency, filter: "猫", offset: 0, limit: Layout(width: 120, height: 40).queueRows)])
    }

    @Test func filterIsIncrementalAndEscapeClearsIt() {
        var s = loadedState()
        var effects: [Effect]
        (s, _) = update(s, .keyPressed(.char("/")))
        #expect(s.isEditingFilter)
        (s, effects) = update(s, .keyPressed(.char("王")))
        #expect(s.filter == "王")
        #expect(effects.isEmpty && s.isFilterPending, "typing never waits for a query")
        (s, effects) = update(s, .idle)
        #expect(effects == [.loadQueue(sort: .urgency, filter: "王", offset: 0, limit: Layout(width: 120, height: 40).queueRows)])
        #expect(!s.isFilterPending)
        (s, effects) = update(s, .idle)
        #expect(effects.isEmpty)
        (s, _) = update(s, .keyPressed(.char("五")))
        (s, effects) = update(s, .keyPressed(.enter))
        #expect(effects.count == 1, "Enter applies a pending filter at once")
        #expect(!s.isEditingFilter && s.filter == "王五")
        (s, effects) = update(s, .keyPressed(.escape))
        #expect(s.filter == "" && effects.count == 1)
    }

    @Test func sortCycles() {
        var s = loadedState()
        s = update(s, .keyPressed(.char("s"))).0
        #expect(s.sort == .paid)
        s = update(s, .keyPressed(.char("s"))).0
        s = update(s, .keyPressed(.char("s"))).0
        #expect(s.sort == .urgency)
    }

    @Test func anOverrideNeedsAReasonBeforeItIsRecorded() {
        var s = loadedState()
        var effects: [Effect]
        (s, _) = update(s, .keyPressed(.char("v")))
        guard case .decision(let d) = s.overlay else { Issue.record("no dialog"); return }
        #expect(d.suggested == .buyerMayRefuse)
        (s, _) = update(s, .keyPressed(.down))
        (s, effects) = update(s, .keyPressed(.enter))
        #expect(effects.isEmpty)
        guard case .decision(let withError) = s.overlay else { Issue.record("dialog closed"); return }
        #expect(withError.error != nil)
        for ch in "买家证据" { s = update(s, .keyPressed(.char(ch))).0 }
        (s, effects) = update(s, .keyPressed(.enter))
        #expect(s.overlay == nil)
        #expect(effects == [.recordDecision(orderID: "KS2208010111", outcome: .buyerLiableCapped, reason: "买家证据", expectedVersion: 4)])
    }

    @Test func acceptingTheSuggestionNeedsNoReason() {
        var s = loadedState()
        s = update(s, .keyPressed(.char("v"))).0
        let (_, effects) = update(s, .keyPressed(.enter))
        #expect(effects == [.recordDecision(orderID: "KS2208010111", outcome: .buyerMayRefuse, reason: nil, expectedVersion: 4)])
    }

    @Test func printingPreviewsThenPrints() {
        var s = loadedState()
        s = update(s, .keyPressed(.char("p"))).0
        #expect(s.overlay == .printPreview(scroll: 0, trace: false))
        let (after, effects) = update(s, .keyPressed(.enter))
        #expect(after.overlay == nil)
        guard case .printSummary(let id, let lines)? = effects.first else { Issue.record("no print"); return }
        #expect(id == "KS2208010111")
        #expect(lines.contains { $0.contains("BUYER_MAY_REFUSE") })
    }

    @Test func clearingTheFilterReturnsToTheRowYouWereOn() {
        var s = loadedState()
        s = update(s, .keyPressed(.char("j"))).0
        s = update(s, .keyPressed(.char("j"))).0
        #expect(s.selected == 2)
        for keys in [[Key.char("/"), .char("x"), .escape], [.char("/"), .char("x"), .enter, .escape]] {
            var t = s
            for key in keys { t = update(t, .keyPressed(key)).0 }
            #expect(t.filter.isEmpty && t.selected == 2, "after \(keys)")
        }
    }

    @Test func aChangeByAnotherAgentToTheCaseOnScreenIsAnnounced() {
        let s = loadedState()
        var changed = CaseSnapshot(kase: sampleCase(), version: 5, claimedBy: "li", decision: nil)
        changed.lastChange = ("wang", "checklist.sex", "missing (未确认)")
        let after = update(s, .caseLoaded(changed)).0
        #expect(after.message?.text == "wang 修改了 性别 → 缺失 (未确认)（版本 4 → 5）")
        changed.lastChange = ("li", "checklist.sex", "missing")
        #expect(update(s, .caseLoaded(changed)).0.message?.text.contains("修改了") != true, "our own change is not news")
    }

    @Test func aWriteRefusedByAnotherAgentsLeaseCanBeForcedWithF() {
        let retry = Effect.saveMark(orderID: "KS2208010111", item: .sex, status: .done, note: nil, expectedVersion: 4)
        var (s, effects) = update(loadedState(), .writeRefusedByLease(holder: "wang", until: "08-06 12:00", retry: retry))
        #expect(effects.isEmpty && s.pendingForce == retry && s.message?.isError == true)
        #expect(s.message?.text.contains("wang 正在处理此单") == true && s.message?.text.contains("按 F 强制保存") == true)
        (s, effects) = update(s, .keyPressed(.char("F")))
        #expect(effects == [.forceWrite(retry)] && s.pendingForce == nil)
        (s, effects) = update(s, .keyPressed(.char("F")))
        #expect(effects.isEmpty, "nothing left to force")
        #expect(Keymap.bindings.contains { $0.action == .forceWrite }, "help lists F")
    }

    @Test func quitReleasesTheLease() {
        let (s, effects) = update(loadedState(), .keyPressed(.char("q")))
        #expect(s.isQuitting)
        #expect(effects == [.release(orderID: "KS2208010111"), .quit])
    }

    @Test func aTooSmallTerminalStillQuitsAndHelps() {
        var s = loadedState()
        s = update(s, .resized(width: 60, height: 20)).0
        #expect(s.isTooSmall)
        s = update(s, .keyPressed(.char("?"))).0
        #expect(s.overlay == .help(scroll: 0))
        s = update(s, .keyPressed(.char("j"))).0
        #expect(s.selected == 0)
        let (_, effects) = update(s, .keyPressed(.char("q")))
        #expect(effects.contains(.quit))
    }

    @Test func theClockMovesTheVerdict() {
        var c = sampleCase()
        c.tracking = [TrackingEvent(at: instant("2022-08-05T12:00:00"), text: "x")]
        var s = State(width: 120, height: 40, now: instant("2022-08-08T23:59:59"), agent: "li", isDemo: false)
        s = update(s, .queueLoaded(items: items(), total: 3, offset: 0)).0
        s = update(s, .caseLoaded(CaseSnapshot(kase: c, version: 1, claimedBy: nil, decision: nil))).0
        #expect(s.verdict?.grounds.map(\.rawValue).contains("KS-PET-DELIVERY-7D") == false)
        s = update(s, .clockTicked(instant("2022-08-09T00:00:00"))).0
        #expect(s.verdict?.grounds.map(\.rawValue).contains("KS-PET-DELIVERY-7D") == true)
    }

    @Test func everyBindingIsReachableAndHelpListsIt() {
        for binding in Keymap.bindings {
            for key in binding.keys {
                switch binding.scope {
                case .overlay(let o): #expect(Keymap.action(for: key, in: o) == binding.action, "\(key) in \(o)")
                case .pane(let p): #expect(Keymap.action(for: key, in: p) == binding.action, "\(key) in \(p)")
                case .global: #expect(Keymap.action(for: key, in: .queue) == binding.action, "\(key)")
                }
            }
        }
        // The help scrolls through every binding, overlays' included, each under its scope's name.
        var s = loadedState()
        s = update(s, .keyPressed(.char("?"))).0
        var screens = ""
        for _ in 0..<20 {
            screens += view(s).lines().joined(separator: "\n")
            s = update(s, .keyPressed(.pageDown)).0
        }
        #expect(s.overlay != nil && s.overlay?.kind == .help)
        for binding in Keymap.bindings { #expect(screens.contains(binding.chinese), "\(binding.action) in \(binding.scope)") }
        for o in OverlayKind.allCases { #expect(screens.contains(o.name(.zh)), "\(o)") }
    }

    @Test func anOverlayTakesOnlyItsOwnKeys() {
        var s = loadedState()
        s = update(s, .keyPressed(.char("p"))).0
        #expect(s.overlay == .printPreview(scroll: 0, trace: false))
        // `t` cycles the theme on the panes; in the preview it shows the rule trace instead.
        var (next, effects) = update(s, .keyPressed(.char("t")))
        #expect(next.overlay == .printPreview(scroll: 0, trace: true) && effects.isEmpty)
        #expect(view(next).lines().joined().contains("规则追踪"))
        (next, effects) = update(next, .keyPressed(.char("y")))
        guard case .copySummary(_, let lines) = effects.first else { Issue.record("no copy: \(effects)"); return }
        #expect(lines.contains { $0.contains("规则追踪") })
        // The status bar names the overlay's keys, not the panes'.
        let bar = view(s).lines().last ?? ""
        #expect(bar.contains("复制") && !bar.contains("切换排序"), "\(bar)")
    }
}

/// A filter that matches many cases shows its first page at once and its count when counted.
struct BackgroundCountTests {
    @Test func aLowerBoundTotalSaysSoUntilTheCountArrives() {
        var s = State(width: 120, height: 40, now: now, agent: "li", isDemo: false)
        s.filter = "猫"
        s = update(s, .queueLoaded(items: items(), total: 3, offset: 0, isTotalExact: false)).0
        #expect(s.isTotalLowerBound)
        #expect(view(s).lines().contains { $0.contains("1/3+") })
        // A count for a filter no longer shown is not this queue's.
        s = update(s, .queueCounted(filter: "狗", total: 90)).0
        #expect(s.total == 3 && s.isTotalLowerBound)
        s = update(s, .queueCounted(filter: "猫", total: 120_000)).0
        #expect(s.total == 120_000 && !s.isTotalLowerBound)
        #expect(view(s).lines().contains { $0.contains("1/120000") })
        #expect(!view(s).lines().contains { $0.contains("1/120000+") })
        // `G` now reaches the real end.
        s = update(s, .keyPressed(.char("G"))).0
        #expect(s.selected == 119_999)
    }
}
