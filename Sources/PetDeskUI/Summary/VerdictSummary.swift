import PetDeskRules

/// The printable verdict summary: the same text for `petdesk verdict --format text`,
/// `petdesk summary` and the dashboard's print key. Plain lines, data sanitised.
public enum VerdictSummary {
    /// The summary of `verdict` for `kase`, citing the rules of `pack`.
    public static func lines(for kase: Case, verdict: Verdict, pack: RulePack, language: Language) -> [String] {
        let L = language
        var out: [String] = []
        let title = Sanitizer.line(kase.title ?? "")
        let who = [kase.buyer, kase.merchant].compactMap { $0.map(Sanitizer.line) }.joined(separator: " · ")
        out.append("\(Sanitizer.line(kase.orderID))  \(title)")
        out.append("  \(who.isEmpty ? "" : who + " · ")¥\(kase.totalAmount)  \(L.pick("评估时间", "evaluated at")) \(PlatformTime.formatShort(verdict.at))  \(verdict.pack)")
        out.append(DisputeText.claim(kase, L))
        for fact in DisputeText.facts(kase, L, full: true) { out.append(fact) }
        out.append("\(L.pick("结论", "Outcome")): \(L.pick(verdict.outcome.chineseName, verdict.outcome.englishName)) [\(verdict.outcome.rawValue)]")
        if let cap = verdict.liabilityCap {
            out.append("  \(L.pick("赔偿上限", "Liability cap")): ¥\(cap)")
        }
        out.append("\(L.pick("依据", "Grounds")):" + (verdict.grounds.isEmpty ? " —" : ""))
        for id in verdict.grounds {
            let rule = pack.rule(id)
            out.append("  \(id.rawValue)  (\(rule?.citation ?? ""))")
            if let rule { out.append("    「\(rule.chineseText)」") }
            if let f = verdict.findings.first(where: { $0.rule == id }) {
                out.append("    → \(L.pick(f.detail.chinese, f.detail.english))")
            }
        }
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
        for flag in verdict.flags { out.append("  ! \(flag)") }
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
        out.append("\(L.pick("下一步", "Next")):" + (verdict.nextSteps.isEmpty ? " —" : ""))
        for step in verdict.nextSteps { out.append("  → " + StepText.line(step, language: L)) }
        out.append("\(L.pick("结论有效至", "Holds until")): "
            + (verdict.validUntil.map(PlatformTime.formatShort) ?? L.pick("不再变化", "no further change")))
        out.append("\(L.pick("规则评估", "Findings")):")
        for f in verdict.findings {
            out.append("  \(f.rule.rawValue.padded(toColumns: 26)) \(FindingText.result(f.result, L).padded(toColumns: 14)) \(L.pick(f.detail.chinese, f.detail.english))")
        }
        return out
    }
}
