import PetDeskRules

/// What a cell means, not how it looks: themes map roles to colours and attributes.
/// Names are dotted so a theme can fall back along them (`timer.overdue` → `timer` → `text`).
public enum StyleRole: String, Sendable, CaseIterable, Hashable {
    case text
    /// Group roles: what a theme sets for a whole family (`timer.overdue` falls back to `timer`).
    case queue, checklist, timer, verdict, detail
    case dim = "text.dim"
    case title
    case header
    case border
    case borderFocused = "border.focused"
    case borderUnfocused = "border.unfocused"
    case queueRow = "queue.row"
    case queueOverdue = "queue.overdue"
    case queueDecided = "queue.decided"
    case selection
    case statusBar = "status"
    case statusKey = "status.key"
    case statusError = "status.error"
    case demo = "status.demo"
    case checklistDone = "checklist.done"
    case checklistUnknown = "checklist.unknown"
    case checklistMissing = "checklist.missing"
    case checklistOffPlatform = "checklist.off_platform"
    case checklistCursor = "checklist.cursor"
    case timerOK = "timer.ok"
    case timerWarning = "timer.warning"
    case timerCritical = "timer.critical"
    case timerOverdue = "timer.overdue"
    case verdictRefund = "verdict.full_refund"
    case verdictMayRefuse = "verdict.buyer_may_refuse"
    case verdictBuyerLiable = "verdict.buyer_liable_capped"
    case verdictNotDelayed = "verdict.not_delayed_shipment"
    case verdictNotSupported = "verdict.claim_not_supported"
    case verdictDefer = "verdict.defer_general"
    case verdictNeedsEvidence = "verdict.needs_evidence"
    case verdictMonitor = "verdict.monitor"
    case verdictOutOfScope = "verdict.out_of_scope"
    case rule = "verdict.rule"
    case flag
    case stallGap = "detail.stall_gap"
    case dialog
    case dialogInput = "dialog.input"
    case danger
    case help

    /// The next role to try when a theme does not define this one.
    public var parent: StyleRole? {
        guard let dot = rawValue.lastIndex(of: ".") else { return self == .text ? nil : .text }
        return StyleRole(rawValue: String(rawValue[..<dot])) ?? .text
    }

    /// The role of an outcome.
    public static func verdict(_ outcome: Outcome) -> StyleRole {
        switch outcome {
        case .fullRefund: .verdictRefund
        case .buyerMayRefuse: .verdictMayRefuse
        case .buyerLiableCapped: .verdictBuyerLiable
        case .notDelayedShipment: .verdictNotDelayed
        case .claimNotSupported: .verdictNotSupported
        case .deferGeneral: .verdictDefer
        case .needsEvidence: .verdictNeedsEvidence
        case .monitor: .verdictMonitor
        case .outOfScope: .verdictOutOfScope
        }
    }
}
