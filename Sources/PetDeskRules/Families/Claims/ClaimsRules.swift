/// The buyer's claims: refusal, silence, mismatch, no-reason return, death and illness (standard §4, §5).
extension Rule {
    /// The rules of this family, in the order of the standard.
    static let claimsFamily: [Rule] = [
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
}
