/// KS-PET-DISCLOSE, KS-PET-CONFIRM, KS-PET-ID, KS-PET-PRESHIP and KS-PET-SHIP-UNCONFIRMED (standard §3).
extension Facts {
    /// Items the merchant must have done before shipping (CONFIRM then PRESHIP).
    static let shipmentKeys: [ChecklistKey] = ChecklistKey.all.filter { $0.group != .disclosure }
    static let confirmationKeys: [ChecklistKey] = ChecklistKey.all.filter { $0.group == .confirmation }
    static let preShipmentKeys: [ChecklistKey] = ChecklistKey.all.filter { $0.group == .preShipment }

    /// Whether each item counts as done before shipment (§3), indexed by key; before shipping,
    /// `done` so far.
    func satisfactions(at t: Instant) -> ItemSatisfactions {
        t == evaluationInstant ? satisfactionsAtEvaluation : computeSatisfactions(ship: shipState(at: t))
    }

    func computeSatisfactions(ship: ShipState) -> ItemSatisfactions {
        Self.satisfactions(of: kase, parameters, ship: ship)
    }

    static func satisfactions(of kase: Case, _ parameters: Parameters, ship: ShipState) -> ItemSatisfactions {
        var items = ItemSatisfactions()
        // One read of the items in index order, not three lookups by key for each.
        let facts = kase.checklist.itemFacts
        let identity = ChecklistKey.identity.index
        for i in facts.indices {
            items[index: i] = Self.satisfaction(of: facts[i], isIdentity: i == identity, ship: ship, parameters)
        }
        if parameters.ageSatisfiedByBirthDate, items[.age] != .satisfied {
            // A confirmed birth date confirms the age; while the birth date is itself unknown, an
            // age not done is unknown too, with both items listed (§8.22).
            switch items[.birthDate] {
            case .satisfied: items[.age] = .satisfied
            case .unknownItem where items[.age] == .notSatisfied: items[.age] = .unknownItem
            case .unknownShipment where items[.age] == .notSatisfied: items[.age] = .unknownShipment
            default: break
            }
        }
        return items
    }

    private static func satisfaction(of item: Checklist.ItemFacts, isIdentity: Bool, ship: ShipState,
                                     _ parameters: Parameters) -> ItemSatisfaction {
        switch item.status {
        case .missing, .offPlatform:
            return .notSatisfied
        case .unknown:
            return .unknownItem
        case .done:
            if isIdentity, item.kind == .other, !parameters.identityOtherSatisfies { return .notSatisfied }
            guard let doneAt = item.at else { return .satisfied }
            switch ship {
            case .notShipped: return .satisfied
            case .shippedAtUnknown: return .unknownShipment
            case .shipped(let shippedAt): return doneAt < shippedAt ? .satisfied : .notSatisfied
            }
        }
    }

    /// KS-PET-DISCLOSE: a flag only.
    func disclose() -> RuleOutcome {
        switch kase.checklist.effectiveStatus(.purchaseProcess) {
        case .done: RuleOutcome(rule: .disclose, status: .disproven, detail: .disclosureGiven)
        case .missing: RuleOutcome(rule: .disclose, status: .proven, detail: .disclosureMissing)
        case .offPlatform: RuleOutcome(rule: .disclose, status: .proven, detail: .disclosureOffPlatform)
        case .unknown: RuleOutcome(rule: .disclose, status: .unknown(EvidenceSet(.checklist(.purchaseProcess))), detail: .disclosureUnknown)
        }
    }

    /// KS-PET-CONFIRM or KS-PET-PRESHIP: which items of the group were not done before shipment.
    func group(_ group: ChecklistGroup, at t: Instant) -> RuleOutcome {
        overPossibleShipments(at: t, group == .confirmation ? .confirm : .preShip) { $0.groupWithKnownShipment(group, at: t) }
    }

    private func groupWithKnownShipment(_ group: ChecklistGroup, at t: Instant) -> RuleOutcome {
        let rule: RuleID = group == .confirmation ? .confirm : .preShip
        let keys = group == .confirmation ? Self.confirmationKeys : Self.preShipmentKeys
        let items = satisfactions(at: t)
        var notDone = ChecklistKeySet()
        var missing = EvidenceSet()
        for key in keys {
            switch items[key] {
            case .satisfied: break
            case .notSatisfied: notDone.insert(key)
            case .unknownItem: missing.insert(.checklist(key))
            case .unknownShipment: missing.insert(.shippedAt)
            }
        }
        // "Fired" means a gap in the group; SHIP-UNCONFIRMED turns a gap at shipment into a ground.
        if !notDone.isEmpty { return RuleOutcome(rule: rule, status: .proven, detail: .itemsNotDone(notDone)) }
        if !missing.isEmpty { return RuleOutcome(rule: rule, status: .unknown(missing), detail: .itemsUnknown(missing)) }
        return RuleOutcome(rule: rule, status: .disproven, detail: .allItemsDone)
    }

    /// KS-PET-ID: fires when the identity was given by leg ring, ear tag or batch id [reading].
    func identity() -> RuleOutcome { Self.identity(of: kase, parameters) }

    /// KS-PET-ID for `kase` under `parameters` (it depends on nothing else).
    static func identity(of kase: Case, _ parameters: Parameters) -> RuleOutcome {
        let kind = kase.checklist.kind(.identity)
        guard kase.checklist.effectiveStatus(.identity) == .done else {
            return RuleOutcome(rule: .identity, status: .disproven, detail: .identityNotConfirmed)
        }
        if kind == .other {
            return RuleOutcome(rule: .identity, status: .proven,
                               detail: parameters.identityOtherSatisfies ? .identityByOther : .identityByOtherRejected)
        }
        return RuleOutcome(rule: .identity, status: .disproven, detail: .identityBy(kind))
    }

    /// KS-PET-SHIP-UNCONFIRMED: shipped while any CONFIRM or PRESHIP item was not done before shipment.
    func shipUnconfirmed(at t: Instant) -> RuleOutcome {
        if t == evaluationInstant, let kept = shipUnconfirmedAtEvaluation { return kept }
        return overPossibleShipments(at: t, .shipUnconfirmed) { $0.shipUnconfirmedWithKnownShipment(at: t) }
    }

    private func shipUnconfirmedWithKnownShipment(at t: Instant) -> RuleOutcome {
        let state = shipState(at: t)
        if state == .notShipped {
            return .notApplicable(.shipUnconfirmed, .notShipped)
        }
        let items = satisfactions(at: t)
        var notDone = ChecklistKeySet()
        var missing = EvidenceSet()
        for key in Self.shipmentKeys {
            switch items[key] {
            case .satisfied: break
            case .notSatisfied: notDone.insert(key)
            case .unknownItem: missing.insert(.checklist(key))
            case .unknownShipment: missing.insert(.shippedAt)
            }
        }
        if !notDone.isEmpty {
            return RuleOutcome(rule: .shipUnconfirmed, status: .proven, detail: .itemsNotDone(notDone))
        }
        if !missing.isEmpty {
            return RuleOutcome(rule: .shipUnconfirmed, status: .unknown(missing), detail: .itemsUnknown(missing))
        }
        return RuleOutcome(rule: .shipUnconfirmed, status: .disproven, detail: .allItemsDone)
    }
}
