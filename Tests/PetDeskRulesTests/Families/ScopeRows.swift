import PetDeskRules

/// The table rows of the scope family (Sources/PetDeskRules/Families/Scope), each on one side of one boundary.
let scopeRows: [RuleRow] = [
    // KS-PET-SCOPE
    RuleRow("KS-PET-SCOPE: L2 宠物活体 is in scope", at: later, .notFired) { Base.confirmed() },
    RuleRow("KS-PET-SCOPE: L3 动物种苗 is in scope", at: later, .notFired) {
        var c = Base.confirmed(); c.categoryPath = ["农资绿植", "畜牧养殖", "动物种苗", "鸡苗"]; c.itemKind = nil; return c
    },
    RuleRow("KS-PET-SCOPE: cat food (item_kind other) is out of scope", at: later, .fired, outcome: .outOfScope) {
        var c = Base.confirmed(); c.categoryPath = ["宠物生活", "宠物主粮", "猫主粮"]; c.itemKind = .other; return c
    },
    RuleRow("KS-PET-SCOPE: a mis-listed animal (item_kind live_pet) is in scope", at: later, .notFired) {
        var c = Base.confirmed(); c.categoryPath = ["宠物生活", "宠物用品", "猫砂"]; c.itemKind = .livePet; return c
    },
    // KS-PET-PRECEDENCE
    RuleRow("KS-PET-PRECEDENCE: late shipment without buyer silence defers, after the rule that decided (§8.14)", at: later,
            .fired, outcome: .deferGeneral) {
        var c = Base.confirmed(); c.claim = Claim(type: .lateShipment, at: instant("2022-08-04T18:00:00+08:00")); return c
    },
    RuleRow("KS-PET-PRECEDENCE: late shipment excused by silence does not defer", at: later, .notFired, outcome: .notDelayedShipment) {
        var c = Base.confirmed()
        c.contacts = [Contact(at: instant("2022-08-01T11:00:00+08:00"), channel: .platform),
                      Contact(at: instant("2022-08-02T11:00:00+08:00"), channel: .platform)]
        c.buyerFirstReplyAt = nil
        c.claim = Claim(type: .lateShipment, at: instant("2022-08-04T18:00:00+08:00"))
        return c
    },
]
