@testable import PetDeskRules
import PetDeskDemo
import Testing

@Test func zzCandidateStats() {
    let now = Instant(secondsSinceEpoch: 1_660_000_000)
    var g = CaseGenerator(seed: 2022, now: now)
    var decides = 0, cases = 0
    var byState: [String: (Int, Int)] = [:]
    var srcCount: [String: Int] = [:]
    let p = RulePack.ksPet2022.parameters
    let stall = Int64(p.stallHours) * 3600, reply = stall + Int64(p.stallReplyHours) * 3600
    for i in 0..<20000 {
        let k = g.next(index: i)
        let facts = Facts(k, p, at: now)
        let d = KSPet2022Evaluator(facts: facts).decide(at: now, findings: false).decision
        if d.outcome == .outOfScope { continue }
        cases += 1
        var ev = KSPet2022Evaluator(facts: facts)
        let settled = ev.settledFrom()
        var n = 0
        var visited: [Instant] = []
        if let settled, settled <= now {} else {
            ValidUntil.withCandidates(facts, decidingOnly: true) { list, _ in
                for c in list {
                    ev.facts.move(to: c); n += 1; visited.append(c)
                    if !ev.decide(at: c, findings: false).decision.suggestsTheSame(as: d) { break }
                    if let settled, c >= settled { break }
                }
            }
        }
        // tag sources
        for c in visited {
            var tags: [String] = []
            func chk(_ x: Instant?, _ name: String) { if let x, x == c || x.adding(seconds: 1) == c { tags.append(name) } }
            for key in ChecklistKey.all { chk(k.checklist.doneAt(key), "doneAt") }
            chk(k.buyerFirstReplyAt, "reply1"); chk(k.claim?.at, "claim"); chk(k.cancellation?.requestedAt, "cancel")
            for r in k.stallReplies { chk(r.at, "stallReply") }
            for ct in k.contacts ?? [] { chk(ct.at, "contact"); chk(ct.at.adding(seconds: 48*3600), "silence") }
            chk(k.paidAt.adding(seconds: stall), "paid+stall"); chk(k.paidAt.adding(seconds: reply), "paid+reply")
            var evs: [(Instant, String)] = []
            if let s = k.shipment.shippedAt { evs.append((s, "ship")) }
            for t in k.tracking ?? [] { evs.append((t.at, "scan")) }
            if let o = k.delivery.offeredAt { evs.append((o, "offer")) }
            for (x, nm) in evs { chk(x, nm); chk(x.adding(seconds: stall), nm + "+stall"); chk(x.adding(seconds: reply), nm + "+reply") }
            if let s = k.shipment.shippedAt { chk(facts.deliveryDeadline(nil, from: s).instant, "deadline") }
            if tags.isEmpty { tags.append("other") }
            srcCount[tags.sorted().joined(separator: ","), default: 0] += 1
        }
        decides += n
        let state = "\(k.claim?.type.rawValue ?? "-") signed=\(k.delivery.signedAt != nil) off=\(k.delivery.offeredAt != nil) shipped=\(k.shipment.shippedAt != nil) \(d.outcome.rawValue)"
        byState[state, default: (0, 0)].0 += 1
        byState[state, default: (0, 0)].1 += n
    }
    print("cases", cases, "decides", decides)
    for (k, v) in byState.sorted(by: { $0.value.1 > $1.value.1 }).prefix(8) { print(v.1, v.0, k) }
    for (k, v) in srcCount.sorted(by: { $0.value > $1.value }).prefix(15) { print("src", v, k) }
}
