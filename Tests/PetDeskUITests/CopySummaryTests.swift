import PetDeskRules
import Testing
@testable import PetDeskUI

/// `y` in the print preview puts the ticket summary on the clipboard: the same lines `p` prints.
struct CopySummaryTests {
    @Test func yInThePreviewCopiesExactlyWhatPrintingWouldPrint() {
        var s = loadedState()
        (s, _) = update(s, .keyPressed(.char("p")))
        #expect(s.overlay == .printPreview(scroll: 0))
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
