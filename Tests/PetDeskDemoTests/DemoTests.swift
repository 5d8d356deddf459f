import PetDeskDemo
import PetDeskRules
import PetDeskStore
import Testing

/// The demo queue a new agent first sees must look like a real day's work.
struct DemoTests {
    static let now = Instant(secondsSinceEpoch: 1_796_000_000)

    static func cases(_ count: Int = 400, seed: UInt64 = 7) -> [Case] {
        var generator = CaseGenerator(seed: seed, now: now)
        return (0..<count).map { generator.next(index: $0) }
    }

    /// Every instant a case records.
    static func instants(_ c: Case) -> [Instant] {
        var all: [Instant?] = [c.paidAt, c.buyerFirstReplyAt, c.cancellation?.requestedAt, c.cancellation?.consentAt,
                               c.agreement?.agreedAt, c.shipment.shippedAt, c.shipment.firstScanAt,
                               c.delivery.offeredAt, c.delivery.signedAt, c.delivery.refusedAt, c.claim?.at]
        all += ChecklistKey.all.map { c.checklist[$0].at }
        all += (c.contacts ?? []).map(\.at) + (c.tracking ?? []).map(\.at) + c.stallReplies.map(\.at) + c.messages.map(\.at)
        return all.compactMap { $0 }
    }

    @Test func nothingHappensAfterNow() {
        for c in Self.cases() {
            for i in Self.instants(c) { #expect(i <= Self.now, "\(c.orderID) records \(PlatformTime.format(i))") }
        }
    }

    @Test func theChecklistFitsTheSpecies() {
        for c in Self.cases() where c.itemKind != .other {
            let species = c.categoryPath.last ?? ""
            let vaccine = c.checklist[.vaccination].value, pedigree = c.checklist[.pedigree].value
            switch species {
            case "猫":
                if let vaccine { #expect(vaccine.contains("猫"), "\(c.orderID): \(vaccine)") }
                #expect(c.checklist[.identity].kind == nil || c.checklist[.identity].kind == .chip)
            case "狗":
                if let vaccine { #expect(vaccine.contains("犬"), "\(c.orderID): \(vaccine)") }
            case "鸡苗", "鸭苗":
                if let pedigree { #expect(pedigree.contains("不适用"), "\(c.orderID): a chick with pedigree \(pedigree)") }
                if let vaccine { #expect(!vaccine.contains("猫") && !vaccine.contains("犬"), "\(c.orderID): \(vaccine)") }
                #expect(c.checklist[.identity].kind == nil || c.checklist[.identity].kind == .other)
            default:
                if let vaccine { #expect(!vaccine.contains("猫三联") && !vaccine.contains("犬四联"), "\(c.orderID): \(vaccine)") }
            }
        }
    }

    @Test func merchantsSellWhatTheirNameSays() {
        for c in Self.cases() {
            let merchant = c.merchant ?? ""
            let species = c.categoryPath.last ?? ""
            if merchant.contains("猫舍") { #expect(species == "猫", "\(merchant) sells \(species)") }
            if merchant.contains("犬舍") { #expect(species == "狗", "\(merchant) sells \(species)") }
            if merchant.contains("禽苗") || merchant.contains("鸡苗") { #expect(species == "鸡苗", "\(merchant) sells \(species)") }
            if merchant.contains("鸭苗") { #expect(species == "鸭苗", "\(merchant) sells \(species)") }
            // A shop named for one animal sells that animal, whatever the category groups with it.
            let title = c.title ?? ""
            if merchant.contains("兔") { #expect(title.contains("兔"), "\(merchant) sells \(title)") }
            if merchant.contains("仓鼠") { #expect(title.contains("仓鼠"), "\(merchant) sells \(title)") }
            if merchant.contains("鹦") { #expect(title.contains("鹦鹉"), "\(merchant) sells \(title)") }
            if merchant.contains("锦鲤") { #expect(title.contains("锦鲤") || title.contains("鱼"), "\(merchant) sells \(title)") }
            if merchant.contains("布偶") || merchant.contains("蓝猫") { #expect(species == "猫", "\(merchant) sells \(title)") }
            if species == "小宠", title.contains("仓鼠") {
                #expect(c.checklist[.vaccination].value.map { !$0.contains("兔瘟") } ?? true, "\(c.orderID): a hamster with a rabbit's vaccine")
            }
        }
    }

    @Test func pricesAreWhatTheAnimalsCost() {
        for c in Self.cases() {
            let yuan = c.totalAmount.fen / 100
            switch c.categoryPath.last ?? "" {
            case "猫", "狗": #expect((1_500...12_008).contains(yuan), "\(c.orderID) \(c.title ?? "") costs \(yuan)")
            case "鸡苗", "鸭苗": #expect((120...608).contains(yuan), "\(c.orderID) \(c.title ?? "") costs \(yuan)")
            default: #expect((30...1_000).contains(yuan), "\(c.orderID) \(c.title ?? "") costs \(yuan)")
            }
        }
    }

    @Test func disputesCarryAChatTranscript() {
        let claimed = Self.cases().filter { $0.claim != nil }
        #expect(claimed.count > 50)
        for c in claimed {
            #expect(c.messages.contains { $0.from == "buyer" && $0.text == c.claim?.reason }, "\(c.orderID)")
            #expect(zip(c.messages, c.messages.dropFirst()).allSatisfy { ($0.at ?? Self.now) <= ($1.at ?? Self.now) })
        }
    }

    @Test func theSameSeedGivesTheSameQueue() {
        #expect(Self.cases(50, seed: 3) == Self.cases(50, seed: 3))
        #expect(Self.cases(50, seed: 3) != Self.cases(50, seed: 4))
    }

    @Test func realDisputesTopTheQueue() throws {
        let store = try CaseStore.inMemory()
        try store.importRecords(Self.cases(300).map { ImportRecord(kase: $0) }, agent: "demo", at: Self.now)
        let top = try store.queue(limit: 10, at: Self.now)
        #expect(top.count == 10)
        for row in top { #expect(row.claimType != nil, "\(row.orderID) (\(row.suggestedOutcome)) tops the queue without a claim") }
    }
}
