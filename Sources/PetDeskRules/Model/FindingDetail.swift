/// Why a rule concluded what it did, as data; rendered in Chinese or English on demand so that
/// evaluation itself builds no strings.
public enum FindingDetail: Hashable, Sendable {
    /// Level-2 宠物活体 (`true`) or level-3 动物种苗 (`false`).
    case inScopeCategory(livePets: Bool)
    case inScopeItemKind(ItemKind)
    case outOfScope
    case disclosureGiven, disclosureMissing, disclosureOffPlatform, disclosureUnknown
    case itemsNotDone(ChecklistKeySet)
    case itemsUnknown(EvidenceSet)
    case allItemsDone
    case identityNotConfirmed, identityByOther, identityByOtherRejected
    case identityBy(IdentityKind?)
    case notShipped
    case shipmentInstantUnknown
    case groundEndedAtSigning(Instant)
    case noCancellation, cancellationInstantUnknown, consentChannelUnknown
    case cancelledNotShipped(Instant)
    case cancellationWithdrawn(Instant)
    case cancelledRefundRefused(Instant)
    case cancelledAfterShipment(Instant, Instant)
    case consentBeforeShipping(Instant)
    case shippedDespiteCancellation(Instant, Instant)
    case deliveredOnTime(Instant, Deadline)
    case inTransitBeforeDeadline(Deadline)
    case deadlineUnknown(EvidenceSet)
    case deliveredLate(Instant, Deadline)
    case notOfferedPastDeadline(Deadline)
    case trackingUnknown
    /// last update, gap in seconds, number of episodes
    case stallGap(Instant, Int64, Int)
    /// the longest gap in seconds
    case noStall(Int64)
    /// last update, reply deadline
    case replyDeadlinePassed(Instant, Instant)
    case replyChannelUnknown(EvidenceSet)
    case stallAnswered(Instant)
    case replyDue(Instant)
    case noPlatformContacts
    /// reply, window end
    case buyerReplied(Instant, Instant)
    /// contacts, needed, t1
    case tooFewContacts(Int, Int, Instant)
    /// contacts, t1, window end
    case buyerSilent(Int, Instant, Instant)
    /// claim, window end
    case claimedWithinSilenceWindow(Instant, Instant)
    /// A refund asked for before shipping, read as a cancellation (§8.23).
    case refundRequestedBeforeShipment(Instant)
    /// signed for or refused at, deadline: the offer was no later
    case deliveredNoLaterThan(Instant, Deadline)
    /// last update, transit end: the pet was offered, signed for or refused before the reply was due
    case stallLapsedAtDelivery(Instant, Instant)
    /// The claim's instant is unknown and decides whether it came after signing (§8.17).
    case claimInstantUnknown
    case mismatchUnspecified
    case arrivedAsConfirmed(ChecklistKey)
    case differsFromConfirmed(ChecklistKey)

    /// The reason in English.
    public var english: String { text(english: true) }
    /// The reason in Chinese.
    public var chinese: String { text(english: false) }

