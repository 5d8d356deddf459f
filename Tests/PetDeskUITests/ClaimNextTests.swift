import PetDeskRules
import Testing
@testable import PetDeskUI

/// `N`: claim the most urgent case no one holds, and go to it.
struct ClaimNextTests {
    @Test func nAsksForTheNextCaseInTheQueuesSortAndFilter() {
        var s = loadedState()
        s.filter = "王"
        let (_, effects) = update(s, .keyPressed(.char("N")))
        #expect(effects == [.claimNext(sort: .urgency, filter: "王")])
    }

    @Test func theClaimedCaseIsSelectedWhereItSitsAndItsChecklistFocused() {
        let s = loadedState()
        let (next, effects) = update(s, .nextClaimed(orderID: "KS2208010133", position: 2, filterCleared: false))
        #expect(next.selected == 2)
        #expect(next.focus == .checklist)
        #expect(next.message?.text.contains("KS2208010133") == true)
        #expect(effects == next.reloadQueue())
    }

    @Test func aClaimTheFilterHidMeansTheFilterIsCleared() {
        var s = loadedState()
        s.filter = "nothing"
        let (next, _) = update(s, .nextClaimed(orderID: "KS2208010122", position: 1, filterCleared: true))
        #expect(next.filter.isEmpty && next.selected == 1)
    }

    @Test func nothingLeftToClaimSaysSoInTheAgentsLanguage() {
        let s = loadedState()
        let (zh, effects) = update(s, .nextClaimed(orderID: nil, position: 0, filterCleared: false))
        #expect(effects.isEmpty && zh.selected == s.selected)
        #expect(zh.message?.text.hasPrefix("没有可领取的案件") == true)
        var en = loadedState(language: .en)
        (en, _) = update(en, .nextClaimed(orderID: nil, position: 0, filterCleared: false))
        #expect(en.message?.text.hasPrefix("nothing to claim") == true)
    }
}
