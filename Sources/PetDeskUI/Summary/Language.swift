import PetDeskRules

/// The language the dashboard and summaries speak.
public enum Language: String, Sendable, CaseIterable {
    case zh, en

    /// The other language (the `L` key).
    public var toggled: Language { self == .zh ? .en : .zh }

    /// Picks the text for this language; only that one is built (a frame built every finding's
    /// text in both languages to show one: 50 M instructions over bench ui's run).
    public func pick(_ zh: @autoclosure () -> String, _ en: @autoclosure () -> String) -> String { self == .zh ? zh() : en() }
}

/// Words for timers and their countdowns: `剩 5h12m` / `超 2h03m`, and `迟 9h30m` for ever once a
/// breached timer has closed.
public enum TimerText {
    /// The countdown of a timer at `t`, or its settled state in words.
    public static func countdown(_ timer: CaseTimer, at t: Instant, language: Language) -> String {
        if timer.isClosed, timer.state == .breached, let remaining = timer.secondsRemaining(at: t) {
            // History: how late it was when it closed.
            let late = PlatformTime.formatDuration(-remaining + 1)
            return language.pick("迟 \(late)", "\(late) late")
        }
        switch timer.state {
        case .running, .stalled, .breached:
            guard let remaining = timer.secondsRemaining(at: t) else { return stateName(timer.state, language) }
            let d = PlatformTime.formatDuration(remaining)
            if remaining > 0 { return language.pick("剩 \(d)", "\(d) left") }
            return language.pick("超 \(PlatformTime.formatDuration(-remaining + 1))", "\(PlatformTime.formatDuration(-remaining + 1)) over")
        default:
            return stateName(timer.state, language)
        }
    }

    /// A timer state in words.
    public static func stateName(_ state: TimerState, _ language: Language) -> String {
        switch state {
        case .pending: language.pick("未开始", "pending")
        case .running: language.pick("进行中", "running")
        case .met: language.pick("已达成", "met")
        case .breached: language.pick("已超时", "breached")
        case .stalled: language.pick("停滞中", "stalled")
        case .resumed: language.pick("已恢复", "resumed")
        case .answered: language.pick("已答复", "answered")
        case .satisfied: language.pick("已满足", "satisfied")
        case .notSatisfied: language.pick("未满足", "not satisfied")
        case .closed: language.pick("已结束", "closed")
        case .unknown: language.pick("待核实", "unknown")
        }
    }

    /// The timer's name, with its window as the pack's parameters set it ("停滞答复36h").
    public static func name(_ timer: CaseTimer, _ language: Language) -> String {
        let hours = timer.windowHours.map(String.init) ?? ""
        return switch timer.kind {
        case .delivery: language.pick("配送时限", "Delivery window")
        case .stall: language.pick("物流停滞\(hours)h", "Stall \(hours)h")
        case .stallReply: language.pick("停滞答复\(hours)h", "Stall reply \(hours)h")
        case .buyerSilent: language.pick("买家未回复\(hours)h", "Buyer silent \(hours)h")
        }
    }
}

/// Words for the next steps of a verdict (standard §9).
public enum StepText {
    /// One step as a sentence: what, for whom, by when, under which rule.
    public static func line(_ step: NextStep, language L: Language) -> String {
        var text: String = switch step.action {
        case .refundInFull: L.pick("通知商家全额退款", "Tell the merchant to refund in full")
        case .tellBuyerMayRefuse: L.pick("告知买家有权拒收（拒收可全额退款）", "Tell the buyer they may refuse (a refusal gets a full refund)")
        case .negotiateThenBuyerBearsLoss:
            L.pick("先协商；协商不成由买家承担损失", "Negotiate first; failing that the buyer bears the loss")
                + (step.amount.map { L.pick("，以 ¥\($0) 为限", ", at most ¥\($0)") } ?? "")
        case .declineClaim: L.pick("驳回买家诉求并说明依据", "Decline the buyer's claim, citing the rule")
        case .collectEvidence:
            L.pick("向\(partyName(step.party, L))补充证据：", "Collect from \(partyName(step.party, L)): ")
                + step.paths.map { EvidenceText.name($0, L) }.joined(separator: L.pick("、", ", "))
        case .routeToGeneralRules: L.pick("转通用售后规则或资深客服处理", "Route to the general after-sales rules or a senior agent")
        case .demandStallReason: L.pick("要求商家说明物流停滞原因及联系快递结果", "Ask the merchant for the stall reason and the courier's answer")
        case .merchantMustNotShip: L.pick("提醒商家：买家已申请取消，未经同意不得发货", "Warn the merchant: the buyer cancelled; do not ship without consent")
        case .watch: L.pick("持续跟进计时", "Keep watching the timers")
        }
        if let by = step.by { text += L.pick("（\(PlatformTime.formatShort(by)) 前）", " (by \(PlatformTime.formatShort(by)))") }
        if let rule = step.rule { text += "  [\(rule.rawValue)]" }
        return text
    }

