/// KS-PET-CANCEL: a cancellation before shipment (standard §4, §8.8, §8.23).
extension Rule {
    /// The rules of this family, in the order of the standard.
    static let cancelFamily: [Rule] = [
    Rule(id: .cancel, source: .announcement2022, citation: "2022 发货前取消",
         chineseText: "买家在商户发货前取消订单，应在取得同意后再发货，否则要求退货退款的，商户应向买家全额退款。",
         englishSummary: "A cancellation before shipment needs on-platform consent before shipping; otherwise a return-and-refund gets a full refund.",
         isRefundGround: true),
    ]
}
