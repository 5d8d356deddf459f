import Testing
import PetDeskRules

/// The checklist as the store writes it: its recorded entries, read in one pass.
@Suite struct ChecklistModelTests {
    /// Each recorded item is visited once, with its own entry, in display order; an item never
    /// recorded, or removed, is not visited.
    @Test func forEachRecordedVisitsTheRecordedItemsInDisplayOrder() {
        var checklist = Checklist()
        let recorded: [ChecklistKey] = [.careNotes, .purchaseProcess, .sex, .identity]
        for (n, key) in recorded.enumerated() { checklist[key] = ChecklistEntry(status: .done, value: "v\(n)") }
        checklist.remove(.sex)
        var seen: [(key: ChecklistKey, value: String?)] = []
        checklist.forEachRecorded { key, entry in seen.append((key, entry.value)) }
        #expect(seen.map(\.key) == [.purchaseProcess, .identity, .careNotes])
        #expect(seen.map(\.value) == ["v1", "v3", "v0"])
        for key in ChecklistKey.all {
            #expect(seen.contains { $0.key == key } == checklist.isRecorded(key), "\(key)")
        }
    }
}
