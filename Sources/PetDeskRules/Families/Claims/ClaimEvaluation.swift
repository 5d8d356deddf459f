/// KS-PET-BUYER-SILENT-48H, KS-PET-MISMATCH and the scope rule.
extension Facts {
    /// KS-PET-SCOPE: fires (the case is out of scope) unless the goods are under level-2 宠物活体,
    /// level-3 动物种苗, or are a mis-listed animal.
    func scope() -> RuleOutcome { timeless.scope }

    /// KS-PET-SCOPE for `kase` (it depends on nothing else).
    static func scope(of kase: Case) -> RuleOutcome {
        let path = kase.categoryPath
        if path.count > 1, path[1] == "宠物活体" { return RuleOutcome(rule: .scope, status: .disproven, detail: .inScopeCategory(livePets: true)) }
        if path.count > 2, path[2] == "动物种苗" { return RuleOutcome(rule: .scope, status: .disproven, detail: .inScopeCategory(livePets: false)) }
        if let kind = kase.itemKind, kind != .other {
            return RuleOutcome(rule: .scope, status: .disproven, detail: .inScopeItemKind(kind))
        }
        return RuleOutcome(rule: .scope, status: .proven, detail: .outOfScope)
    }

    /// The buyer-silence window `[t1, t1 + buyer_silent_hours]`, t1 being the first on-platform
    /// contact (contacts of unknown channel do not count, §8.9).
    var buyerSilenceWindow: (start: Instant, end: Instant)? {
        guard let list = kase.contacts, !list.isEmpty else { return nil }
        var first: Instant?
        for c in list where c.channel?.isOnPlatform ?? false { first = min(first ?? c.at, c.at) }
        guard let t1 = first else { return nil }
        return (t1, t1.adding(hours: parameters.buyerSilentHours))
    }

    /// KS-PET-BUYER-SILENT-48H: ≥ N on-platform contacts in the window, no buyer reply by its end,
    /// and the window closed before the buyer's claim at `claimedAt` (§8.9, §8.14).
    func buyerSilent(claimedAt: Instant) -> RuleOutcome {
        guard let window = buyerSilenceWindow else {
            return RuleOutcome(rule: .buyerSilent, status: .disproven, detail: .noPlatformContacts)
        }
        // Every on-platform contact is at or after t1; those up to the window's end count (§8.9).
        var count = 0
        for c in kase.contacts ?? [] where (c.channel?.isOnPlatform ?? false) && c.at <= window.end { count += 1 }
        if let reply = kase.buyerFirstReplyAt, reply <= window.end {
            return RuleOutcome(rule: .buyerSilent, status: .disproven, detail: .buyerReplied(reply, window.end))
        }
        if claimedAt <= window.end {
            return RuleOutcome(rule: .buyerSilent, status: .disproven, detail: .claimedWithinSilenceWindow(claimedAt, window.end))
        }
        if count < parameters.buyerSilentMinContacts {
            return RuleOutcome(rule: .buyerSilent, status: .disproven,
                               detail: .tooFewContacts(count, parameters.buyerSilentMinContacts, window.start))
        }
        return RuleOutcome(rule: .buyerSilent, status: .proven, detail: .buyerSilent(count, window.start, window.end))
    }

    /// KS-PET-MISMATCH: fires (claim not supported) when what arrived is what was confirmed.
    func mismatch() -> RuleOutcome {
        guard let item = kase.claim?.item, let actual = kase.claim?.actual?.trimmingSpaces() else {
            return RuleOutcome(rule: .mismatch, status: .disproven, detail: .mismatchUnspecified)
        }
        let entry = kase.checklist[item]
        if entry.effectiveStatus == .done, let value = entry.value?.trimmingSpaces(), value == actual {
            return RuleOutcome(rule: .mismatch, status: .proven, detail: .arrivedAsConfirmed(item))
        }
        return RuleOutcome(rule: .mismatch, status: .disproven, detail: .differsFromConfirmed(item))
    }
}
