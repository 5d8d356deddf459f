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
        out.append("\(L.pick("结论", "Outcome")): \(verdict.outcome.chineseName) / \(verdict.outcome.englishName) [\(verdict.outcome.rawValue)]")
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
        out.append("\(L.pick("缺少证据", "Missing evidence")):" + (verdict.missing.isEmpty ? " —" : ""))
        for path in verdict.missing { out.append("  - \(path)") }
        out.append("\(L.pick("标记", "Flags")):" + (verdict.flags.isEmpty ? " —" : ""))
        for flag in verdict.flags { out.append("  ! \(flag)") }
        out.append("\(L.pick("计时", "Timers")):" + (verdict.timers.isEmpty ? " —" : ""))
        for timer in verdict.timers {
            let name = TimerText.name(timer, L).padded(toColumns: 16)
            let start = timer.start.map(PlatformTime.formatShort) ?? "—"
            let end = timer.deadline.map { PlatformTime.formatShort($0.instant) } ?? "—"
            let state = TimerText.stateName(timer.state, L)
            let count = timer.asksForAction ? "  " + TimerText.countdown(timer, at: verdict.at, language: L) : ""
            out.append("  \(name) \(start) → \(end)  \(state)\(count)")
        }
        out.append("\(L.pick("规则评估", "Findings")):")
        for f in verdict.findings {
            out.append("  \(f.rule.rawValue.padded(toColumns: 26)) \(f.result.rawValue.padded(toColumns: 14)) \(L.pick(f.detail.chinese, f.detail.english))")
        }
        return out
    }
}
