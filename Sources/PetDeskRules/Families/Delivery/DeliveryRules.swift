/// KS-PET-DELIVERY-7D: the delivery period (standard §4, §6).
extension Rule {
    /// The rules of this family, in the order of the standard.
    static let deliveryFamily: [Rule] = [
    Rule(id: .delivery, source: .announcement2022, citation: "2022 配送时效",
         chineseText: "应在7天内为买家完成配送，交易双方就配送周期另有约定的以约定时间为准，如商户的配送周期超出7天或超出双方约定时间的，买家有权拒收商品，商户应为买家办理全额退款。",
         englishSummary: "Deliver (first offer) within 7 days of shipment or the on-platform agreed period; otherwise the buyer may refuse for a full refund.",
         isRefundGround: true),
    ]
}
