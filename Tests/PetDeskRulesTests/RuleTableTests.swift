import PetDeskRules
import Testing

/// One row of a rule table: a case, an instant, and what the rule must conclude.
struct RuleRow: Sendable, CustomTestStringConvertible {
    var name: String
    var at: String
    var params: [String: String] = [:]
    var expect: FindingResult
    var outcome: Outcome?
    var build: @Sendable () -> Case

    var rule: String { String(name.prefix { $0 != ":" }) }
    var testDescription: String { name }

    init(_ name: String, at: String, params: [String: String] = [:], _ expect: FindingResult,
         outcome: Outcome? = nil, _ build: @escaping @Sendable () -> Case) {
        self.name = name
        self.at = at
        self.params = params
        self.expect = expect
        self.outcome = outcome
        self.build = build
    }
}

let later = "2022-08-20T12:00:00+08:00"

/// Every rule on both sides of its thresholds; names say the rule and the boundary.
let ruleRows: [RuleRow] = scopeRows + checklistRows + cancelRows + deliveryRows + stallRows + claimsRows


func silent(second: String, reply: String?) -> Case {
    var c = Base.confirmed()
    c.contacts = [Contact(at: instant("2022-08-01T11:00:00+08:00"), channel: .platform),
                  Contact(at: instant(second), channel: .platform)]
    c.buyerFirstReplyAt = reply.map(instant)
    c.claim = Claim(type: .lateShipment, at: instant("2022-08-04T18:00:00+08:00"))
    return c
}

func mismatch(actual: String) -> Case {
    var c = Base.confirmed()
    c.delivery.signedAt = c.delivery.offeredAt
    c.claim = Claim(type: .mismatch, at: instant("2022-08-05T10:00:00+08:00"), item: .pedigree, actual: actual)
    return c
}

struct RuleTableTests {
    @Test(arguments: ruleRows)
    func row(_ row: RuleRow) throws {
        let v = try verdict(row.build(), at: row.at, params: row.params)
        #expect(v.result(of: row.rule) == row.expect, "findings: \(v.findings.map { "\($0.rule) \($0.result) \($0.detail.english)" })")
        if let outcome = row.outcome { #expect(v.outcome == outcome, "grounds \(v.grounds) missing \(v.missing)") }
    }
}

/// Meta-tests: the pack's rules are well-formed and every rule is tested on both sides.
struct RuleMetaTests {
    @Test func ruleIDsAreUnique() {
        let ids = RulePack.ksPet2022.rules.map(\.id)
        #expect(Set(ids).count == ids.count)
    }

    @Test func everyRuleHasWordingAndSummary() {
        for rule in RulePack.ksPet2022.rules {
            #expect(!rule.chineseText.isEmpty && !rule.englishSummary.isEmpty && !rule.citation.isEmpty, "\(rule.id)")
        }
    }

    @Test func everyRuleHasAFiringAndANonFiringRow() {
        for rule in RulePack.ksPet2022.rules {
            let rows = ruleRows.filter { $0.rule == rule.id.rawValue }
            #expect(rows.contains { $0.expect == .fired }, "\(rule.id) has no firing row")
            #expect(rows.contains { $0.expect == .notFired || $0.expect == .notApplicable }, "\(rule.id) has no non-firing row")
        }
    }

    @Test func ruleIDsAreFoundByTheirText() {
        #expect(RuleID(rawValue: "KS-PET-STALL-72H")?.rawValue == "KS-PET-STALL-72H")
        #expect(RuleID(rawValue: "KS-PET-NOPE") == nil)
        let ids = RulePack.ksPet2022.rules.map(\.id)
        #expect(ids.sorted().map(\.rawValue) == ids.map(\.rawValue).sorted())
    }

    @Test func everyRowNamesARuleOfThePack() {
        let ids = Set(RulePack.ksPet2022.rules.map(\.id.rawValue))
        for row in ruleRows { #expect(ids.contains(row.rule), "\(row.name)") }
    }

    @Test func refundGroundsAreTheFourOfStep4() {
        let grounds = RulePack.ksPet2022.rules.filter(\.isRefundGround).map(\.id.rawValue)
        #expect(grounds == ["KS-PET-SHIP-UNCONFIRMED", "KS-PET-CANCEL", "KS-PET-DELIVERY-7D", "KS-PET-STALL-REPLY-24H"])
    }
}
