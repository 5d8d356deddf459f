/// KS-PET-STALL-72H and KS-PET-STALL-REPLY-24H: logistics stalls and the merchant's 24-hour reply.
extension Facts {
    /// One stall: a gap strictly longer than `stall_hours` after `lastUpdate`.
    struct StallEpisode: Hashable {
        var lastUpdate: Instant
        /// The next logistics event, nil while the stall lasts at the evaluation instant.
        var resumedAt: Instant?
        /// The compliant reply matched to it.
        var answeredAt: Instant?
        /// Replies of unknown channel that would have answered it (`stall_replies[i].channel`).
        var possibleAnswers = EvidenceSet()
    }

    /// The transit at `t`: its stall episodes and how it ended.
    struct Transit {
        var episodes: [StallEpisode]
        var lastEvent: Instant?
        /// The first offer, signature or refusal, when it happened by the instant.
        var endedAt: Instant?
        var longestGap: Int64

        var isEnded: Bool { endedAt != nil }
    }

    private var stallSeconds: Int64 { Self.stallSeconds(parameters) }

    /// The stall limit: a gap longer than this after a logistics event is a stall.
    private static func stallSeconds(_ parameters: Parameters) -> Int64 {
        Int64(parameters.stallHours) * PlatformTime.secondsPerHour
    }
    private var replyDeadlineSeconds: Int64 { Self.replyDeadlineSeconds(parameters) }

    /// From a stall's last update to its reply deadline.
    private static func replyDeadlineSeconds(_ parameters: Parameters) -> Int64 {
        Int64(parameters.stallHours + parameters.stallReplyHours) * PlatformTime.secondsPerHour
    }

    /// The transit as known at `t`, or nil when the pet has not been shipped or tracking is unknown.
    func transit(at t: Instant) -> Transit? {
        if t == evaluationInstant, let kept = transitAtEvaluation { return kept }
        return computeTransit(at: t)
    }

    func computeTransit(at t: Instant) -> Transit? {
        Self.transit(of: kase, parameters, ship: shipState(at: t), end: transitEnd, at: t)
    }

    /// The transit of `kase` at `t`, from the parts (`Facts.init` works it out before `self` is
    /// whole: a call on `self` there copied all of it).
    static func transit(of kase: Case, _ parameters: Parameters, ship: ShipState, end transitEnd: Instant?,
                        at t: Instant) -> Transit? {
        guard case .shipped(let shippedAt) = ship, let tracking = kase.tracking else { return nil }
        let endedAt = transitEnd.flatMap { $0 <= t ? $0 : nil }
        let end = endedAt ?? t
        // Logistics events in time order: shipped_at, the scans, the offer (§4, §8.7).
        var gaps = GapScan(stallSeconds: stallSeconds(parameters))
        var shipPending: Instant? = shippedAt <= end ? shippedAt : nil
        if tracking.isSortedByInstant {
            // By index: `for e in tracking` copied each event, its words retained and released.
            for i in tracking.indices where tracking[i].at <= end {
                let at = tracking[i].at
                if let s = shipPending, s <= at { gaps.visit(s); shipPending = nil }
                gaps.visit(at)
            }
            if let s = shipPending { gaps.visit(s) }
        } else {
            var events = tracking.compactMap { $0.at <= end ? $0.at : nil }
            if let s = shipPending { events.append(s) }
            events.sort()
            for e in events { gaps.visit(e) }
        }
        if let endedAt { gaps.visit(endedAt) } else { gaps.close(at: t) }
        matchReplies(kase.stallReplies, to: &gaps.episodes, within: replyDeadlineSeconds(parameters), at: t)
        return Transit(episodes: gaps.episodes, lastEvent: gaps.previous, endedAt: endedAt, longestGap: gaps.longest)
    }

    /// Each compliant reply answers the earliest unanswered episode whose window `(last_update, deadline]` holds it.
    private static func matchReplies(_ replies: [StallReply], to episodes: inout [StallEpisode], within window: Int64,
                                     at t: Instant) {
        guard !episodes.isEmpty, !replies.isEmpty else { return }
        var inOrder = true
        for i in replies.indices.dropFirst() where replies[i].at < replies[i - 1].at { inOrder = false; break }
        // Replies are nearly always in time order: then their indices are (sorting them was an array).
        if inOrder {
            for index in replies.indices { match(replies, index, to: &episodes, within: window, at: t) }
        } else {
            for index in replies.indices.sorted(by: { replies[$0].at < replies[$1].at }) {
                match(replies, index, to: &episodes, within: window, at: t)
            }
        }
    }

    /// Matches reply `index` to the earliest unanswered episode whose window holds it.
    private static func match(_ replies: [StallReply], _ index: Int, to episodes: inout [StallEpisode], within window: Int64,
                              at t: Instant) {
        // Read in place: copying a reply copied its words.
        let (at, channel) = (replies[index].at, replies[index].channel)
        guard at <= t, channel?.isOnPlatform ?? true, replies[index].hasRequiredContent else { return }
        guard let e = episodes.firstIndex(where: {
            $0.answeredAt == nil && at > $0.lastUpdate && at <= $0.lastUpdate.adding(seconds: window)
        }) else { return }
        if channel == nil {
            episodes[e].possibleAnswers.insert(.stallReplyChannel(index))
        } else {
            episodes[e].answeredAt = at
        }
    }

    /// The instant an episode's reply is due (inclusive).
    func replyDeadline(of episode: StallEpisode) -> Instant {
        episode.lastUpdate.adding(seconds: replyDeadlineSeconds)
    }

