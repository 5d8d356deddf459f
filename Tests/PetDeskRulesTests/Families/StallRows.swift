import PetDeskRules

/// The table rows of the stall family (Sources/PetDeskRules/Families/Stall), each on one side of one boundary.
let stallRows: [RuleRow] = [
    // KS-PET-STALL-72H
    RuleRow("KS-PET-STALL-72H: gap of exactly 72h is not a stall", at: "2022-08-05T10:00:00+08:00", .notFired) {
        Base.stalled(resumed: "2022-08-05T09:00:00+08:00")
    },
    RuleRow("KS-PET-STALL-72H: gap of 72h 1 s is a stall", at: "2022-08-05T10:00:00+08:00", .fired) {
        Base.stalled(resumed: "2022-08-05T09:00:01+08:00")
    },
    RuleRow("KS-PET-STALL-72H: in transit, 72h after the last scan is not yet a stall", at: "2022-08-05T09:00:00+08:00", .notFired) {
        Base.stalled()
    },
    RuleRow("KS-PET-STALL-72H: in transit, 72h 1 s after the last scan is a stall", at: "2022-08-05T09:00:01+08:00", .fired) {
        Base.stalled()
    },
    RuleRow("KS-PET-STALL-72H: tracking null is unknown even for a short transit", at: later, .unknown) {
        var c = Base.confirmed(); c.tracking = nil; return c
    },
    RuleRow("KS-PET-STALL-72H: tracking [] with a short transit is no stall", at: later, .notFired) {
        var c = Base.confirmed(); c.tracking = []; c.delivery.offeredAt = instant("2022-08-02T10:00:00+08:00"); return c
    },
    // KS-PET-STALL-REPLY-24H (stall after 08-02 09:00: established 08-05 09:00, reply due 08-06 09:00)
    RuleRow("KS-PET-STALL-REPLY-24H: reply at +24h exactly answers", at: "2022-08-07T09:00:00+08:00", .notFired, outcome: .monitor) {
        var c = Base.stalled(resumed: "2022-08-06T10:00:00+08:00"); c.stallReplies = [Base.reply("2022-08-06T09:00:00+08:00")]; return c
    },
    RuleRow("KS-PET-STALL-REPLY-24H: reply at +24h 1 s is too late", at: "2022-08-07T09:00:00+08:00", .fired, outcome: .buyerMayRefuse) {
        var c = Base.stalled(resumed: "2022-08-06T10:00:00+08:00"); c.stallReplies = [Base.reply("2022-08-06T09:00:01+08:00")]; return c
    },
    RuleRow("KS-PET-STALL-REPLY-24H: unanswered, at the deadline itself nothing has vested", at: "2022-08-06T09:00:00+08:00", .notFired) {
        Base.stalled()
    },
    RuleRow("KS-PET-STALL-REPLY-24H: unanswered, 1 s after the deadline it vests", at: "2022-08-06T09:00:01+08:00", .fired) {
        Base.stalled()
    },
    RuleRow("KS-PET-STALL-REPLY-24H: established mode vests at 72h 1 s", at: "2022-08-05T09:00:01+08:00",
            params: ["stall_vests_at": "established"], .fired) { Base.stalled() },
    RuleRow("KS-PET-STALL-REPLY-24H: established mode, not at 72h exactly", at: "2022-08-05T09:00:00+08:00",
            params: ["stall_vests_at": "established"], .notFired) { Base.stalled() },
    RuleRow("KS-PET-STALL-REPLY-24H: an off-platform reply does not answer", at: "2022-08-07T09:00:00+08:00", .fired) {
        var c = Base.stalled(); c.stallReplies = [Base.reply("2022-08-05T12:00:00+08:00", channel: .offPlatform)]; return c
    },
    RuleRow("KS-PET-STALL-REPLY-24H: a reply without the courier result does not answer", at: "2022-08-07T09:00:00+08:00", .fired) {
        var c = Base.stalled(); c.stallReplies = [Base.reply("2022-08-05T12:00:00+08:00", courierResult: " ")]; return c
    },
    RuleRow("KS-PET-STALL-REPLY-24H: a reply before the last update answers nothing", at: "2022-08-07T09:00:00+08:00", .fired) {
        var c = Base.stalled(); c.stallReplies = [Base.reply("2022-08-02T08:00:00+08:00")]; return c
    },
    RuleRow("KS-PET-STALL-REPLY-24H: a reply of unknown channel is unknown", at: "2022-08-07T09:00:00+08:00", .unknown) {
        var c = Base.stalled(); c.stallReplies = [Base.reply("2022-08-05T12:00:00+08:00", channel: nil)]; return c
    },
    RuleRow("KS-PET-STALL-REPLY-24H: the ground does not lapse when tracking resumes", at: "2022-08-07T09:00:00+08:00", .fired) {
        Base.stalled(resumed: "2022-08-06T10:00:00+08:00")
    },
    RuleRow("KS-PET-STALL-REPLY-24H: after signing it is only a violation", at: "2022-08-08T09:00:00+08:00", .fired, outcome: .monitor) {
        var c = Base.stalled(resumed: "2022-08-06T10:00:00+08:00")
        c.delivery.offeredAt = instant("2022-08-07T10:00:00+08:00"); c.delivery.signedAt = c.delivery.offeredAt
        return c
    },
    // §6: a stall reply obligation lapses unbroken when the pet is offered before it is due.
    RuleRow("KS-PET-STALL-REPLY-24H: offered at the reply deadline, the obligation lapsed (§6)", at: later, .notFired,
            outcome: .buyerLiableCapped) {
        var c = Base.stalled(); c.delivery.offeredAt = instant("2022-08-06T09:00:00+08:00")
        c.delivery.refusedAt = c.delivery.offeredAt; c.claim = Claim(type: .refuse, at: c.delivery.offeredAt); return c
    },
    RuleRow("KS-PET-STALL-REPLY-24H: offered 1 s after the reply deadline, the ground held (§6)", at: later, .fired,
            outcome: .fullRefund) {
        var c = Base.stalled(); c.delivery.offeredAt = instant("2022-08-06T09:00:01+08:00")
        c.delivery.refusedAt = c.delivery.offeredAt; c.claim = Claim(type: .refuse, at: c.delivery.offeredAt); return c
    },
]
