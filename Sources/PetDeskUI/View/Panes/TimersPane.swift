import PetDeskRules

func timerRole(_ t: CaseTimer, at now: Instant) -> StyleRole {
    if t.isClosed { return .dim }
    if t.state.isOverdue { return .timerOverdue }
    guard t.state == .running, let left = t.secondsRemaining(at: now) else { return .timerOK }
    if left <= 2 * PlatformTime.secondsPerHour { return .timerCritical }
    if left <= 24 * PlatformTime.secondsPerHour { return .timerWarning }
    return .timerOK
}

func drawTimers(_ s: State, _ r: Rect, _ b: inout CellBuffer) {
    let L = s.language
    drawBox(r, title: Pane.timers.name(L), focused: s.focus == .timers, &b)
    let inner = r.inner
    guard let v = s.verdict, inner.height > 0 else { return }
    if v.timers.isEmpty {
        b.write(L.pick("无计时（不适用本标准）", "no timers (out of scope)"), x: inner.x, y: inner.y, maxWidth: inner.width, role: .dim)
        return
    }
    let skipped = min(s.timersScroll, max(0, v.timers.count - 1))
    let timers = Array(v.timers.dropFirst(skipped))
    drawMoreMarkers(above: skipped, below: max(0, timers.count - inner.height), in: r, L, &b)
    for (line, t) in timers.prefix(inner.height).enumerated() {
        let y = inner.y + line
        let role = timerRole(t, at: s.now)
        let sign = t.isClosed ? " " : t.state.isOverdue ? "!" : t.state == .running ? "·" : " "
        b.write(sign, x: inner.x, y: y, role: role)
        let name = TimerText.name(t, L).padded(toColumns: L == .zh ? 13 : 17)
        b.write(name, x: inner.x + 2, y: y, role: .text)
        var x = inner.x + 2 + name.displayWidth + 1
        let count = t.asksForAction ? TimerText.countdown(t, at: s.now, language: L) : TimerText.stateName(t.state, L)
        let state = t.asksForAction ? " " + TimerText.stateName(t.state, L) : ""
        x += b.write(count + state, x: x, y: y, maxWidth: inner.x + inner.width - x, role: role) + 2
        if let d = t.deadline {
            b.write("→ " + PlatformTime.formatShort(d.instant).dropFirst(5), x: x, y: y, maxWidth: inner.x + inner.width - x, role: .dim)
        }
    }
}
