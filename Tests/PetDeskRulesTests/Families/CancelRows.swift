import PetDeskRules

/// The table rows of the cancel family (Sources/PetDeskRules/Families/Cancel), each on one side of one boundary.
let cancelRows: [RuleRow] = [
    // KS-PET-CANCEL
    RuleRow("KS-PET-CANCEL: cancelled 1 s before shipping, no consent", at: later, .fired, outcome: .fullRefund) {
        var c = Base.refused(); c.cancellation = Cancellation(requestedAt: instant("2022-08-01T13:59:59+08:00")); return c
    },
    RuleRow("KS-PET-CANCEL: cancelled at the shipping instant is after shipment", at: later, .notApplicable) {
        var c = Base.refused(); c.cancellation = Cancellation(requestedAt: instant("2022-08-01T14:00:00+08:00")); return c
    },
    RuleRow("KS-PET-CANCEL: on-platform consent before shipping", at: later, .notFired) {
        var c = Base.refused()
        c.cancellation = Cancellation(requestedAt: instant("2022-08-01T12:00:00+08:00"),
                                      consentAt: instant("2022-08-01T13:00:00+08:00"), consentChannel: .platform)
        return c
    },
    RuleRow("KS-PET-CANCEL: off-platform consent counts as none", at: later, .fired) {
        var c = Base.refused()
        c.cancellation = Cancellation(requestedAt: instant("2022-08-01T12:00:00+08:00"),
                                      consentAt: instant("2022-08-01T13:00:00+08:00"), consentChannel: .offPlatform)
        return c
    },
    RuleRow("KS-PET-CANCEL: consent of unknown channel is unknown", at: later, .unknown, outcome: .needsEvidence) {
        var c = Base.refused()
        c.cancellation = Cancellation(requestedAt: instant("2022-08-01T12:00:00+08:00"),
                                      consentAt: instant("2022-08-01T13:00:00+08:00"), consentChannel: nil)
        return c
    },
    RuleRow("KS-PET-CANCEL: cancelled, never shipped, refund refused holds", at: later, .fired, outcome: .fullRefund) {
        var c = Base.confirmed(); c.shipment = Shipment(); c.tracking = []; c.delivery = Delivery()
        c.cancellation = Cancellation(requestedAt: instant("2022-08-01T12:00:00+08:00"))
        c.claim = Claim(type: .refundOnly, at: instant("2022-08-03T12:00:00+08:00"))
        return c
    },
    RuleRow("KS-PET-CANCEL: survives signing by default", at: later, .fired, outcome: .fullRefund) {
        var c = Base.confirmed(); c.delivery.signedAt = c.delivery.offeredAt
        c.cancellation = Cancellation(requestedAt: instant("2022-08-01T12:00:00+08:00"))
        c.claim = Claim(type: .returnRefund, at: instant("2022-08-05T10:00:00+08:00"))
        return c
    },
    RuleRow("KS-PET-CANCEL: lost at signing with cancel_survives_signing=false", at: later,
            params: ["cancel_survives_signing": "false"], .notFired, outcome: .claimNotSupported) {
        var c = Base.confirmed(); c.delivery.signedAt = c.delivery.offeredAt
        c.cancellation = Cancellation(requestedAt: instant("2022-08-01T12:00:00+08:00"))
        c.claim = Claim(type: .returnRefund, at: instant("2022-08-05T10:00:00+08:00"))
        return c
    },
    RuleRow("KS-PET-CANCEL: cancelled after the first scan with shipped_at unknown is after shipment (§8.21)", at: later,
            .notApplicable, outcome: .buyerLiableCapped) {
        var c = Base.refused(); c.shipment.shippedAt = nil
        for k in ChecklistKey.allCases where k != .purchaseProcess { c.checklist[k].at = nil }
        c.cancellation = Cancellation(requestedAt: instant("2022-08-01T15:00:00+08:00"))
        return c
    },
    RuleRow("KS-PET-CANCEL: cancelled before the first scan with shipped_at unknown is unknown (§8.21)", at: later,
            .unknown, outcome: .needsEvidence) {
        var c = Base.refused(); c.shipment.shippedAt = nil
        for k in ChecklistKey.allCases where k != .purchaseProcess { c.checklist[k].at = nil }
        c.cancellation = Cancellation(requestedAt: instant("2022-08-01T14:59:59+08:00"))
        return c
    },
    // §8.23: a refund asked for before shipping is a cancellation.
    RuleRow("KS-PET-CANCEL: refund asked before shipping, still unshipped, defers citing CANCEL (§8.23)", at: later, .notFired,
            outcome: .deferGeneral) {
        unshippedRefund()
    },
    RuleRow("KS-PET-CANCEL: refund asked before shipping, shipped anyway, is a full refund (§8.23)", at: later, .fired,
            outcome: .fullRefund) {
        var c = unshippedRefund(); c.shipment.shippedAt = instant("2022-08-02T14:00:00+08:00"); return c
    },
]
