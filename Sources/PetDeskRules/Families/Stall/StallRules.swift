/// KS-PET-STALL-72H and KS-PET-STALL-REPLY-24H: logistics stalls and the merchant's reply (standard §4, §6).
extension Rule {
    /// The rules of this family, in the order of the standard.
    static let stallFamily: [Rule] = [
    Rule(id: .stall, source: .announcement2022, citation: "2022 物流停滞",
         chineseText: "如商品在配送途中出现物流停滞(超72小时无流转信息)情况。",
         englishSummary: "A gap strictly over 72h between logistics events (or to now, in transit) is a stall episode."),
    Rule(id: .stallReply, source: .announcement2022, citation: "2022 物流停滞答复",
         chineseText: "商户应在24小时内，提供物流停滞原因和联系快递处理的结果，否则，买家有权拒收商品，商户应为买家办理全额退款。",
         englishSummary: "Within 24h of a stall the merchant gives, on the platform, the reason and the courier result; otherwise the buyer may refuse for a full refund.",
         isRefundGround: true),
    ]
}
