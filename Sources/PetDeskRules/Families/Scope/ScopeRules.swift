/// KS-PET-SCOPE and KS-PET-PRECEDENCE: when the standard applies and what it leaves to the general rules.
extension Rule {
    /// The rules of this family, in the order of the standard.
    static let scopeFamily: [Rule] = [
    Rule(id: .scope, source: .announcement2022, citation: "2022 适用范围",
         chineseText: "适用于发布在或应发布在快手小店以下类目的商品纠纷：二级类目宠物活体，以及三级类目动物种苗。",
         englishSummary: "Applies to goods listed (or that should be listed) under L2 宠物活体 or L3 动物种苗; otherwise OUT_OF_SCOPE."),
    Rule(id: .precedence, source: .text2021, citation: "2021 §1.2",
         chineseText: "本规范有规定的，从其规定；本规范未规定的，适用平台通用规则。",
         englishSummary: "Where this standard has a rule it prevails; where it has none, defer to the general rules."),
    ]
}
