import PetDeskRules

/// The table rows of the claims family (Sources/PetDeskRules/Families/Claims), each on one side of one boundary.
let claimsRows: [RuleRow] = [
    // KS-PET-REFUSAL-UNJUSTIFIED
    RuleRow("KS-PET-REFUSAL-UNJUSTIFIED: refusal with no ground", at: later, .fired, outcome: .buyerLiableCapped) { Base.refused() },
    RuleRow("KS-PET-REFUSAL-UNJUSTIFIED: refusal after late delivery is justified", at: later, .notFired, outcome: .fullRefund) {
        Base.refused(offeredAt: "2022-08-10T10:00:00+08:00")
    },
    // KS-PET-BUYER-SILENT-48H (t1 = 08-01 11:00, window ends 08-03 11:00)
    RuleRow("KS-PET-BUYER-SILENT-48H: second contact at t1 + 48h is inside the window", at: later, .fired, outcome: .notDelayedShipment) {
        silent(second: "2022-08-03T11:00:00+08:00", reply: nil)
    },
    RuleRow("KS-PET-BUYER-SILENT-48H: second contact at t1 + 48h 1 s is outside", at: later, .notFired, outcome: .deferGeneral) {
        silent(second: "2022-08-03T11:00:01+08:00", reply: nil)
    },
    RuleRow("KS-PET-BUYER-SILENT-48H: a reply at t1 + 48h defeats the silence", at: later, .notFired) {
        silent(second: "2022-08-02T11:00:00+08:00", reply: "2022-08-03T11:00:00+08:00")
    },
    RuleRow("KS-PET-BUYER-SILENT-48H: a reply at t1 + 48h 1 s does not", at: later, .fired) {
        silent(second: "2022-08-02T11:00:00+08:00", reply: "2022-08-03T11:00:01+08:00")
    },
    RuleRow("KS-PET-BUYER-SILENT-48H: a reply before t1 defeats it too", at: later, .notFired) {
        silent(second: "2022-08-02T11:00:00+08:00", reply: "2022-08-01T10:00:00+08:00")
    },
    RuleRow("KS-PET-BUYER-SILENT-48H: a contact of unknown channel does not count", at: later, .notFired) {
        var c = silent(second: "2022-08-02T11:00:00+08:00", reply: nil); c.contacts![1].channel = nil; return c
    },
    // KS-PET-MISMATCH
    RuleRow("KS-PET-MISMATCH: arrived as confirmed (trimmed) is not supported", at: later, .fired, outcome: .claimNotSupported) {
        mismatch(actual: " 无血统证书 ")
    },
    RuleRow("KS-PET-MISMATCH: differs from what was confirmed defers", at: later, .notFired, outcome: .deferGeneral) {
        mismatch(actual: "血统证书是假的")
    },
    RuleRow("KS-PET-MISMATCH: a mismatch claim that proves a refund ground is not a mismatch", at: later, .notFired, outcome: .fullRefund) {
        var c = Base.refused(offeredAt: "2022-08-10T10:00:00+08:00"); c.claim!.type = .mismatch; return c
    },
    // KS-PET-NO-NR-RETURN
    RuleRow("KS-PET-NO-NR-RETURN: no-reason return after signing", at: later, .fired, outcome: .claimNotSupported) {
        var c = Base.confirmed(); c.delivery.signedAt = c.delivery.offeredAt
        c.claim = Claim(type: .noReasonReturn, at: instant("2022-08-05T10:00:00+08:00")); return c
    },
    RuleRow("KS-PET-NO-NR-RETURN: before signing with no ground it is the deciding rule (§8.20)", at: later, .fired, outcome: .claimNotSupported) {
        var c = Base.confirmed(); c.claim = Claim(type: .noReasonReturn, at: instant("2022-08-05T10:00:00+08:00")); return c
    },
    // KS-PET-DOA / KS-PET-ILLNESS
    RuleRow("KS-PET-DOA: death claim after signing defers", at: later, .fired, outcome: .deferGeneral) {
        var c = Base.confirmed(); c.delivery.signedAt = c.delivery.offeredAt
        c.claim = Claim(type: .doa, at: instant("2022-08-04T11:00:00+08:00")); return c
    },
    RuleRow("KS-PET-DOA: refused dead on arrival after late delivery is a full refund", at: later, .notFired, outcome: .fullRefund) {
        var c = Base.refused(offeredAt: "2022-08-10T10:00:00+08:00"); c.claim!.type = .doa; return c
    },
    RuleRow("KS-PET-ILLNESS: illness claim after signing defers", at: later, .fired, outcome: .deferGeneral) {
        var c = Base.confirmed(); c.delivery.signedAt = c.delivery.offeredAt
        c.claim = Claim(type: .illness, at: instant("2022-08-04T11:00:00+08:00")); return c
    },
    RuleRow("KS-PET-ILLNESS: no illness claim, no finding", at: later, .notFired, outcome: .monitor) { Base.confirmed() },
    // §8.14: the silence holds only if its window closed before the buyer's claim.
    RuleRow("KS-PET-BUYER-SILENT-48H: a claim at t1 + 48h is the buyer acting (§8.14)", at: later, .notFired, outcome: .deferGeneral) {
        silentCase(claim: "2022-08-03T11:00:00+08:00")
    },
    RuleRow("KS-PET-BUYER-SILENT-48H: a claim at t1 + 48h 1 s comes after the window (§8.14)", at: later, .fired,
            outcome: .notDelayedShipment) {
        silentCase(claim: "2022-08-03T11:00:01+08:00")
    },
    // §8.16: absent contacts mean none were recorded.
    RuleRow("KS-PET-BUYER-SILENT-48H: contacts absent means none (§8.16)", at: later, .notFired, outcome: .deferGeneral) {
        var c = silentCase(claim: "2022-08-05T11:00:00+08:00"); c.contacts = nil; return c
    },
    // §8.20.
    RuleRow("KS-PET-NO-NR-RETURN: before signing a proven ground wins (§8.20)", at: later, .notFired, outcome: .fullRefund) {
        var c = Base.refused(offeredAt: "2022-08-09T12:00:00+08:00"); c.delivery.refusedAt = nil
        c.claim = Claim(type: .noReasonReturn, at: instant("2022-08-09T12:10:00+08:00")); return c
    },
]
