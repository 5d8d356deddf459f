import PetDeskRules

func detailLines(_ s: State, width: Int) -> [(String, StyleRole)] {
    let L = s.language
    guard let c = s.current else { return [] }
    let k = c.kase
    var lines: [(String, StyleRole)] = []
    lines.append(("\(k.orderID)  \(k.title ?? "")", .header))
    lines.append(("  " + DisputeText.claim(k, L), .text))
    for fact in DisputeText.facts(k, L, full: true) { lines.append(("  " + fact, .text)) }
    lines.append((L.pick("物流轨迹", "Tracking"), .header))
    let stallSeconds = Int64(s.parameters.stallHours) * PlatformTime.secondsPerHour
    if let tracking = k.tracking {
        var events: [(Instant, String)] = tracking.map { ($0.at, $0.text) }
        if let shipped = k.shipment.shippedAt { events.append((shipped, L.pick("商家发货", "shipped"))) }
        if let offered = k.delivery.offeredAt { events.append((offered, L.pick("派送至买家", "offered to the buyer"))) }
        events.sort { $0.0 < $1.0 }
        var previous: Instant?
        for (at, text) in events {
            if let p = previous, at.seconds(since: p) > stallSeconds {
                lines.append(("  !! " + L.pick("停滞 ", "stall ") + PlatformTime.formatDuration(at.seconds(since: p)), .stallGap))
            }
            lines.append(("  " + PlatformTime.formatShort(at) + "  " + text, .text))
            previous = at
        }
        if events.isEmpty { lines.append(("  " + L.pick("无扫描记录", "no scans"), .dim)) }
    } else {
        lines.append(("  " + L.pick("未提供物流轨迹", "tracking not supplied"), .verdictNeedsEvidence))
    }
    lines.append((L.pick("停滞答复", "Stall replies"), .header))
    if k.stallReplies.isEmpty { lines.append(("  —", .dim)) }
    for r in k.stallReplies {
        let channel = ChannelText.name(r.channel, L)
        lines.append(("  \(PlatformTime.formatShort(r.at)) [\(channel)] \(r.reason ?? "—") / \(r.courierResult ?? "—")", .text))
    }
    lines.append((L.pick("客服消息", "CS messages"), .header))
    if k.messages.isEmpty { lines.append(("  —", .dim)) }
    for m in k.messages {
        lines.append(("  \(m.at.map(PlatformTime.formatShort) ?? "") \(SenderText.name(m.from, L)): \(m.text)", .text))
    }
    return lines.flatMap { text, role in text.wrapped(toColumns: width).map { ($0, role) } }
}

func drawDetail(_ s: State, _ scroll: Int, _ b: inout CellBuffer) {
    let r = Rect(x: 2, y: 1, width: s.width - 4, height: s.height - 2)
    drawBox(r, title: OverlayKind.detail.name(s.language) + " · " + Keymap.hintLine(for: .detail, s.language), focused: true, &b, role: .dialog)
    drawLines(detailLines(s, width: r.inner.width - 2), in: r, scroll: scroll, &b)
}
