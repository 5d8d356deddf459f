/// Writes cases as `petdesk.case/1` JSON, the form `petdesk export` produces and import reads back.
public enum CaseEncoder {
    /// The case as a JSON object, keys in the order of case-format.md.
    public static func json(_ c: Case) -> JSONValue {
        var o = JSONObjectBuilder()
        o.add("format", CaseDecoder.formatName)
        o.add("order_id", c.orderID)
        o.add("category_path", .array(c.categoryPath.map { .value(.string($0)) }))
        o.add("item_kind", c.itemKind?.rawValue)
        o.add("title", c.title)
        o.add("buyer", c.buyer)
        o.add("merchant", c.merchant)
        o.add("total_amount", c.totalAmount.description)
        o.add("paid_at", c.paidAt)
        var checklist = JSONObjectBuilder()
        for key in ChecklistKey.allCases where c.checklist.isRecorded(key) {
            let e = c.checklist[key]
            var item = JSONObjectBuilder()
            item.add("status", e.status.rawValue)
            if let at = e.at { item.add("at", at) }
            if let kind = e.kind { item.add("kind", kind.rawValue) }
            if let value = e.value { item.add("value", value) }
            if let note = e.note { item.add("note", note) }
            if let channel = e.channel { item.add("channel", channel.rawValue) }
            checklist.add(key.rawValue, item.value)
        }
        o.add("checklist", checklist.value)
        o.add("contacts", c.contacts.map { list in .array(list.map { contact in
            var x = JSONObjectBuilder()
            x.add("at", contact.at)
            x.add("channel", contact.channel?.rawValue)
            return .value(x.value)
        }) } ?? .null)
        o.add("buyer_first_reply_at", c.buyerFirstReplyAt)
        o.add("cancellation", c.cancellation.map { x in
            var b = JSONObjectBuilder()
            b.add("requested_at", x.requestedAt)
            b.add("consent_at", x.consentAt)
            b.add("consent_channel", x.consentChannel?.rawValue)
            return b.value
        } ?? .null)
        o.add("agreement", c.agreement.map { a in
            var b = JSONObjectBuilder()
            b.add("kind", a.period.kind.rawValue)
            if case .date = a.period { b.add("value", a.period.valueText) } else { b.add("value", .number(a.period.valueText)) }
            b.add("agreed_at", a.agreedAt)
            b.add("channel", a.channel?.rawValue)
            return b.value
        } ?? .null)
        var shipment = JSONObjectBuilder()
        shipment.add("shipped_at", c.shipment.shippedAt)
        shipment.add("first_scan_at", c.shipment.firstScanAt)
        shipment.add("carrier", c.shipment.carrier)
        shipment.add("waybill", c.shipment.waybill)
        o.add("shipment", shipment.value)
        o.add("tracking", c.tracking.map { list in .array(list.map { e in
            var x = JSONObjectBuilder()
            x.add("at", e.at)
            x.add("text", e.text)
            return .value(x.value)
        }) } ?? .null)
        o.add("stall_replies", .array(c.stallReplies.map { r in
            var x = JSONObjectBuilder()
            x.add("at", r.at)
            x.add("reason", r.reason)
            x.add("courier_result", r.courierResult)
            x.add("channel", r.channel?.rawValue)
            return .value(x.value)
        }))
        var delivery = JSONObjectBuilder()
        delivery.add("offered_at", c.delivery.offeredAt)
        delivery.add("signed_at", c.delivery.signedAt)
        delivery.add("refused_at", c.delivery.refusedAt)
        o.add("delivery", delivery.value)
        o.add("claim", c.claim.map { cl in
            var x = JSONObjectBuilder()
            x.add("type", cl.type.rawValue)
            x.add("at", cl.at)
            x.add("reason", cl.reason)
            x.add("item", cl.item?.rawValue)
            x.add("actual", cl.actual)
            return x.value
        } ?? .null)
        o.add("messages", .array(c.messages.map { m in
            var x = JSONObjectBuilder()
            x.add("at", m.at)
            x.add("from", m.from)
            x.add("text", m.text)
            return .value(x.value)
        }))
        return o.value
    }
}

/// The verdict contract of case-format.md.
public enum VerdictEncoder {
    /// The verdict as a JSON object; `english` picks the language of `findings[].detail`.
    public static func json(_ v: Verdict, english: Bool = true) -> JSONValue {
        var o = JSONObjectBuilder()
        o.add("order_id", v.orderID)
        o.add("at", v.at)
        o.add("pack", v.pack)
        o.add("outcome", v.outcome.rawValue)
        o.add("grounds", .array(v.grounds.map { .value(.string($0.rawValue)) }))
        o.add("missing", .array(v.missing.map { .value(.string($0.path)) }))
        o.add("flags", .array(v.flags.map { .value(.string($0.description)) }))
        o.add("liability_cap", v.liabilityCap?.description)
        o.add("findings", .array(v.findings.map { f in
            var x = JSONObjectBuilder()
            x.add("rule", f.rule.rawValue)
            x.add("result", f.result.rawValue)
            x.add("detail", english ? f.detail.english : f.detail.chinese)
            return .value(x.value)
        }))
        o.add("timers", .array(v.timers.map { t in
            var x = JSONObjectBuilder()
            x.add("id", t.kind.rawValue)
            x.add("start", t.start)
            x.add("deadline", t.deadline?.instant)
            x.add("state", t.state.rawValue)
            x.add("closed_at", t.closedAt)
            return .value(x.value)
        }))
        o.add("valid_until", v.validUntil)
        o.add("next_steps", .array(v.nextSteps.map { step in
            var x = JSONObjectBuilder()
            x.add("action", step.action.rawValue)
            x.add("party", step.party.rawValue)
            x.add("by", step.by)
            x.add("rule", step.rule?.rawValue)
            x.add("paths", .array(step.paths.map { .value(.string($0.path)) }))
            x.add("amount", step.amount?.description)
            return .value(x.value)
        }))
        return o.value
    }
}
