import Foundation
import PetDeskDashboard
import PetDeskStore
import Testing

/// Printed summary file names keep distinct order ids distinct.
struct SummaryFileTests {
    @Test func distinctIdsNeverShareAFileName() {
        let ids = ["a/b", "ab", "a_2Fb", "KS2208010111", "订单1", "a b", "../x"]
        let names = ids.map(SummaryFile.name(for:))
        #expect(Set(names).count == ids.count, "\(names)")
        #expect(SummaryFile.name(for: "KS2208010111") == "KS2208010111")
        #expect(names.allSatisfy { !$0.contains("/") && !$0.contains("..") })
    }
}

/// The store's refusals reach a Chinese dashboard in Chinese (issue: "nothing to undo…" leaked).
struct StoreErrorWordsTests {
    @Test func commonRefusalsAreWordedInChinese() {
        let errors: [StoreError] = [.nothingToUndo(orderID: "KS1", agent: "li"), .overrideNeedsReason(suggested: .monitor, outcome: .fullRefund),
                                    .notYourLease(orderID: "KS1", holder: "王五"), .readOnly(path: "/x"), .notFound(orderID: "KS1")]
        for error in errors {
            let zh = DashboardEngine.words(for: error, .zh)
            #expect(zh.range(of: "[A-Za-z]{3,}", options: .regularExpression) == nil, "\(zh)")
            #expect(DashboardEngine.words(for: error, .en).range(of: "[\\u{4e00}-\\u{9fff}]", options: .regularExpression) == nil)
        }
    }
}
