@testable import petdesk
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
