/// How long a decision holds with no new facts (standard §9).
///
/// The rules compare the evaluation instant only with instants the case records and with
/// instants derived from them by the pack's periods (a stall after a scan, its reply deadline,
/// the end of the buyer-silence window, a delivery deadline). Between two such instants nothing
/// the rules look at changes, so the decision can change only at one of them, or one second
/// after it (for a comparison that is strict on one side and not on the other). `valid_until`
/// is the first of those candidates, in time order, at which the decision really differs.
enum ValidUntil {
    /// The first instant after `at` at which the suggestion differs from that of `decision` (nil
    /// if none), and the first instant at which anything could change (the first candidate: a
    /// timer's transitions are candidates too). With `settles` false every candidate is
    /// decided, past the instant the decision settles too (the tests' reference).
    static func horizon(for facts: Facts, decision: Decision, settles: Bool = true) -> (validUntil: Instant?, reviewAt: Instant?) {
        let list = candidates(facts)
        // One evaluator moved from candidate to candidate (a copy of the facts for each was a
        // fifth of a ruling).
        var evaluator = KSPet2022Evaluator(facts: facts)
        // Past this instant the decision is the one at the first candidate there.
        let settled = settles ? evaluator.settledFrom() : nil
        if let settled, settled <= facts.evaluationInstant { return (nil, list.first) }
        for candidate in list {
            evaluator.facts.move(to: candidate)
            if !evaluator.decide(at: candidate, findings: false).decision.suggestsTheSame(as: decision) { return (candidate, list.first) }
            if let settled, candidate >= settled { break }
        }
        return (nil, list.first)
    }

    /// Every instant after `at` at which the rules' answer could change, in time order.
    ///
    /// Each period starts only from the facts it can start from: a stall and its reply deadline
    /// from a logistics event (or the earliest instant the pet can have shipped), the silence
    /// window from a contact, a delivery deadline from a possible anchor.
    static func candidates(_ facts: Facts) -> [Instant] {
        let (kase, parameters, at) = (facts.kase, facts.parameters, facts.evaluationInstant)
        var result: [Instant] = []
        result.reserveCapacity(48)
        func add(_ i: Instant?) {
            guard let i else { return }
            if i > at { result.append(i) }
            let next = i.adding(seconds: 1)
            if next > at { result.append(next) }
        }
        for key in ChecklistKey.all { add(kase.checklist.doneAt(key)) }   // the instant, not a copy of the entry
        add(kase.buyerFirstReplyAt)
        add(kase.cancellation?.requestedAt)
        add(kase.cancellation?.consentAt)
        add(kase.agreement?.agreedAt)
        for r in kase.stallReplies { add(r.at) }
        add(kase.claim?.at)

        let silence = Int64(parameters.buyerSilentHours) * PlatformTime.secondsPerHour
        for c in kase.contacts ?? [] {
            add(c.at)
            add(c.at.adding(seconds: silence))
        }
        // Logistics events start stalls; possible anchors start delivery periods.
        let stall = Int64(parameters.stallHours) * PlatformTime.secondsPerHour
        let reply = stall + Int64(parameters.stallReplyHours) * PlatformTime.secondsPerHour
        let period = kase.agreement?.period
        func logistics(_ x: Instant?, isAnchor: Bool) {
            guard let x else { return }
            add(x)
            add(x.adding(seconds: stall))
            add(x.adding(seconds: reply))
            guard isAnchor else { return }
            add(facts.deliveryDeadline(nil, from: x).instant)
            if let period { add(facts.deliveryDeadline(period, from: x).instant) }
        }
        logistics(kase.paidAt, isAnchor: kase.shipment.shippedAt == nil)
        logistics(kase.shipment.shippedAt, isAnchor: true)
        logistics(kase.shipment.firstScanAt, isAnchor: true)
        let scansAnchor = parameters.deliveryAnchor == .firstScanAt || kase.shipment.shippedAt == nil
        if let tracking = kase.tracking { for i in tracking.indices { logistics(tracking[i].at, isAnchor: scansAnchor) } }
        logistics(kase.delivery.offeredAt, isAnchor: scansAnchor)
        logistics(kase.delivery.signedAt, isAnchor: scansAnchor)
        logistics(kase.delivery.refusedAt, isAnchor: scansAnchor)
        result.sort()
        // Duplicates removed in place (a second array was one more allocation a case).
        var kept = 0
        for i in result.indices where kept == 0 || result[kept - 1] != result[i] {
            result[kept] = result[i]
            kept += 1
        }
        result.removeLast(result.count - kept)
        return result
    }
}
