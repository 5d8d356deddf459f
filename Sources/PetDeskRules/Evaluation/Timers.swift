/// The clocks an agent watches (standard §6), each with start, deadline, state and, once it
/// ended, the instant it closed.
struct Timers {
    let facts: Facts

    func all(at t: Instant) -> [CaseTimer] {
        var timers: [CaseTimer] = []
        timers.reserveCapacity(4)
        visit(at: t) { timers.append($0) }
        return timers
    }

    /// The open timer with the earliest deadline among those asking for action (what a ruling
    /// keeps), found without building the list (an array a case).
    func urgent(at t: Instant) -> CaseTimer? {
        var best: CaseTimer?
        visit(at: t) { Ruling.keepEarlier(&best, $0) }
        return best
    }

    /// Each timer in order: delivery, the stalls and their replies, buyer silence.
    private func visit(at t: Instant, _ body: (CaseTimer) -> Void) {
        body(delivery(at: t))
        stall(at: t, body)
        if let silent = buyerSilent(at: t) { body(silent) }
    }

    private func delivery(at t: Instant) -> CaseTimer {
        let unknown = CaseTimer(kind: .delivery, start: nil, deadline: nil, state: .unknown)
        switch facts.shipState(at: t) {
        case .notShipped:
            return CaseTimer(kind: .delivery, start: nil, deadline: nil, state: .pending)
        case .shippedAtUnknown:
            // The state is known when every possible shipping instant gives the same one (§8.21).
            let states = [facts.kase.paidAt, facts.latestPossibleShipment(at: t)].map { s in
                var variant = facts.kase
                variant.shipment.shippedAt = s
                return Timers(facts: facts.variant(variant, at: t)).delivery(at: t).state
            }
            var timer = unknown
            if states.allSatisfy({ $0 == states[0] }) { timer.state = states[0] }
            timer.closedAt = facts.completion(at: t).instant
            return timer
        case .shipped(let shippedAt):
            guard let window = facts.deliveryWindow(shippedAt: shippedAt) else {
                var timer = unknown
                timer.closedAt = facts.completion(at: t).instant
                return timer
            }
            let done = facts.completion(at: t)
            let onTime = window.isOnTime(done.instant ?? t)
            var state: TimerState
            if onTime.all { state = done.instant == nil ? .running : .met }
            else if onTime.any { state = .unknown }
            else if case .noLaterThan = done { state = .unknown }
            else { state = .breached }
            return CaseTimer(kind: .delivery, start: window.anchor, deadline: window.knownDeadline ?? window.primary,
                             state: state, closedAt: done.instant)
        }
    }

    private func stall(at t: Instant, _ body: (CaseTimer) -> Void) {
        guard let transit = facts.transit(at: t) else { return }
        let stallHours = facts.parameters.stallHours
        let replyHours = facts.parameters.stallReplyHours
        for e in transit.episodes {
            body(CaseTimer(kind: .stall, start: e.lastUpdate, deadline: .hours(stallHours, from: e.lastUpdate),
                                    state: e.resumedAt == nil ? .stalled : .resumed, closedAt: e.resumedAt, windowHours: stallHours))
            let deadline = facts.replyDeadline(of: e)
            var state: TimerState
            var closedAt: Instant?
            if let answered = e.answeredAt {
                (state, closedAt) = (.answered, answered)
            } else if facts.lapsedBeforeDeadline(e, in: transit) {
                (state, closedAt) = (.closed, transit.endedAt)
            } else if t > deadline {
                // Breached; it closes when the transit ends.
                (state, closedAt) = (.breached, transit.endedAt)
            } else {
                state = .running
            }
            body(CaseTimer(kind: .stallReply, start: e.lastUpdate.adding(hours: stallHours),
                                    deadline: Deadline(instant: deadline, isInclusive: true), state: state,
                                    closedAt: closedAt, windowHours: replyHours))
        }
        if !transit.isEnded, let last = transit.lastEvent, !transit.episodes.contains(where: { $0.resumedAt == nil }) {
            body(CaseTimer(kind: .stall, start: last, deadline: .hours(stallHours, from: last), state: .running,
                                    windowHours: stallHours))
        }
    }

    /// Shown while the pet is unshipped at `t`, or when a late-shipment claim asks about it. It
    /// closes at the buyer's first reply or claim within the window, or at its end.
    private func buyerSilent(at t: Instant) -> CaseTimer? {
        guard let window = facts.buyerSilenceWindow else { return nil }
        let claim = facts.claimType(at: t)
        let relevant = facts.shipState(at: t) == .notShipped || claim == .lateShipment
        guard relevant else { return nil }
        var timer = CaseTimer(kind: .buyerSilent, start: window.start, deadline: Deadline(instant: window.end, isInclusive: true),
                              state: .running, windowHours: facts.parameters.buyerSilentHours)
        let reply = facts.kase.buyerFirstReplyAt.flatMap { $0 <= window.end && $0 <= t ? $0 : nil }
        let claimed = claim == nil ? nil : facts.claimInstant.flatMap { $0 <= window.end ? $0 : nil }
        if let acted = earlier(reply, claimed) {
            timer.state = .notSatisfied
            timer.closedAt = acted
        } else if t > window.end {
            timer.state = facts.buyerSilent(claimedAt: t).status == .proven ? .satisfied : .notSatisfied
            timer.closedAt = window.end
        }
        return timer
    }

    /// The earlier of two optional instants (nil when both are).
    private func earlier(_ a: Instant?, _ b: Instant?) -> Instant? {
        guard let a else { return b }
        guard let b else { return a }
        return min(a, b)
    }
}
