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
    /// decided, past the instant the decision settles too, and none is passed over as unable
    /// to change the decision (the tests' reference).
    static func horizon(for facts: Facts, decision: Decision, settles: Bool = true) -> (validUntil: Instant?, reviewAt: Instant?) {
        var evaluator = KSPet2022Evaluator(facts: facts)
        evaluator.facts.keepWhatDecisionsReread()
        return horizon(moving: &evaluator, decision: decision, settles: settles)
    }

    /// `horizon(for:)` on the evaluator's facts, which it moves from candidate to candidate and
    /// leaves at the last one decided (a ruling has no use for them after: taking a copy to move
    /// was a fifth of what a ruling's copies of its facts cost).
    static func horizon(moving evaluator: inout KSPet2022Evaluator, decision: Decision,
                        settles: Bool = true) -> (validUntil: Instant?, reviewAt: Instant?) {
        // Past this instant the decision is the one at the first candidate there.
        let settled = settles ? evaluator.settledFrom() : nil
        let at = evaluator.facts.evaluationInstant
        // Settled already: only the review instant is wanted, which every candidate counts for
        // (working out which could decide would be for nothing).
        let isSettled = settled.map { $0 <= at } ?? false
        return withCandidates(&evaluator, decidingOnly: settles && !isSettled) { list, first, evaluator in
            if isSettled { return (nil, first) }
            for candidate in list {
                evaluator.facts.move(to: candidate)
                if !evaluator.decide(at: candidate, findings: false).decision.suggestsTheSame(as: decision) { return (candidate, first) }
                if let settled, candidate >= settled { break }
            }
            return (nil, first)
        }
    }

    /// The candidates as an array (the tests' view of `withCandidates`), every one of them.
    static func candidates(_ facts: Facts) -> [Instant] {
        withCandidates(facts, decidingOnly: false) { list, _ in Array(list) }
    }

    /// Every instant after `at` at which the rules' answer could change, in time order.
    ///
    /// Each period starts only from the facts it can start from: a stall and its reply deadline
    /// from a logistics event (or the earliest instant the pet can have shipped), the silence
    /// window from a contact, a delivery deadline from a possible anchor.
    ///
    /// With `decidingOnly`, instants that can change a timer but not the decision are left out
    /// of the list (the body still gets the first candidate of the whole list: the review
    /// instant). They are the stall and reply instants of an event from which no stall can
    /// start (`StallStarts`: only a stall's episodes read them), and the buyer's reply and the
    /// merchant's contacts with their silence windows when the claim is not about late
    /// shipment (only that step reads the buyer's silence); and the instant a stall starts
    /// unless `stall_vests_at = established` (before it vests, a stall leaves its reply ground
    /// disproven); and a stall limit or reply deadline itself (both are passed strictly after
    /// it: the second after is decided). Over `bench rules`' first 20,000 cases a ruling
    /// decided 78,048 candidates before, 9,249 since.
    static func withCandidates<R>(_ facts: Facts, decidingOnly skips: Bool,
                                  _ body: (Candidates, Instant?) -> R) -> R {
        var evaluator = KSPet2022Evaluator(facts: facts)
        return withCandidates(&evaluator, decidingOnly: skips) { list, first, _ in body(list, first) }
    }

    /// `withCandidates` of the evaluator's facts, with the evaluator handed on to the body (to
    /// move its facts without a copy of them).
    static func withCandidates<R>(_ evaluator: inout KSPet2022Evaluator, decidingOnly skips: Bool,
                                  _ body: (Candidates, Instant?, inout KSPet2022Evaluator) -> R) -> R {
        let (kase, parameters) = (evaluator.facts.kase, evaluator.facts.parameters)
        // At most two for each instant the case records, six for each logistics event and four
        // more for each that may anchor a delivery period.
        let scans = kase.tracking?.count ?? 0
        func one(_ i: Instant?) -> Int { i == nil ? 0 : 1 }
        let events = 1 + scans + one(kase.shipment.shippedAt) + one(kase.shipment.firstScanAt) + one(kase.delivery.offeredAt)
            + one(kase.delivery.signedAt) + one(kase.delivery.refusedAt)
        let scansAnchor = parameters.deliveryAnchor == .firstScanAt || kase.shipment.shippedAt == nil
        let bound = 2 * (ChecklistKey.all.count + 5 + kase.stallReplies.count) + 4 * (kase.contacts?.count ?? 0)
            + 6 * events + 4 * (scansAnchor ? events : 3)
        // On the stack while that fits in a kilobyte (an array was an allocation a case).
        if bound <= stackCapacity {
            return withUnsafeTemporaryAllocation(of: Instant.self, capacity: stackCapacity) { buffer in
                let (count, first) = fill(buffer, &evaluator.facts, skips: skips)
                return body(Candidates(UnsafeBufferPointer(rebasing: buffer[..<count])), first, &evaluator)
            }
        }
        var heap = [Instant](repeating: Instant(secondsSinceEpoch: 0), count: bound)
        return heap.withUnsafeMutableBufferPointer { buffer in
            let (count, first) = fill(buffer, &evaluator.facts, skips: skips)
            return body(Candidates(UnsafeBufferPointer(rebasing: buffer[..<count])), first, &evaluator)
        }
    }

    /// How many candidates are kept on the stack: a kilobyte, which is always safe to take.
    private static let stackCapacity = 128

    /// Writes the candidates into `buffer` (large enough for `withCandidates`' bound), in no
    /// order; returns how many, and the first candidate of the whole list. The facts are taken
    /// `inout` though only read: passed by value from the evaluator the closure holds, all of
    /// them were copied, 634 bytes then (callgrind over `bench rules`' rulings: 172.9 M -> 166.5 M).
    private static func fill(_ buffer: UnsafeMutableBufferPointer<Instant>, _ facts: inout Facts,
                             skips: Bool) -> (count: Int, first: Instant?) {
        let (kase, parameters, at) = (facts.kase, facts.parameters, facts.evaluationInstant)
        var count = 0
        var firstLeftOut: Instant?
        /// Not decided, but still the review instant if it comes first.
        func note(_ i: Instant) {
            if i > at, firstLeftOut.map({ i < $0 }) ?? true { firstLeftOut = i }
        }
        func add(_ i: Instant?, keep: Bool = true) {
            guard let i else { return }
            guard keep else {
                note(i)
                note(i.adding(seconds: 1))
                return
            }
            if i > at { buffer[count] = i; count += 1 }
            let next = i.adding(seconds: 1)
            if next > at { buffer[count] = next; count += 1 }
        }
        /// A limit passed only strictly after `i`: only `i` + 1 is decided (both without `skips`).
        func secondAfter(_ i: Instant, keep: Bool) {
            guard skips, keep else { return add(i, keep: keep) }
            note(i)
            let next = i.adding(seconds: 1)
            if next > at { buffer[count] = next; count += 1 }
        }
        let items = kase.checklist.itemFacts
        for i in items.indices { add(items[i].at) }   // the instant, not a copy of the entry
        // The buyer's silence is read only for a late-shipment claim (step 2).
        let silenceMatters = !skips || kase.claim?.type == .lateShipment
        add(kase.buyerFirstReplyAt, keep: silenceMatters)
        add(kase.cancellation?.requestedAt)
        add(kase.cancellation?.consentAt)
        add(kase.agreement?.agreedAt)
        for r in kase.stallReplies.indices { add(kase.stallReplies[r].at) }
        add(kase.claim?.at)

        let silence = Int64(parameters.buyerSilentHours) * PlatformTime.secondsPerHour
        if let contacts = kase.contacts {
            for c in contacts.indices {
                add(contacts[c].at, keep: silenceMatters)
                add(contacts[c].at.adding(seconds: silence), keep: silenceMatters)
            }
        }
        // Logistics events start stalls; possible anchors start delivery periods.
        let stall = Int64(parameters.stallHours) * PlatformTime.secondsPerHour
        let reply = stall + Int64(parameters.stallReplyHours) * PlatformTime.secondsPerHour
        let period = kase.agreement?.period
        let gaps = skips ? StallStarts(kase, stall: stall, transitEnd: facts.transitEnd) : nil
        // A stall's start changes a decision only when it vests the ground (`stall_vests_at =
        // established`); otherwise its reply deadline does.
        let startsDecide = !skips || parameters.stallVestsAt == .established
        func logistics(_ x: Instant?, isAnchor: Bool, canStall: Bool = true) {
            guard let x else { return }
            add(x)
            // A stall starts, and its reply is late, only strictly after its limit: of each
            // limit and the second after it, only the second can change a decision.
            secondAfter(x.adding(seconds: stall), keep: canStall && startsDecide)
            secondAfter(x.adding(seconds: reply), keep: canStall)
            guard isAnchor else { return }
            add(facts.deliveryDeadline(nil, from: x).instant)
            if let period { add(facts.deliveryDeadline(period, from: x).instant) }
        }
        // Only the transit's events start stalls: the shipment and the scans up to its end;
        // payment only when the shipping instant is unknown (it may have shipped then).
        let onlyTransitStalls = gaps?.applies ?? false
        logistics(kase.paidAt, isAnchor: kase.shipment.shippedAt == nil, canStall: !onlyTransitStalls)
        let shipped = kase.shipment.shippedAt
        logistics(shipped, isAnchor: true, canStall: shipped.map { gaps?.canStall(after: $0) ?? true } ?? true)
        logistics(kase.shipment.firstScanAt, isAnchor: true, canStall: !onlyTransitStalls)
        let scansAnchor = parameters.deliveryAnchor == .firstScanAt || kase.shipment.shippedAt == nil
        if let tracking = kase.tracking {
            for i in tracking.indices {
                logistics(tracking[i].at, isAnchor: scansAnchor, canStall: gaps?.canStall(afterScan: i) ?? true)
            }
        }
        logistics(kase.delivery.offeredAt, isAnchor: scansAnchor, canStall: !onlyTransitStalls)
        logistics(kase.delivery.signedAt, isAnchor: scansAnchor, canStall: !onlyTransitStalls)
        logistics(kase.delivery.refusedAt, isAnchor: scansAnchor, canStall: !onlyTransitStalls)
        var first: Instant?
        for i in 0..<count where first.map({ buffer[i] < $0 }) ?? true { first = buffer[i] }
        if let left = firstLeftOut, first.map({ left < $0 }) ?? true { first = left }
        return (count, first)
    }
}

