/// A rule's stable identifier, e.g. `KS-PET-STALL-72H`. Verdicts cite rules by it.
///
/// IDs are static text compiled into their pack, so copying and comparing one costs no
/// reference counting. (The lookup by text, `init?(rawValue:)`, lives with the packs: the model
/// knows no pack.)
public struct RuleID: Hashable, Sendable, Comparable, CustomStringConvertible {
    private let name: StaticString

    /// An ID from static text (packs declare their IDs this way).
    public init(_ name: StaticString) { self.name = name }

    /// The identifier text.
    public var rawValue: String { name.description }
    public var description: String { rawValue }

    private var bytes: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
    }

    public static func == (lhs: RuleID, rhs: RuleID) -> Bool {
        if lhs.name.utf8Start == rhs.name.utf8Start { return true }
        let n = lhs.name.utf8CodeUnitCount
        guard n == rhs.name.utf8CodeUnitCount else { return false }
        let a = lhs.name.utf8Start, b = rhs.name.utf8Start
        for i in 0..<n where a[i] != b[i] { return false }
        return true
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(bytes: UnsafeRawBufferPointer(bytes)) }

    public static func < (lhs: RuleID, rhs: RuleID) -> Bool { lhs.bytes.lexicographicallyPrecedes(rhs.bytes) }

    /// Identity of the static text: a pack's evaluator compares only its own IDs, so this
    /// pointer comparison is equality there.
    func isSameDeclaration(as other: RuleID) -> Bool { name.utf8Start == other.name.utf8Start }
}

extension RuleID {
    static let scope = RuleID("KS-PET-SCOPE")
    static let precedence = RuleID("KS-PET-PRECEDENCE")
    static let disclose = RuleID("KS-PET-DISCLOSE")
    static let confirm = RuleID("KS-PET-CONFIRM")
    static let identity = RuleID("KS-PET-ID")
    static let preShip = RuleID("KS-PET-PRESHIP")
    static let shipUnconfirmed = RuleID("KS-PET-SHIP-UNCONFIRMED")
    static let cancel = RuleID("KS-PET-CANCEL")
    static let delivery = RuleID("KS-PET-DELIVERY-7D")
    static let stall = RuleID("KS-PET-STALL-72H")
    static let stallReply = RuleID("KS-PET-STALL-REPLY-24H")
    static let refusalUnjustified = RuleID("KS-PET-REFUSAL-UNJUSTIFIED")
    static let buyerSilent = RuleID("KS-PET-BUYER-SILENT-48H")
    static let mismatch = RuleID("KS-PET-MISMATCH")
    static let noReasonReturn = RuleID("KS-PET-NO-NR-RETURN")
    static let deadOnArrival = RuleID("KS-PET-DOA")
    static let illness = RuleID("KS-PET-ILLNESS")
}

