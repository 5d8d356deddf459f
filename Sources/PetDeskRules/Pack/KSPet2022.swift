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
        },
        ruling: { kase, parameters, at in
            KSPet2022Evaluator.ruling(kase, parameters: parameters, at: at)
        },
        standing: { kase, parameters, at in
            KSPet2022Evaluator.standing(kase, parameters: parameters, at: at)
        }
    )

    /// Every pack shipped with petdesk.
    public static let all: [RulePack] = [.ksPet2022]
}

/// Every rule of KS-PET-2022, family by family, in the order of the standard.
let ksPet2022Rules: [Rule] = Rule.scopeFamily + Rule.checklistFamily + Rule.cancelFamily + Rule.deliveryFamily
    + Rule.stallFamily + Rule.claimsFamily
