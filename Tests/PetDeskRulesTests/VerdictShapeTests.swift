import PetDeskRules
import Testing

/// Flags, timers and the verdict contract.
struct VerdictShapeTests {
    @Test func groundsThatHeldAtSigningAreFlaggedAfterSigning() throws {
        let v = try verdict(try Fixtures.kase("P19.json"), at: "2022-08-09T10:00:00+08:00")
        #expect(v.outcome == .claimNotSupported)
        #expect(v.grounds.isEmpty)
        #expect(v.flags.map(\.description) == ["merchant_violation:KS-PET-STALL-REPLY-24H"])
    }

    @Test func offPlatformEvidenceRaisesTheFlag() throws {
        var c = Base.confirmed()
        c.contacts!.append(Contact(at: instant("2022-08-01T12:00:00+08:00"), channel: .offPlatform))
        let v = try verdict(c, at: later)
        #expect(v.flags.map(\.description) == ["offplatform_evidence_present"])
    }

    @Test func identityOtherIsFlaggedAndSatisfies() throws {
        var c = Base.refused()
        c.checklist[.identity].kind = .other
        let v = try verdict(c, at: later)
        #expect(v.outcome == .buyerLiableCapped)
        #expect(v.flags.map(\.description) == ["identity_other"])
        let strict = try verdict(c, at: later, params: ["identity_other_satisfies": "false"])
        #expect(strict.outcome == .fullRefund)
        #expect(strict.grounds.map(\.rawValue) == ["KS-PET-SHIP-UNCONFIRMED"])
    }

    @Test func disclosureMissingIsFlaggedOnly() throws {
        var c = Base.refused()
        c.checklist[.purchaseProcess] = ChecklistEntry(status: .missing)
        let v = try verdict(c, at: later)
        #expect(v.outcome == .buyerLiableCapped)
        #expect(v.flags.map(\.description) == ["merchant_violation:KS-PET-DISCLOSE"])
    }

    @Test func lateShipmentExcuseNeverExcusesShippingUnconfirmed() throws {
        var c = try Fixtures.kase("P31.json")
        c.checklist[.identity] = ChecklistEntry(status: .missing)
        let v = try verdict(c, at: "2022-08-04T20:00:00+08:00")
        #expect(v.outcome == .notDelayedShipment)
        #expect(v.flags.map(\.description).contains("merchant_violation:KS-PET-SHIP-UNCONFIRMED"))
    }

    @Test func allProvenGroundsAreListedPrimaryFirst() throws {
        var c = Base.refused(offeredAt: "2022-08-10T10:00:00+08:00")
        c.cancellation = Cancellation(requestedAt: instant("2022-08-01T12:00:00+08:00"))
        c.checklist[.sex] = ChecklistEntry(status: .missing)
        let v = try verdict(c, at: later)
        #expect(v.grounds.map(\.rawValue) == ["KS-PET-CANCEL", "KS-PET-SHIP-UNCONFIRMED", "KS-PET-DELIVERY-7D"])
    }

    @Test func needsEvidenceListsTheUnionOfMissingPaths() throws {
        var c = Base.refused()
        c.tracking = nil
        c.checklist.remove(.careNotes)
        let v = try verdict(c, at: later)
        #expect(v.outcome == .needsEvidence)
        #expect(v.missing.map(\.path) == ["checklist.care_notes", "tracking"])
    }

    @Test func shippedAtNullWithEvidenceOfLeavingIsUnknown() throws {
        var c = Base.refused()
        c.shipment.shippedAt = nil
        let v = try verdict(c, at: later)
        #expect(v.outcome == .needsEvidence)
        #expect(v.missing.contains(.shippedAt))
    }

