/// The clocks an agent watches (standard §6), each with start, deadline, state and, once it
/// ended, the instant it closed.
///
/// Methods of the facts, not a type holding a copy of them (a copy a ruling; callgrind).
extension Facts {
    /// Every timer at `t`, in order (a verdict's).
    func timers(at t: Instant) -> [CaseTimer] {
        var timers: [CaseTimer] = []
        timers.reserveCapacity(4)
        visitTimers(at: t) { timers.append($0) }
        return timers
    }

    /// The open timer with the earliest deadline among those asking for action (what a ruling
    /// keeps), found without building the list (an array a case).
    func urgentTimer(at t: Instant) -> CaseTimer? {
        var best: CaseTimer?
        visitTimers(at: t) { Ruling.keepEarlier(&best, $0) }
        return best
    }

    /// Each timer in order: delivery, the stalls and their replies, buyer silence.
    private func visitTimers(at t: Instant, _ body: (CaseTimer) -> Void) {
        body(deliveryTimer(at: t))
        stallTimers(at: t, body)
        if let silent = buyerSilentTimer(at: t) { body(silent) }
    }

    private func deliveryTimer(at t: Instant) -> CaseTimer {
        let unknown = CaseTimer(kind: .delivery, start: nil, deadline: nil, state: .unknown)
        switch shipState(at: t) {
        case .notShipped:
            return CaseTimer(kind: .delivery, start: nil, deadline: nil, state: .pending)
        case .shippedAtUnknown:
            // The state is known when every possible shipping instant gives the same one (§8.21).
            let states = [kase.paidAt, latestPossibleShipment(at: t)].map { s in
                var variant = kase
                variant.shipment.shippedAt = s
                return self.variant(variant, at: t).deliveryTimer(at: t).state
            }
            var timer = unknown
            if states.allSatisfy({ $0 == states[0] }) { timer.state = states[0] }
            timer.closedAt = completion(at: t).instant
            return timer
        case .shipped(let shippedAt):
            guard let window = deliveryWindow(shippedAt: shippedAt) else {
                var timer = unknown
                timer.closedAt = completion(at: t).instant
                return timer
            }
            let done = completion(at: t)
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

    private func stallTimers(at t: Instant, _ body: (CaseTimer) -> Void) {
        guard let transit = transit(at: t) else { return }
        let stallHours = parameters.stallHours
        let replyHours = parameters.stallReplyHours
        for e in transit.episodes {
            body(CaseTimer(kind: .stall, start: e.lastUpdate, deadline: .hours(stallHours, from: e.lastUpdate),
                                    state: e.resumedAt == nil ? .stalled : .resumed, closedAt: e.resumedAt, windowHours: stallHours))
            let deadline = replyDeadline(of: e)
            var state: TimerState
            var closedAt: Instant?
            if let answered = e.answeredAt {
                (state, closedAt) = (.answered, answered)
            } else if lapsedBeforeDeadline(e, in: transit) {
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
    private func buyerSilentTimer(at t: Instant) -> CaseTimer? {
        guard let window = buyerSilenceWindow else { return nil }
        let claim = claimType(at: t)
        let relevant = shipState(at: t) == .notShipped || claim == .lateShipment
        guard relevant else { return nil }
        var timer = CaseTimer(kind: .buyerSilent, start: window.start, deadline: Deadline(instant: window.end, isInclusive: true),
                              state: .running, windowHours: parameters.buyerSilentHours)
        let reply = kase.buyerFirstReplyAt.flatMap { $0 <= window.end && $0 <= t ? $0 : nil }
        let claimed = claim == nil ? nil : claimInstant.flatMap { $0 <= window.end ? $0 : nil }
        if let acted = earlier(reply, claimed) {
            timer.state = .notSatisfied
            timer.closedAt = acted
        } else if t > window.end {
            timer.state = buyerSilent(claimedAt: t).status == .proven ? .satisfied : .notSatisfied
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
