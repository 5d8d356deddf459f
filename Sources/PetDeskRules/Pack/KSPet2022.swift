extension RulePack {
    /// KS-PET-2022: Kuaishou store's pet-category dispute standard (2022-07-23), completed by the
    /// 2021 clauses it does not repeat, with our readings as parameters.
    public static let ksPet2022 = RulePack(
        id: "KS-PET-2022",
        title: "快手小店宠物类纠纷处理标准 (2022-07-23) + 2021 规范",
        rules: ksPet2022Rules,
        parameters: Parameters(),
        evaluator: { kase, parameters, at in
            KSPet2022Evaluator.evaluate(kase, parameters: parameters, packID: "KS-PET-2022", at: at)
        }
    )

    /// Every pack shipped with petdesk.
    public static let all: [RulePack] = [.ksPet2022]
}

let ksPet2022Rules: [Rule] = [
    Rule(id: .scope, source: .announcement2022, citation: "2022 适用范围",
         chineseText: "适用于发布在或应发布在快手小店以下类目的商品纠纷：二级类目宠物活体，以及三级类目动物种苗。",
         englishSummary: "Applies to goods listed (or that should be listed) under L2 宠物活体 or L3 动物种苗; otherwise OUT_OF_SCOPE."),
    Rule(id: .precedence, source: .text2021, citation: "2021 §1.2",
         chineseText: "本规范有规定的，从其规定；本规范未规定的，适用平台通用规则。",
         englishSummary: "Where this standard has a rule it prevails; where it has none, defer to the general rules."),
    Rule(id: .disclose, source: .announcement2022, citation: "2022 商详告知",
         chineseText: "商户须在商详页面或通过客服消息告知买家购买流程和须知。",
         englishSummary: "The purchase process and notes must be told on the detail page or in CS messages. Flag only."),
    Rule(id: .confirm, source: .announcement2022, citation: "2022 下单后确认",
         chineseText: "买家下单后商户须联系确认商品信息，包括且不限于宠物身份信息(芯片码或鼻纹信息等)、疫苗接种情况、出生日期、年龄、性别、品种、血统证明以及其他费用等。",
         englishSummary: "After the order the merchant confirms identity, vaccination, birth date, age, sex, breed, pedigree and other fees."),
    Rule(id: .identity, source: .reading, citation: "2022 宠物身份信息 [reading]",
         chineseText: "宠物身份信息(芯片码或鼻纹信息等)。",
         englishSummary: "Chip or nose print satisfies identity; a leg ring, ear tag or batch id also does, flagged identity_other."),
    Rule(id: .preShip, source: .announcement2022, citation: "2022 发货前告知交付标准",
         chineseText: "商户发货前须通过客服消息告知买家宠物交付标准，例如宠物全面体检和排畸、宠物全面视频、发货时间、包装视频、运输方式和预计到货时间区间以及宠物注意事项等。",
         englishSummary: "Before shipping the merchant tells the delivery standard: health check, full video, ship time, packaging video, transport, arrival window, care notes."),
    Rule(id: .shipUnconfirmed, source: .reading, citation: "2021 附注 [reading]",
         chineseText: "以上信息买家确认无误后，商户方可发货…若商户未联系买家直接发货，导致的商品或资金的损失一律由商户承担。",
         englishSummary: "Shipping while any confirmation or pre-shipment item was not done before shipment is a refund ground.",
         isRefundGround: true),
    Rule(id: .cancel, source: .announcement2022, citation: "2022 发货前取消",
         chineseText: "买家在商户发货前取消订单，应在取得同意后再发货，否则要求退货退款的，商户应向买家全额退款。",
         englishSummary: "A cancellation before shipment needs on-platform consent before shipping; otherwise a return-and-refund gets a full refund.",
         isRefundGround: true),
    Rule(id: .delivery, source: .announcement2022, citation: "2022 配送时效",
         chineseText: "应在7天内为买家完成配送，交易双方就配送周期另有约定的以约定时间为准，如商户的配送周期超出7天或超出双方约定时间的，买家有权拒收商品，商户应为买家办理全额退款。",
         englishSummary: "Deliver (first offer) within 7 days of shipment or the on-platform agreed period; otherwise the buyer may refuse for a full refund.",
         isRefundGround: true),
    Rule(id: .stall, source: .announcement2022, citation: "2022 物流停滞",
         chineseText: "如商品在配送途中出现物流停滞(超72小时无流转信息)情况。",
         englishSummary: "A gap strictly over 72h between logistics events (or to now, in transit) is a stall episode."),
    Rule(id: .stallReply, source: .announcement2022, citation: "2022 物流停滞答复",
         chineseText: "商户应在24小时内，提供物流停滞原因和联系快递处理的结果，否则，买家有权拒收商品，商户应为买家办理全额退款。",
         englishSummary: "Within 24h of a stall the merchant gives, on the platform, the reason and the courier result; otherwise the buyer may refuse for a full refund.",
         isRefundGround: true),
    Rule(id: .refusalUnjustified, source: .text2021, citation: "2021 §2.2.1",
         chineseText: "发货后买家拒签或拒收造成损失，双方优先协商处理，若出现纠纷，买家须承担商户所有损失，补偿金额不超过订单总额。",
         englishSummary: "A refusal without a ground: negotiate first; the buyer bears the merchant's losses, at most the order total."),
    Rule(id: .buyerSilent, source: .text2021, citation: "2021 附注",
         chineseText: "若商户多次联系买家，买家在48小时内未做处理的情况下，导致超时未发货，则不判定延迟发货。",
         englishSummary: "Two or more on-platform contacts within 48h of the first and no buyer reply: late shipment is excused."),
    Rule(id: .mismatch, source: .text2021, citation: "2021 §2.2.2 (text incomplete)",
         chineseText: "买家签收后，宠物与确认信息不符的……",
         englishSummary: "After signing, a pet that differs from what was confirmed goes to general rules; one that arrived as confirmed is not a mismatch."),
    Rule(id: .noReasonReturn, source: .law, citation: "消费者权益保护法 第25条 (鲜活易腐)",
         chineseText: "鲜活易腐的商品不适用七日无理由退货。",
         englishSummary: "Live animals are perishable: no 7-day no-reason return (subjective reasons included) after signing."),
    Rule(id: .deadOnArrival, source: .reading, citation: "no clause in KS-PET-2022",
         chineseText: "本标准无到货死亡条款。",
         englishSummary: "Death on arrival has no clause in this pack: defer to general rules or a senior agent."),
    Rule(id: .illness, source: .reading, citation: "no clause in KS-PET-2022",
         chineseText: "本标准无到货患病条款。",
         englishSummary: "Illness after arrival has no clause in this pack: defer to general rules or a senior agent."),
]
