/// KS-PET-DISCLOSE, KS-PET-CONFIRM, KS-PET-ID, KS-PET-PRESHIP and KS-PET-SHIP-UNCONFIRMED (standard §3).
extension Facts {
    /// Items the merchant must have done before shipping (CONFIRM then PRESHIP).
    static let shipmentKeys: [ChecklistKey] = ChecklistKey.allCases.filter { $0.group != .disclosure }

    enum ItemSatisfaction: Equatable {
        case satisfied
        case notSatisfied
        case unknown(String)
    }

    /// Whether an item counts as done before shipment (§3); before shipping, `done` so far.
    func satisfaction(of key: ChecklistKey, ship: ShipState) -> ItemSatisfaction {
        if key == .age, parameters.ageSatisfiedByBirthDate,
           satisfaction(of: .birthDate, ship: ship) == .satisfied {
            return .satisfied
        }
        let entry = kase.checklist[key]
        switch entry.effectiveStatus {
        case .missing, .offPlatform:
            return .notSatisfied
        case .unknown:
            return .unknown(key.path)
        case .done:
            if key == .identity, entry.kind == .other, !parameters.identityOtherSatisfies { return .notSatisfied }
            guard let doneAt = entry.at else { return .satisfied }
            switch ship {
            case .notShipped: return .satisfied
            case .shippedAtUnknown: return .unknown("shipment.shipped_at")
            case .shipped(let shippedAt): return doneAt < shippedAt ? .satisfied : .notSatisfied
            }
        }
    }

    /// KS-PET-DISCLOSE: a flag only.
    func disclose() -> RuleOutcome {
        switch kase.checklist[.purchaseProcess].effectiveStatus {
        case .done: RuleOutcome(rule: .disclose, status: .disproven, detail: .disclosureGiven)
        case .missing: RuleOutcome(rule: .disclose, status: .proven, detail: .disclosureMissing)
        case .offPlatform: RuleOutcome(rule: .disclose, status: .proven, detail: .disclosureOffPlatform)
        case .unknown: RuleOutcome(rule: .disclose, status: .unknown([ChecklistKey.purchaseProcess.path]), detail: .disclosureUnknown)
        }
    }

    /// KS-PET-CONFIRM or KS-PET-PRESHIP: which items of the group were not done before shipment.
    func group(_ group: ChecklistGroup, at t: Instant) -> RuleOutcome {
        let rule: RuleID = group == .confirmation ? .confirm : .preShip
        let keys = ChecklistKey.allCases.filter { $0.group == group }
        let ship = shipState(at: t)
        var notDone: [ChecklistKey] = []
        var missing: [String] = []
        for key in keys {
            switch satisfaction(of: key, ship: ship) {
            case .satisfied: break
            case .notSatisfied: notDone.append(key)
            case .unknown(let path): appendUnique([path], to: &missing)
            }
        }
        // "Fired" means a gap in the group; SHIP-UNCONFIRMED turns a gap at shipment into a ground.
        if !notDone.isEmpty { return RuleOutcome(rule: rule, status: .proven, detail: .itemsNotDone(notDone)) }
        if !missing.isEmpty { return RuleOutcome(rule: rule, status: .unknown(missing), detail: .itemsUnknown(missing)) }
        return RuleOutcome(rule: rule, status: .disproven, detail: .allItemsDone)
    }

    /// KS-PET-ID: fires when the identity was given by leg ring, ear tag or batch id [reading].
    func identity() -> RuleOutcome {
        let entry = kase.checklist[.identity]
        guard entry.effectiveStatus == .done else {
            return RuleOutcome(rule: .identity, status: .disproven, detail: .identityNotConfirmed)
        }
        if entry.kind == .other {
            return RuleOutcome(rule: .identity, status: .proven,
                               detail: parameters.identityOtherSatisfies ? .identityByOther : .identityByOtherRejected)
        }
        return RuleOutcome(rule: .identity, status: .disproven, detail: .identityBy(entry.kind))
    }

    /// KS-PET-SHIP-UNCONFIRMED: shipped while any CONFIRM or PRESHIP item was not done before shipment.
    func shipUnconfirmed(at t: Instant) -> RuleOutcome {
        let state = shipState(at: t)
        if state == .notShipped {
            return .notApplicable(.shipUnconfirmed, .notShipped)
        }
        var notDone: [ChecklistKey] = []
        var missing: [String] = []
        for key in Self.shipmentKeys {
            switch satisfaction(of: key, ship: state) {
            case .satisfied: break
            case .notSatisfied: notDone.append(key)
            case .unknown(let path): appendUnique([path], to: &missing)
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
