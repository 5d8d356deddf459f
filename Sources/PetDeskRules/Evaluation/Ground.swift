/// A refund ground's value at an instant: proven, disproven, or unknown with the missing paths.
enum GroundStatus: Hashable, Sendable {
    case proven
    case disproven
    case unknown([String])

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

/// Appends paths to a list, keeping first occurrences only.
func appendUnique(_ paths: [String], to list: inout [String]) {
    for p in paths where !list.contains(p) { list.append(p) }
}

/// Whether a checklist item counts as done before shipment.
enum ItemSatisfaction: Equatable {
    case satisfied
    case notSatisfied
    /// The item itself is unknown (`checklist.<key>`).
    case unknownItem
    /// Done at a known instant, but `shipment.shipped_at` is unknown.
    case unknownShipment
}
