/// How long a decision holds with no new facts (standard §9).
///
/// The rules compare the evaluation instant only with instants the case records and with
/// instants derived from them by the pack's periods (a stall after a scan, its reply deadline,
/// the end of the buyer-silence window, a delivery deadline). Between two such instants nothing
/// the rules look at changes, so the decision can change only at one of them, or one second
/// after it (for a comparison that is strict on one side and not on the other). `valid_until`
/// is the first of those candidates, in time order, at which the decision really differs.
enum ValidUntil {
    /// The first instant after `at` at which the suggestion differs from `suggestion`; nil if none.
    static func instant(for kase: Case, parameters: Parameters, at: Instant, suggestion: Suggestion) -> Instant? {
        for candidate in candidates(kase, parameters, after: at)
        where KSPet2022Evaluator.suggestion(kase, parameters: parameters, at: candidate) != suggestion {
            return candidate
        }
        return nil
    }

    /// The first instant after `at` at which any of `changes` reports a change; nil if none.
    static func firstChange(for kase: Case, parameters: Parameters, after at: Instant,
                            where changes: (Instant) -> Bool) -> Instant? {
        candidates(kase, parameters, after: at).first(where: changes)
    }

    /// Every instant after `at` at which the rules' answer could change, in time order.
    static func candidates(_ kase: Case, _ parameters: Parameters, after at: Instant) -> [Instant] {
        var recorded: [Instant] = [kase.paidAt]
        func add(_ i: Instant?) { if let i { recorded.append(i) } }
        for key in ChecklistKey.all { add(kase.checklist[key].at) }
        for c in kase.contacts ?? [] { add(c.at) }
        add(kase.buyerFirstReplyAt)
        add(kase.cancellation?.requestedAt)
        add(kase.cancellation?.consentAt)
        add(kase.agreement?.agreedAt)
        add(kase.shipment.shippedAt)
        add(kase.shipment.firstScanAt)
        for e in kase.tracking ?? [] { add(e.at) }
        for r in kase.stallReplies { add(r.at) }
        add(kase.delivery.offeredAt)
        add(kase.delivery.signedAt)
        add(kase.delivery.refusedAt)
        add(kase.claim?.at)

        let stall = Int64(parameters.stallHours) * PlatformTime.secondsPerHour
        let reply = stall + Int64(parameters.stallReplyHours) * PlatformTime.secondsPerHour
        let silence = Int64(parameters.buyerSilentHours) * PlatformTime.secondsPerHour
        let facts = Facts(kase, parameters, at: at)
        var instants: [Instant] = []
        instants.reserveCapacity(recorded.count * 6)
        for x in recorded {
            instants.append(x)
            instants.append(x.adding(seconds: stall))
            instants.append(x.adding(seconds: reply))
            instants.append(x.adding(seconds: silence))
            instants.append(facts.deliveryDeadline(nil, from: x).instant)
            if let period = kase.agreement?.period { instants.append(facts.deliveryDeadline(period, from: x).instant) }
        }
        var result: [Instant] = []
        result.reserveCapacity(instants.count * 2)
        for i in instants {
            if i > at { result.append(i) }
            let next = i.adding(seconds: 1)
            if next > at { result.append(next) }
        }
        result.sort()
        var unique: [Instant] = []
        unique.reserveCapacity(result.count)
        for i in result where unique.last != i { unique.append(i) }
        return unique
    }
}
