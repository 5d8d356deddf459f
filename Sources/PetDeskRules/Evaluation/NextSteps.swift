/// What the agent should do next, derived from the verdict (standard §9).
enum NextSteps {
    /// The steps for `verdict`; `unknowns` says which rule needs each missing fact.
    static func make(for verdict: Verdict, unknowns: [(RuleID, EvidenceSet)], facts: Facts) -> [NextStep] {
        var steps: [NextStep] = []
        let primary = verdict.grounds.first
        switch verdict.outcome {
        case .fullRefund:
            steps.append(NextStep(action: .refundInFull, party: .merchant, rule: primary))
        case .buyerMayRefuse:
            steps.append(NextStep(action: .tellBuyerMayRefuse, party: .buyer, rule: primary))
        case .buyerLiableCapped:
            steps.append(NextStep(action: .negotiateThenBuyerBearsLoss, party: .buyer, rule: primary, amount: verdict.liabilityCap))
        case .notDelayedShipment, .claimNotSupported:
            steps.append(NextStep(action: .declineClaim, party: .buyer, rule: primary))
        case .deferGeneral, .outOfScope:
            steps.append(NextStep(action: .routeToGeneralRules, party: .agent, rule: primary))
        case .needsEvidence:
            // One step per party holding evidence, naming the first rule that needs it.
            for party in Party.allCases {
                let paths = verdict.missing.filter { $0.holder == party }
                guard !paths.isEmpty else { continue }
                let rule = unknowns.first { entry in paths.contains { entry.1.contains($0) } }?.0
                steps.append(NextStep(action: .collectEvidence, party: party, rule: rule, paths: paths))
            }
        case .monitor:
            let running = verdict.timers.filter { $0.state == .running && !$0.isClosed && $0.deadline != nil }
            let next = running.min { $0.deadline!.instant < $1.deadline!.instant }
            steps.append(NextStep(action: .watch, party: .agent, by: next?.deadline?.instant, rule: next?.kind.rule))
        }
        for timer in verdict.timers where timer.kind == .stallReply && timer.state == .running && !timer.isClosed {
            steps.append(NextStep(action: .demandStallReason, party: .merchant, by: timer.deadline?.instant, rule: .stallReply))
        }
        if verdict.outcome != .outOfScope, facts.cancellationPendingUnshipped(at: verdict.at) {
            steps.append(NextStep(action: .merchantMustNotShip, party: .merchant, rule: .cancel))
        }
        return steps
    }
}
