import PetDeskRules

/// The table rows of the checklist family (Sources/PetDeskRules/Families/Checklist), each on one side of one boundary.
let checklistRows: [RuleRow] = [
    // KS-PET-DISCLOSE
    RuleRow("KS-PET-DISCLOSE: purchase process missing is a violation", at: later, .fired) {
        var c = Base.confirmed(); c.checklist[.purchaseProcess] = ChecklistEntry(status: .missing); return c
    },
    RuleRow("KS-PET-DISCLOSE: done on the detail page is no violation", at: later, .notFired) { Base.confirmed() },
    RuleRow("KS-PET-DISCLOSE: done with channel off_platform counts as off-platform", at: later, .fired) {
        var c = Base.confirmed(); c.checklist[.purchaseProcess].channel = .offPlatform; return c
    },
    // KS-PET-CONFIRM
    RuleRow("KS-PET-CONFIRM: identity missing is a gap", at: later, .fired) {
        var c = Base.confirmed(); c.checklist[.identity] = ChecklistEntry(status: .missing); return c
    },
    RuleRow("KS-PET-CONFIRM: all eight confirmed before shipment", at: later, .notFired) { Base.confirmed() },
    RuleRow("KS-PET-CONFIRM: age unknown but birth date confirmed is no gap", at: later, .notFired) {
        var c = Base.confirmed(); c.checklist.remove(.age); return c
    },
    RuleRow("KS-PET-CONFIRM: age unknown and birth date unknown is unknown", at: later, .unknown) {
        var c = Base.confirmed(); c.checklist.remove(.age); c.checklist.remove(.birthDate); return c
    },
    // KS-PET-ID
    RuleRow("KS-PET-ID: leg ring (kind other) fires the identity reading", at: later, .fired) {
        var c = Base.confirmed(); c.checklist[.identity].kind = .other; return c
    },
    RuleRow("KS-PET-ID: chip does not", at: later, .notFired) { Base.confirmed() },
    // KS-PET-PRESHIP
    RuleRow("KS-PET-PRESHIP: packaging video off-platform is a gap", at: later, .fired) {
        var c = Base.confirmed(); c.checklist[.packagingVideo] = ChecklistEntry(status: .offPlatform); return c
    },
    RuleRow("KS-PET-PRESHIP: all seven told before shipment", at: later, .notFired) { Base.confirmed() },
    // KS-PET-SHIP-UNCONFIRMED
    RuleRow("KS-PET-SHIP-UNCONFIRMED: item done at the shipping instant is not before shipment", at: later, .fired, outcome: .fullRefund) {
        var c = Base.refused(); c.checklist[.sex].at = instant("2022-08-01T14:00:00+08:00"); return c
    },
    RuleRow("KS-PET-SHIP-UNCONFIRMED: item done 1 s before shipping is before shipment", at: later, .notFired, outcome: .buyerLiableCapped) {
        var c = Base.refused(); c.checklist[.sex].at = instant("2022-08-01T13:59:59+08:00"); return c
    },
    RuleRow("KS-PET-SHIP-UNCONFIRMED: an unknown item makes the ground unknown", at: later, .unknown, outcome: .needsEvidence) {
        var c = Base.refused(); c.checklist.remove(.careNotes); return c
    },
    RuleRow("KS-PET-SHIP-UNCONFIRMED: a missing item proves it even beside unknown ones", at: later, .fired, outcome: .fullRefund) {
        var c = Base.refused(); c.checklist.remove(.careNotes); c.checklist[.breed] = ChecklistEntry(status: .missing); return c
    },
    RuleRow("KS-PET-SHIP-UNCONFIRMED: not shipped does not apply", at: later, .notApplicable) {
        var c = Base.confirmed(); c.shipment = Shipment(); c.tracking = []; c.delivery = Delivery(); return c
    },
    // §8.19: a confirmation before payment still precedes shipment.
    RuleRow("KS-PET-SHIP-UNCONFIRMED: confirmed before payment counts (§8.19)", at: later, .notFired, outcome: .buyerLiableCapped) {
        var c = Base.refused(); c.checklist[.sex].at = instant("2022-07-31T09:00:00+08:00"); return c
    },
    // §8.21: an unknown shipping instant matters only if the answer differs within its range.
    RuleRow("KS-PET-SHIP-UNCONFIRMED: done before payment with shipped_at unknown is done (§8.21)", at: later, .notFired,
            outcome: .buyerLiableCapped) {
        var c = Base.refused(); c.shipment.shippedAt = nil
        for k in ChecklistKey.allCases where k != .purchaseProcess { c.checklist[k].at = instant("2022-08-01T09:59:59+08:00") }
        return c
    },
    RuleRow("KS-PET-SHIP-UNCONFIRMED: done between payment and first scan with shipped_at unknown is unknown (§8.21)", at: later,
            .unknown, outcome: .needsEvidence) {
        var c = Base.refused(); c.shipment.shippedAt = nil; return c  // items at 11:00, first scan 15:00
    },
    // §8.22: age and birth date.
    RuleRow("KS-PET-CONFIRM: age missing, birth date unknown is unknown (§8.22)", at: later, .unknown) {
        var c = Base.confirmed(); c.checklist[.age] = ChecklistEntry(status: .missing); c.checklist.remove(.birthDate); return c
    },
    RuleRow("KS-PET-CONFIRM: age missing, birth date confirmed is done (§8.22)", at: later, .notFired) {
        var c = Base.confirmed(); c.checklist[.age] = ChecklistEntry(status: .missing); return c
    },
]