    /// Who a party is, in words.
    public static func partyName(_ party: Party, _ L: Language) -> String {
        switch party {
        case .merchant: L.pick("商家", "the merchant")
        case .buyer: L.pick("买家", "the buyer")
        case .agent: L.pick("客服", "the agent")
        case .platformLogistics: L.pick("平台物流", "platform logistics")
        }
    }
}

/// What a verdict's flag means and asks of the agent, in words (never the contract key).
public enum FlagText {
    /// The flag as one sentence.
    public static func line(_ flag: VerdictFlag, _ L: Language) -> String {
        switch flag {
        case .offPlatformEvidencePresent:
            L.pick("有平台外证据（微信、电话），不计为已完成，可作协商参考",
                   "Some evidence is off the platform (WeChat, phone): it does not count, but may help a negotiation")
        case .identityOther:
            L.pick("身份信息为脚环、耳标或批次号（非芯片、鼻纹），请核对是否与实物一致",
                   "Identity given by leg ring, ear tag or batch id (not chip or nose print): check it against the animal")
        case .merchantViolation(let rule):
            L.pick("商家违规：\(rule.rawValue)（未作为结论依据，记入商家考核）",
                   "Merchant violation: \(rule.rawValue) (not the deciding rule; recorded against the merchant)")
        }
    }
}

/// What an outcome means, in the agent's language (standard §2).
public enum OutcomeText {
    /// The meaning of `outcome`.
    public static func meaning(_ outcome: Outcome, _ L: Language) -> String {
        switch outcome {
        case .outOfScope: L.pick("不适用宠物类标准，按平台通用规则处理。", outcome.meaning)
        case .fullRefund: L.pick("商家全额退款，并承担宠物及运费损失。", outcome.meaning)
        case .buyerMayRefuse: L.pick("拒收理由已成立且买家未签收：买家拒收或申请退款即全额退款。", outcome.meaning)
        case .buyerLiableCapped: L.pick("无理由拒收：双方先协商；协商不成由买家承担商家实际损失，以订单总额为限。", outcome.meaning)
        case .notDelayedShipment: L.pick("买家未回复，延迟发货的投诉不予认定。", outcome.meaning)
        case .claimNotSupported: L.pick("买家诉求在本标准中无依据（商家违规仍会标记）。", outcome.meaning)
        case .deferGeneral: L.pick("属本标准范围，但本标准对该诉求无规定：转通用售后规则或资深客服。", outcome.meaning)
        case .needsEvidence: L.pick("决定结论的事实尚不明确，需补充所列证据。", outcome.meaning)
        case .monitor: L.pick("尚无诉求且无理由成立：持续关注计时。", outcome.meaning)
        }
    }
}

/// Words for what a rule concluded.
public enum FindingText {
    /// A finding's result in words.
    public static func result(_ result: FindingResult, _ L: Language) -> String {
        switch result {
        case .fired: L.pick("成立", "fired")
        case .notFired: L.pick("不成立", "not fired")
        case .unknown: L.pick("待核实", "unknown")
        case .notApplicable: L.pick("不适用", "not applicable")
        }
    }
}

/// Names of the facts a verdict can miss, in words (never raw case-format paths on a screen).
public enum EvidenceText {
    /// The fact at `path`, named for an agent.
    public static func name(_ path: EvidencePath, _ L: Language) -> String { L.pick(path.chineseName, path.englishName) }
}

/// Checklist statuses in words.
public enum StatusText {
    /// The item's status as the checklist pane and `petdesk show` draw it: [x] [!] [~] [ ].
    public static func box(_ status: ItemStatus) -> String {
        switch status {
        case .done: "[x]"
        case .missing: "[!]"
        case .offPlatform: "[~]"
        case .unknown: "[ ]"
        }
    }

    /// A status as the checklist keys name it.
    public static func name(_ status: ItemStatus, _ L: Language) -> String {
        switch status {
        case .done: L.pick("已完成", "done")
        case .missing: L.pick("缺失", "missing")
        case .offPlatform: L.pick("平台外", "off-platform")
        case .unknown: L.pick("未知", "unknown")
        }
    }
}

/// Where something was said or done, in words.
public enum ChannelText {
    /// A channel, or "unknown" when the record does not say.
    public static func name(_ channel: Channel?, _ L: Language) -> String {
        switch channel {
        case .detailPage: L.pick("商详页", "detail page")
        case .platform: L.pick("平台内", "on the platform")
        case .offPlatform: L.pick("平台外", "off the platform")
        case nil: L.pick("渠道未知", "channel unknown")
        }
    }
}