    private func text(english en: Bool) -> String {
        func t(_ i: Instant) -> String { PlatformTime.formatShort(i) }
        func d(_ deadline: Deadline) -> String {
            en ? "\(deadline.isInclusive ? "deadline" : "due before") \(t(deadline.instant))"
               : "\(deadline.isInclusive ? "时限" : "须早于") \(t(deadline.instant))"
        }
        func paths(_ set: EvidenceSet) -> String { set.map { en ? $0.path : $0.chineseName }.joined(separator: en ? ", " : "、") }
        func keys(_ list: ChecklistKeySet) -> String {
            list.map { en ? $0.rawValue : $0.chineseName }.joined(separator: en ? ", " : "、")
        }
        let h = PlatformTime.formatDuration
        switch self {
        case .inScopeCategory(let pets):
            let c = pets ? "L2 宠物活体" : "L3 动物种苗"
            return en ? "category \(c) is in scope" : "类目 \(c) 适用本标准"
        case .inScopeItemKind(let k): return en ? "item kind \(k.rawValue): a mis-listed animal is in scope" : "实为活体(\(k.rawValue))，适用本标准"
        case .outOfScope:
            return en ? "the category is neither L2 宠物活体 nor L3 动物种苗, and no animal was sold" : "类目不属于宠物活体或动物种苗，且非活体商品"
        case .disclosureGiven: return en ? "purchase process disclosed on the platform" : "已在平台告知购买流程和须知"
        case .disclosureMissing: return en ? "purchase process not disclosed" : "未告知购买流程和须知"
        case .disclosureOffPlatform: return en ? "purchase process disclosed only off the platform" : "仅在平台外告知购买流程和须知"
        case .disclosureUnknown: return en ? "disclosure not checked yet" : "尚未核实购买须知"
        case .itemsNotDone(let k): return en ? "not done before shipment: \(keys(k))" : "发货前未完成：\(keys(k))"
        case .itemsUnknown(let p): return en ? "unknown: \(paths(p))" : "待核实：\(paths(p))"
        case .allItemsDone: return en ? "all items done before shipment" : "发货前各项均已确认"
        case .identityNotConfirmed: return en ? "identity not confirmed" : "未确认宠物身份信息"
        case .identityByOther: return en ? "identity by leg ring, ear tag or batch id (accepted, flagged)" : "以脚环/耳标/批次号确认身份(认可并标记)"
        case .identityByOtherRejected: return en ? "identity by leg ring, ear tag or batch id (not accepted)" : "以脚环/耳标/批次号确认身份(不认可)"
        case .identityBy(let k): return en ? "identity by \(k?.rawValue ?? "unspecified means")" : "身份信息：\(k == .nosePrint ? "鼻纹" : k == .chip ? "芯片码" : "未注明方式")"
        case .notShipped: return en ? "not shipped" : "尚未发货"
        case .shipmentInstantUnknown: return en ? "the pet left but the shipping instant is unknown" : "已发出但发货时间未知"
        case .groundEndedAtSigning(let s): return en ? "ground ended when the buyer signed at \(t(s))" : "买家已于 \(t(s)) 签收，拒收理由失效"
        case .noCancellation: return en ? "no cancellation before shipment" : "发货前无取消申请"
        case .cancellationInstantUnknown: return en ? "cancellation instant unknown" : "取消申请时间未知"
        case .consentChannelUnknown: return en ? "consent channel unknown" : "同意发货的渠道未知"
        case .cancelledNotShipped(let r): return en ? "cancelled \(t(r)), not shipped, no refund refused" : "\(t(r)) 申请取消，未发货"
        case .cancellationWithdrawn(let c): return en ? "buyer withdrew or consented at \(t(c))" : "买家已于 \(t(c)) 同意/撤回取消"
        case .cancelledRefundRefused(let r): return en ? "cancelled \(t(r)), never shipped, refund still pending" : "\(t(r)) 申请取消，未发货且未退款"
        case .cancelledAfterShipment(let r, let s): return en ? "cancelled \(t(r)) after shipment at \(t(s))" : "\(t(r)) 取消晚于发货 \(t(s))"
        case .consentBeforeShipping(let c): return en ? "buyer consented on the platform at \(t(c))" : "买家已于 \(t(c)) 在平台同意发货"
        case .shippedDespiteCancellation(let r, let s): return en ? "cancelled \(t(r)), shipped \(t(s)) without consent" : "\(t(r)) 申请取消，\(t(s)) 未经同意发货"
        case .deliveredOnTime(let o, let dl): return en ? "offered \(t(o)), on time (\(d(dl)))" : "\(t(o)) 送达，未超时(\(d(dl)))"
        case .inTransitBeforeDeadline(let dl): return en ? "in transit, \(d(dl))" : "配送中，\(d(dl))"
        case .deadlineUnknown(let p): return en ? "deadline unknown: \(paths(p))" : "时限无法确定：\(paths(p))"
        case .deliveredLate(let o, let dl): return en ? "offered \(t(o)), late (\(d(dl)))" : "\(t(o)) 送达，已超时(\(d(dl)))"
        case .notOfferedPastDeadline(let dl): return en ? "not offered and past the deadline (\(d(dl)))" : "超时未送达(\(d(dl)))"
        case .trackingUnknown: return en ? "tracking not supplied" : "未提供物流轨迹"
        case .stallGap(let l, let g, let n):
            return en ? "gap \(h(g)) after \(t(l))\(n > 1 ? " (\(n) stalls)" : "")" : "\(t(l)) 后 \(h(g)) 无流转\(n > 1 ? "(共\(n)次停滞)" : "")"
        case .noStall(let g): return en ? "no gap over the limit (longest \(h(g)))" : "无超时停滞(最长 \(h(g)))"
        case .replyDeadlinePassed(let l, let dl): return en ? "stall after \(t(l)) unanswered by \(t(dl))" : "\(t(l)) 起停滞，\(t(dl)) 前未答复"
        case .replyChannelUnknown(let p): return en ? "reply channel unknown: \(paths(p))" : "答复渠道未知：\(paths(p))"
        case .stallAnswered(let r): return en ? "stall answered at \(t(r))" : "已于 \(t(r)) 答复停滞原因"
        case .replyDue(let dl): return en ? "stall reply due by \(t(dl))" : "须于 \(t(dl)) 前答复"
        case .noPlatformContacts: return en ? "no on-platform merchant contact" : "商户无平台内联系记录"
        case .buyerReplied(let r, let e): return en ? "buyer replied \(t(r)), before the window closed \(t(e))" : "买家已于 \(t(r)) 回复(窗口止于 \(t(e)))"
        case .tooFewContacts(let n, let need, let s): return en ? "\(n) contact(s) from \(t(s)); \(need) needed" : "\(t(s)) 起仅联系 \(n) 次，需 \(need) 次"
        case .buyerSilent(let n, let s, let e): return en ? "\(n) contacts in [\(t(s)), \(t(e))], no buyer reply" : "\(t(s)) 至 \(t(e)) 联系 \(n) 次，买家未回复"
        case .claimedWithinSilenceWindow(let c, let e): return en ? "buyer claimed \(t(c)), before the window closed \(t(e))" : "买家于 \(t(c)) 提出诉求(窗口止于 \(t(e)))"
        case .refundRequestedBeforeShipment(let r): return en ? "refund asked for \(t(r)) before shipment: a cancellation" : "\(t(r)) 发货前申请退款，视为取消订单"
        case .deliveredNoLaterThan(let o, let dl): return en ? "offered no later than \(t(o)), on time (\(d(dl)))" : "不晚于 \(t(o)) 送达，未超时(\(d(dl)))"
        case .stallLapsedAtDelivery(let l, let e): return en ? "stall after \(t(l)) ended by delivery at \(t(e)) before the reply was due" : "\(t(l)) 起停滞，\(t(e)) 已送达，答复时限前结束"
        case .claimInstantUnknown: return en ? "claim instant unknown: before or after signing?" : "诉求时间未知，无法判断是否在签收后"
        case .mismatchUnspecified: return en ? "claim does not name the item and what arrived" : "诉求未注明不符项目及实物情况"
        case .arrivedAsConfirmed(let k): return en ? "\(k.rawValue) arrived as confirmed" : "\(k.chineseName)与确认一致"
        case .differsFromConfirmed(let k): return en ? "\(k.rawValue) differs from what was confirmed" : "\(k.chineseName)与确认信息不符"
        }
    }
}

extension PlatformTime {
    /// A duration as hours and minutes: `72h01m`, `5h12m`, `0h00m` (seconds dropped; sign ignored).
    public static func formatDuration(_ seconds: Int64) -> String {
        let s = seconds.magnitude
        let minutes = Int(s % 3600 / 60)
        return "\(s / 3600)h\(minutes < 10 ? "0" : "")\(minutes)m"
    }
}
