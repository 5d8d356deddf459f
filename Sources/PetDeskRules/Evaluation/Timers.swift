/// The clocks an agent watches (standard §6), each with start, deadline and state at an instant.
struct Timers {
    let facts: Facts

    func all(at t: Instant) -> [CaseTimer] {
        var timers: [CaseTimer] = []
        timers.reserveCapacity(4)
        timers.append(delivery(at: t))
        stall(at: t, into: &timers)
        if let silent = buyerSilent(at: t) { timers.append(silent) }
        if let signed = facts.kase.delivery.signedAt, signed <= t {
            for i in timers.indices { timers[i].isHistory = true }
        }
        return timers
    }

    private func delivery(at t: Instant) -> CaseTimer {
        guard let window = facts.deliveryWindow(at: t) else {
            return CaseTimer(kind: .delivery, start: nil, deadline: nil, state: .pending)
        }
        let deadline = window.anchor == nil ? nil : window.primary
        let completed = facts.completionInstant.flatMap { $0 <= t ? $0 : nil }
        let state: TimerState
        if let deadline {
            if let completed { state = deadline.isOnTime(completed) ? .met : .breached }
            else { state = deadline.isOnTime(t) ? .running : .breached }
        } else {
            state = completed == nil ? .running : .met
        }
        return CaseTimer(kind: .delivery, start: window.anchor, deadline: deadline, state: state)
    }

    private func stall(at t: Instant, into timers: inout [CaseTimer]) {
        guard let transit = facts.transit(at: t) else { return }
        let stallHours = facts.parameters.stallHours
        for e in transit.episodes {
            timers.append(CaseTimer(kind: .stall, start: e.lastUpdate, deadline: .hours(stallHours, from: e.lastUpdate),
                                    state: e.resumedAt == nil ? .stalled : .resumed))
            let deadline = facts.replyDeadline(of: e)
            let state: TimerState = e.answeredAt != nil ? .answered : (t > deadline ? .breached : .running)
            timers.append(CaseTimer(kind: .stallReply, start: e.lastUpdate.adding(hours: stallHours),
                                    deadline: Deadline(instant: deadline, isInclusive: true), state: state))
        }
        if !transit.isEnded, let last = transit.lastEvent, !transit.episodes.contains(where: { $0.resumedAt == nil }) {
            timers.append(CaseTimer(kind: .stall, start: last, deadline: .hours(stallHours, from: last), state: .running))
        }
    }

    /// Shown while the pet is unshipped at `t`, or when a late-shipment claim asks about it.
    private func buyerSilent(at t: Instant) -> CaseTimer? {
        guard let window = facts.buyerSilenceWindow else { return nil }
        let relevant = facts.shipState(at: t) == .notShipped || facts.kase.claim?.type == .lateShipment
        guard relevant else { return nil }
        let deadline = Deadline(instant: window.end, isInclusive: true)
        let state: TimerState
        if let reply = facts.kase.buyerFirstReplyAt, reply <= window.end, reply <= t {
            state = .notSatisfied
        } else if t <= window.end {
            state = .running
        } else {
            state = facts.buyerSilent().status == .proven ? .satisfied : .notSatisfied
        }
        return CaseTimer(kind: .buyerSilent, start: window.start, deadline: deadline, state: state)
    }
}