/// The dispute at a glance: the buyer's claim, a cancellation, an agreed period, contacts and the
/// waybill, as the verdict pane, the detail view and the summary show them.
public enum DisputeText {
    /// The claim type in one character, for the queue in a narrow pane (the README lists them):
    /// 拒 refuse, 退 return and refund, 款 refund only, 七 seven-day return, 符 not as described,
    /// 亡 dead on arrival, 病 ill, 迟 late shipment; "·" for no claim. English uses lower case
    /// (r t f 7 m d i l), apart from the timers' capitals.
    public static func letter(_ type: ClaimType?, _ L: Language) -> String {
        guard let type else { return "·" }
        return switch type {
        case .refuse: L.pick("拒", "r")
        case .returnRefund: L.pick("退", "t")
        case .refundOnly: L.pick("款", "f")
        case .noReasonReturn: L.pick("七", "7")
        case .mismatch: L.pick("符", "m")
        case .doa: L.pick("亡", "d")
        case .illness: L.pick("病", "i")
        case .lateShipment: L.pick("迟", "l")
        }
    }

    /// The claim: type, instant and the buyer's words; "no claim" when there is none.
    public static func claim(_ k: Case, _ L: Language) -> String {
        guard let c = k.claim else { return L.pick("诉求：无（买家尚未提出）", "Claim: none yet") }
        let name = L.pick(c.type.chineseName, c.type.rawValue.replacingOccurrences(of: "_", with: " "))
        let at = c.at.map(PlatformTime.formatShort) ?? L.pick("时间未知", "time unknown")
        let reason = c.reason.map { L.pick(" ·「\($0)」", " · “\($0)”") } ?? ""
        return L.pick("诉求：\(name) · \(at)", "Claim: \(name) · \(at)") + reason
    }

    /// The cancellation, agreement and shipment facts that decide disputes, one line each.
    public static func facts(_ k: Case, _ L: Language, full: Bool) -> [String] {
        var out: [String] = []
        if let c = k.cancellation {
            let requested = c.requestedAt.map(PlatformTime.formatShort) ?? L.pick("时间未知", "time unknown")
            let consent = c.consentAt.map { L.pick("，\(PlatformTime.formatShort($0)) 同意/撤回（\(ChannelText.name(c.consentChannel, L))）",
                                                   ", consent or withdrawal \(PlatformTime.formatShort($0)) (\(ChannelText.name(c.consentChannel, L)))") }
                ?? L.pick("，未同意发货", ", no consent to ship")
            out.append(L.pick("取消申请：\(requested)", "Cancelled: \(requested)") + consent)
        }
        if let a = k.agreement {
            let period: String = switch a.period {
            case .days(let n): L.pick("\(n) 天内送达", "delivery within \(n) days")
            case .hours: L.pick("\(a.period.valueText) 小时内送达", "delivery within \(a.period.valueText) hours")
            case .date(let d): L.pick("\(d) 前送达", "delivery by \(d)")
            }
            let when = a.agreedAt.map(PlatformTime.formatShort) ?? L.pick("时间未知", "time unknown")
            out.append(L.pick("配送约定：\(period)（\(ChannelText.name(a.channel, L))，\(when)）",
                              "Agreed: \(period) (\(ChannelText.name(a.channel, L)), \(when))"))
        }
        guard full else { return out }
        let contacts = k.contacts ?? []
        let first = contacts.map(\.at).min().map(PlatformTime.formatShort)
        let reply = k.buyerFirstReplyAt.map(PlatformTime.formatShort) ?? L.pick("无", "none")
        out.append(L.pick("商家联系：\(contacts.count) 次\(first.map { "（首次 \($0)）" } ?? "") · 买家首次回复：\(reply)",
                          "Merchant contacts: \(contacts.count)\(first.map { " (first \($0))" } ?? "") · buyer's first reply: \(reply)"))
        let carrier = k.shipment.carrier ?? "—", waybill = k.shipment.waybill ?? "—"
        out.append(L.pick("运单：\(carrier) \(waybill)", "Waybill: \(carrier) \(waybill)"))
        return out
    }
}

/// Who wrote a customer-service message, in words.
public enum SenderText {
    /// `merchant`, `buyer`, `agent` named; anything else as written.
    public static func name(_ from: String, _ L: Language) -> String {
        switch from {
        case "merchant": L.pick("商家", "merchant")
        case "buyer": L.pick("买家", "buyer")
        case "agent": L.pick("客服", "agent")
        case "platform", "system": L.pick("平台", "platform")
        default: from
        }
    }
}

extension Outcome {
    /// A label short enough for a queue column.
    public func shortName(_ l: Language) -> String { l.pick(shortChineseName, shortEnglishName) }
}
