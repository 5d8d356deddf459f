/// A refund ground's value at an instant: proven, disproven, or unknown with the missing paths.
enum GroundStatus: Hashable, Sendable {
    case proven
    case disproven
    case unknown(EvidenceSet)

    var findingResult: FindingResult {
        switch self {
        case .proven: .fired
        case .disproven: .notFired
        case .unknown: .unknown
        }
    }
}

/// A rule's evaluation: its status and the reason.
struct RuleOutcome: Sendable {
    var rule: RuleID
    var status: GroundStatus
    var detail: FindingDetail
    var applies = true

    var finding: Finding {
        Finding(rule: rule, result: applies ? status.findingResult : .notApplicable, detail: detail)
    }

    static func notApplicable(_ rule: RuleID, _ detail: FindingDetail) -> RuleOutcome {
        RuleOutcome(rule: rule, status: .disproven, detail: detail, applies: false)
    }
}


/// Whether a checklist item counts as done before shipment.
enum ItemSatisfaction: UInt8, Equatable {
    case satisfied
    case notSatisfied
    /// The item itself is unknown (`checklist.<key>`).
    case unknownItem
    /// Done at a known instant, but `shipment.shipped_at` is unknown.
    case unknownShipment
}

/// The satisfaction of all sixteen items, stored inline (no allocation).
struct ItemSatisfactions {
    private var codes = SIMD16<UInt8>(repeating: ItemSatisfaction.unknownItem.rawValue)

    subscript(key: ChecklistKey) -> ItemSatisfaction {
        get { self[index: key.index] }
        set { self[index: key.index] = newValue }
    }

    /// The item at `index` (`ChecklistKey.index`).
    subscript(index index: Int) -> ItemSatisfaction {
        get { ItemSatisfaction(rawValue: codes[index])! }
        set { codes[index] = newValue.rawValue }
    }
}