/// The candidates in time order, each once, taken from an unsorted buffer as they are asked for:
/// `valid_until` mostly stops at the first or second, so picking the next is cheaper than
/// sorting them all (callgrind over the bench's rulings: 191.3 M -> 189.6 M instructions).
struct Candidates: Sequence, IteratorProtocol {
    private let buffer: UnsafeBufferPointer<Instant>
    private var last: Instant?

    init(_ buffer: UnsafeBufferPointer<Instant>) { self.buffer = buffer }

    /// The earliest candidate after the last one given.
    mutating func next() -> Instant? {
        var best: Instant?
        for i in buffer.indices {
            let c = buffer[i]
            if let last, c <= last { continue }
            if best.map({ c < $0 }) ?? true { best = c }
        }
        last = best
        return best
    }
}

/// Which logistics events can start a stall. Only the transit's own events can (the shipment
/// and the scans before its end: payment, the first scan instant, the offer, signature and
/// refusal are never a stall's last update), and one of them only when no event of the transit
/// (the shipment, a scan, the offer, signature or refusal that ends it) follows it within the
/// stall limit. Said only with a known shipping instant and scans in time order (otherwise
/// every event may, as far as this says).
private struct StallStarts {
    let tracking: [TrackingEvent]
    let shippedAt: Instant?
    let transitEnd: Instant?
    let stall: Int64
    let applies: Bool