    func stall(at t: Instant) -> RuleOutcome {
        overPossibleShipments(at: t, .stall) { $0.stallWithKnownShipment(at: t) }
    }

    private func stallWithKnownShipment(at t: Instant) -> RuleOutcome {
        if shipState(at: t) == .notShipped { return .notApplicable(.stall, .notShipped) }
        guard let transit = transit(at: t) else {
            return RuleOutcome(rule: .stall, status: .unknown(EvidenceSet(.tracking)), detail: .trackingUnknown)
        }
        if let first = transit.episodes.first {
            let gap = (first.resumedAt ?? t).seconds(since: first.lastUpdate)
            return RuleOutcome(rule: .stall, status: .proven, detail: .stallGap(first.lastUpdate, gap, transit.episodes.count))
        }
        return RuleOutcome(rule: .stall, status: .disproven, detail: .noStall(transit.longestGap))
    }

    /// Whether the pet was still in transit at an episode's reply deadline, as known at `t`:
    /// the obligation to explain lapses unbroken when the pet is offered, signed for or refused
    /// by then (§6).
    func lapsedBeforeDeadline(_ episode: StallEpisode, in transit: Transit) -> Bool {
        guard let ended = transit.endedAt else { return false }
        return ended <= replyDeadline(of: episode)
    }

    /// Whether an episode's ground holds at `t`, per `stall_vests_at` (standard §4, §6, §8.6).
    private func isVested(_ episode: StallEpisode, in transit: Transit, at t: Instant) -> Bool {
        let deadline = replyDeadline(of: episode)
        let lapsed = lapsedBeforeDeadline(episode, in: transit)
        switch parameters.stallVestsAt {
        case .replyDeadline:
            return t > deadline && episode.answeredAt == nil && !lapsed
        case .established:
            if t > deadline, !lapsed { return episode.answeredAt == nil }
            // Established and unanswered: it holds until a reply, or until the transit ends.
            if lapsed, let ended = transit.endedAt, t > ended { return false }
            return t > episode.lastUpdate.adding(seconds: stallSeconds) && episode.answeredAt == nil
        }
    }

    func stallReply(at t: Instant) -> RuleOutcome {
        overPossibleShipments(at: t, .stallReply) { $0.stallReplyWithKnownShipment(at: t) }
    }

    private func stallReplyWithKnownShipment(at t: Instant) -> RuleOutcome {
        if shipState(at: t) == .notShipped { return .notApplicable(.stallReply, .notShipped) }
        guard let transit = transit(at: t) else {
            return RuleOutcome(rule: .stallReply, status: .unknown(EvidenceSet(.tracking)), detail: .trackingUnknown)
        }
        var sure: StallEpisode?
        var uncertain = EvidenceSet()
        for e in transit.episodes where isVested(e, in: transit, at: t) {
            if e.possibleAnswers.isEmpty { if sure == nil { sure = e } } else { uncertain.formUnion(e.possibleAnswers) }
        }
        if sure != nil || !uncertain.isEmpty, signedBefore(t) {
            return RuleOutcome(rule: .stallReply, status: .disproven, detail: .groundEndedAtSigning(kase.delivery.signedAt!))
        }
        if let sure {
            return RuleOutcome(rule: .stallReply, status: .proven,
                               detail: .replyDeadlinePassed(sure.lastUpdate, replyDeadline(of: sure)))
        }
        if !uncertain.isEmpty {
            return RuleOutcome(rule: .stallReply, status: .unknown(uncertain), detail: .replyChannelUnknown(uncertain))
        }
        if let answered = transit.episodes.first(where: { $0.answeredAt != nil }) {
            return RuleOutcome(rule: .stallReply, status: .disproven, detail: .stallAnswered(answered.answeredAt!))
        }
        if let lapsed = transit.episodes.first(where: { lapsedBeforeDeadline($0, in: transit) }), let ended = transit.endedAt {
            return RuleOutcome(rule: .stallReply, status: .disproven, detail: .stallLapsedAtDelivery(lapsed.lastUpdate, ended))
        }
        if let open = transit.episodes.first {
            return RuleOutcome(rule: .stallReply, status: .disproven, detail: .replyDue(replyDeadline(of: open)))
        }
        return RuleOutcome(rule: .stallReply, status: .disproven, detail: .noStall(transit.longestGap))
    }
}

extension Array where Element == TrackingEvent {
    /// Whether the events are in time order (they nearly always are).
    var isSortedByInstant: Bool {
        var i = 1
        while i < count {
            if self[i].at < self[i - 1].at { return false }
            i += 1
        }
        return true
    }
}

/// Walks logistics events in time order, collecting gaps longer than the stall limit.
private struct GapScan {
    let stallSeconds: Int64
    var episodes: [Facts.StallEpisode] = []
    var longest: Int64 = 0
    var first: Instant?
    var previous: Instant?

    init(stallSeconds: Int64) { self.stallSeconds = stallSeconds }

    mutating func visit(_ e: Instant) {
        if let p = previous {
            let gap = e.seconds(since: p)
            longest = max(longest, gap)
            if gap > stallSeconds { episodes.append(Facts.StallEpisode(lastUpdate: p, resumedAt: e)) }
        } else {
            first = e
        }
        previous = e
    }

    /// The transit is still open at `t`: the time since the last event may be a stall too.
    mutating func close(at t: Instant) {
        guard let last = previous else { return }
        let gap = t.seconds(since: last)
        longest = max(longest, gap)
        if gap > stallSeconds { episodes.append(Facts.StallEpisode(lastUpdate: last, resumedAt: nil)) }
    }
}

