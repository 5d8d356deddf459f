/// KS-PET-DISCLOSE, KS-PET-CONFIRM, KS-PET-ID, KS-PET-PRESHIP and KS-PET-SHIP-UNCONFIRMED: the checklist (standard §3).
extension Rule {
    /// The rules of this family, in the order of the standard.
    static let checklistFamily: [Rule] = [
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
    ]
}