    @Test func timersOnePerStallEpisode() throws {
        var c = Base.stalled(resumed: "2022-08-06T10:00:00+08:00")
        c.tracking!.append(TrackingEvent(at: instant("2022-08-10T10:00:00+08:00"), text: "scan"))
        let v = try verdict(c, at: "2022-08-10T12:00:00+08:00")
        let kinds = v.timers.map { "\($0.kind.rawValue):\($0.state.rawValue)" }
        #expect(kinds == ["delivery:breached", "stall:resumed", "stall_reply:breached", "stall:resumed",
                          "stall_reply:breached", "stall:running"])
        let reply = try #require(v.timers.first { $0.kind == .stallReply })
        #expect(reply.start?.description == "2022-08-05T09:00:00+08:00")
        #expect(reply.deadline?.instant.description == "2022-08-06T09:00:00+08:00")
    }

    @Test func deliveryTimerCountsDown() throws {
        var c = Base.confirmed()
        c.delivery = Delivery()
        c.tracking = Base.dailyScans(until: instant("2022-08-08T18:00:00+08:00"))
        let v = try verdict(c, at: "2022-08-08T18:48:00+08:00")
        let timer = try #require(v.timers.first { $0.kind == .delivery })
        #expect(timer.state == .running)
        let remaining: Int64 = 5 * 3600 + 12 * 60
        #expect(timer.secondsRemaining(at: v.at) == remaining)
        #expect(v.urgencyDeadline?.description == "2022-08-09T00:00:00+08:00")
    }

    @Test func unshippedOrderHasAPendingDeliveryTimerAndBuyerSilence() throws {
        var c = Base.confirmed()
        c.shipment = Shipment()
        c.tracking = []
        c.delivery = Delivery()
        let v = try verdict(c, at: "2022-08-01T12:00:00+08:00")
        #expect(v.timers.map(\.kind) == [.delivery, .buyerSilent])
        #expect(v.timers[0].state == .pending)
        #expect(v.outcome == .monitor)
    }

    @Test func verdictJSONFollowsTheContract() throws {
        let v = try verdict(try Fixtures.kase("P04.json"), at: later)
        guard case .object(let members) = VerdictEncoder.json(v) else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["order_id", "at", "pack", "outcome", "grounds", "missing", "flags",
                                       "liability_cap", "findings", "timers", "valid_until", "next_steps"])
        let text = JSONWriter.string(VerdictEncoder.json(v))
        #expect(text.contains("\"liability_cap\": \"3000.00\""))
        #expect(text.contains("\"pack\": \"KS-PET-2022\""))
    }

    @Test func evaluationIsPure() throws {
        let c = try Fixtures.kase("P11.json")
        let a = try verdict(c, at: later)
        let b = try verdict(c, at: later)
        #expect(a == b)
    }

    @Test func findingsRenderInBothLanguages() throws {
        let v = try verdict(try Fixtures.kase("P11.json"), at: later)
        let stall = try #require(v.findings.first { $0.rule.rawValue == "KS-PET-STALL-72H" })
        #expect(stall.detail.english == "gap 72h01m after 2022-08-02 09:00")
        #expect(stall.detail.chinese.contains("72h01m"))
    }
}

struct ValueSemanticsTests {
    @Test func aCopiedCaseIsIndependent() {
        let original = Base.confirmed()
        var copy = original
        copy.checklist[.identity] = ChecklistEntry(status: .missing)
        copy.tracking = nil
        #expect(original.checklist[.identity].status == .done)
        #expect(original.tracking?.count == 3)
        #expect(copy != original)
        var again = original
        again.title = original.title
        #expect(again == original)
    }

    @Test func evidenceSetsIterateInTheirFixedOrder() {
        var set = EvidenceSet(.tracking)
        set.insert(.stallReplyChannel(2))
        set.insert(.checklist(.careNotes))
        set.insert(.checklist(.identity))
        set.insert(.tracking)
        #expect(set.map(\.path) == ["checklist.identity", "checklist.care_notes", "tracking", "stall_replies[2].channel"])
        #expect(set.contains(.stallReplyChannel(2)) && !set.contains(.stallReplyChannel(1)))
    }
}

struct TimerHistoryTests {
    @Test func afterSigningTimersAreHistoryAndNothingIsUrgent() throws {
        let v = try verdict(try Fixtures.kase("P19.json"), at: "2022-08-09T10:00:00+08:00")
        #expect(v.timers.contains { $0.kind == .stallReply && $0.state == .breached })
        #expect(v.timers.allSatisfy { $0.isClosed })
        #expect(v.urgencyDeadline == nil)
    }

    @Test func beforeSigningABreachIsUrgent() throws {
        var c = try Fixtures.kase("P19.json")
        c.delivery = Delivery()
        c.claim = nil
        let v = try verdict(c, at: "2022-08-06T12:00:00+08:00")
        #expect(v.timers.contains { $0.kind == .stallReply && $0.state == .breached && !$0.isClosed })
        #expect(v.urgencyDeadline != nil)
    }
}