    init(_ kase: Case, stall: Int64, transitEnd: Instant?) {
        tracking = kase.tracking ?? []
        shippedAt = kase.shipment.shippedAt
        self.transitEnd = transitEnd
        self.stall = stall
        applies = shippedAt != nil && tracking.isSortedByInstant
    }

    /// Whether a stall can start at the shipment.
    func canStall(after x: Instant) -> Bool {
        guard applies else { return true }
        var next = transitEnd.flatMap { $0 > x ? $0 : nil }
        for i in tracking.indices where tracking[i].at > x {
            if next.map({ tracking[i].at < $0 }) ?? true { next = tracking[i].at }
            break
        }
        return !isWithinLimit(next, of: x)
    }

    /// Whether a stall can start at scan `i` (never at or after the transit's end: the scan
    /// ends it, or is not read).
    func canStall(afterScan i: Int) -> Bool {
        guard applies else { return true }
        let x = tracking[i].at
        if let end = transitEnd, x >= end { return false }
        var next = transitEnd.flatMap { $0 > x ? $0 : nil }
        if let s = shippedAt, s > x, next.map({ s < $0 }) ?? true { next = s }
        var j = i + 1
        while j < tracking.count, tracking[j].at <= x { j += 1 }
        if j < tracking.count, next.map({ tracking[j].at < $0 }) ?? true { next = tracking[j].at }
        return !isWithinLimit(next, of: x)
    }

    private func isWithinLimit(_ next: Instant?, of x: Instant) -> Bool {
        guard let next else { return false }
        return next.seconds(since: x) <= stall
    }
}
