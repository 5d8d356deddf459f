import PetDeskRules

/// The printable verdict summary: the same text for `petdesk verdict --format text`,
/// `petdesk summary` and the dashboard's print key. Plain lines, data sanitised.
public enum VerdictSummary {
    /// The ticket-ready opinion (处理意见) on `verdict` for `kase`: the claim, the suggested
    /// verdict with its rule and the rule's words, the facts that decide it, the decision and its
    /// reason, the next step, and who wrote it when — a few lines to paste into the platform's
    /// dispute ticket. With `trace`, the full evaluation follows (grounds, checked rules, missing
    /// evidence, flags, timers, every rule's finding).
    public static func lines(for kase: Case, verdict: Verdict, pack: RulePack, language: Language,
                             decision: DecisionNote? = nil, agent: String? = nil, trace: Bool = false) -> [String] {
        let L = language
        var out: [String] = []
        let title = Sanitizer.line(kase.title ?? "")
        let who = [kase.buyer, kase.merchant].compactMap { $0.map(Sanitizer.line) }.joined(separator: " · ")
        out.append(L.pick("【处理意见】", "[Dispute opinion] ") + "\(Sanitizer.line(kase.orderID))  \(title)")
        out.append("  \(who.isEmpty ? "" : who + " · ")¥\(kase.totalAmount)")
        out.append(DisputeText.claim(kase, L))
        out.append(L.pick("建议结论：", "Suggested: ") + L.pick(verdict.outcome.chineseName, verdict.outcome.englishName)
                   + " [\(verdict.outcome.rawValue)]" + (verdict.liabilityCap.map { L.pick("，赔偿上限 ¥\($0)", ", liability capped at ¥\($0)") } ?? ""))
        for id in verdict.grounds {
            let rule = pack.rule(id)
            out.append(L.pick("依据：", "Rule: ") + id.rawValue
                       + (rule.map { L.pick("（\($0.citation)）", " (\($0.citation)) ") + "「\($0.chineseText)」" } ?? ""))
            if let f = verdict.findings.first(where: { $0.rule == id }) {
                out.append("  → " + L.pick(f.detail.chinese, f.detail.english))
            }
        }
        if !verdict.missing.isEmpty {
            out.append(L.pick("待补证据：", "Evidence needed: ") + verdict.missing.map { EvidenceText.name($0, L) }.joined(separator: L.pick("、", ", ")))
        }
        for fact in DisputeText.facts(kase, L, full: true) { out.append(fact) }
        for flag in verdict.flags { out.append(L.pick("提示：", "Note: ") + FlagText.line(flag, L)) }
        if let d = decision {
            var line = L.pick("处理决定：", "Decision: ") + L.pick(d.outcome.chineseName, d.outcome.englishName) + " [\(d.outcome.rawValue)]"
            line += " · \(d.agent)" + (d.at.map { " · " + PlatformTime.formatShort($0) } ?? "")
            if d.isOverride { line += L.pick("（改判）", " (override)") }
            line += L.pick(" · 理由：", " · reason: ") + (d.reason ?? L.pick("采纳建议", "suggestion accepted"))
            out.append(line)
            if d.outcome != verdict.outcome {
                out.append(L.pick("注意：决定与当前建议不同，请复核", "Note: the decision differs from the current suggestion; revisit it"))
            }
        } else {
            out.append(L.pick("处理决定：尚未决定", "Decision: not yet decided"))
        }
        let steps = verdict.nextSteps.map { StepText.line($0, language: L) }
        out.append(L.pick("下一步：", "Next: ") + (steps.isEmpty ? "—" : steps.joined(separator: L.pick("；", "; "))))
        let holds = L.pick("，结论有效至 ", ", holds until ")
            + (verdict.validUntil.map(PlatformTime.formatShort) ?? L.pick("不再变化", "no further change"))
        out.append(L.pick("处理人：", "Agent: ") + (agent.map(Sanitizer.line) ?? "—") + " · " + PlatformTime.formatShort(verdict.at)
                   + " · \(verdict.pack)" + holds)
        guard trace else { return out }
        out.append("")
        out.append(L.pick("—— 规则追踪 ——", "—— Rule trace ——"))
        let checked = verdict.findings.filter {
            pack.rule($0.rule)?.isRefundGround == true && ($0.result == .notFired || $0.result == .notApplicable)
        }
        if verdict.grounds.isEmpty || verdict.outcome == .monitor, verdict.outcome != .needsEvidence, !checked.isEmpty {
            // Nothing decided for the buyer: say which grounds were checked and why each does not hold.
            out.append("\(L.pick("已核查未成立", "Checked, not holding")):")
            for f in checked { out.append("  \(f.rule.rawValue)  \(L.pick(f.detail.chinese, f.detail.english))") }
        }
        out.append("\(L.pick("缺少证据", "Missing evidence")):" + (verdict.missing.isEmpty ? " —" : ""))
        for path in verdict.missing { out.append("  - \(EvidenceText.name(path, L)) (\(path))") }
        out.append("\(L.pick("标记", "Flags")):" + (verdict.flags.isEmpty ? " —" : ""))
        for flag in verdict.flags { out.append("  ! " + FlagText.line(flag, L)) }
        out.append("\(L.pick("计时", "Timers")):" + (verdict.timers.isEmpty ? " —" : ""))
        for timer in verdict.timers {
            let name = TimerText.name(timer, L).padded(toColumns: 16)
            let start = timer.start.map(PlatformTime.formatShort) ?? "—"
            let end = timer.deadline.map { PlatformTime.formatShort($0.instant) } ?? "—"
            let state = TimerText.stateName(timer.state, L)
            let count = timer.asksForAction ? "  " + TimerText.countdown(timer, at: verdict.at, language: L) : ""
            let closed = timer.closedAt.map { L.pick("  结束于 ", "  closed ") + PlatformTime.formatShort($0) } ?? ""
            let late = timer.isClosed && timer.state == .breached ? "  " + TimerText.countdown(timer, at: verdict.at, language: L) : ""
            out.append("  \(name) \(start) → \(end)  \(state)\(count)\(late)\(closed)")
        }
        out.append("\(L.pick("规则评估", "Findings")):")
        for f in verdict.findings {
            out.append("  \(f.rule.rawValue.padded(toColumns: 26)) \(FindingText.result(f.result, L).padded(toColumns: 14)) \(L.pick(f.detail.chinese, f.detail.english))")
        }
        return out
    }
}
