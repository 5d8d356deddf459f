/// What the 7-day delivery period counts from (parameter `delivery_anchor`).
public enum DeliveryAnchor: String, Sendable, CaseIterable {
    case shippedAt = "shipped_at"
    case firstScanAt = "first_scan_at"
}

/// When an unanswered stall becomes a refusal ground (parameter `stall_vests_at`).
public enum StallVesting: String, Sendable, CaseIterable {
    /// Strictly after the 24-hour reply deadline.
    case replyDeadline = "reply_deadline"
    /// As soon as the stall is established, until a compliant reply is matched.
    case established
}

/// Which event completes delivery (parameter `delivery_complete_at`, a [reading]).
public enum DeliveryCompletion: String, Sendable, CaseIterable {
    /// The first offer to the buyer (a signature with no offer instant stands in for it).
    case offered
    /// The buyer's signature.
    case signed
}

/// The tunable numbers and readings of a rule pack (standard §7). No other number decides a verdict.
public struct Parameters: Hashable, Sendable {
    /// `calendar` or `rolling` day periods.
    public var dayPeriodMode: DayPeriodMode = .calendar
    /// The delivery window in days.
    public var deliveryDays = 7
    /// What the delivery window counts from.
    public var deliveryAnchor: DeliveryAnchor = .shippedAt
    /// A gap strictly longer than this many hours is a stall.
    public var stallHours = 72
    /// Hours the merchant has to explain a stall once it is established.
    public var stallReplyHours = 24
    /// When an unanswered stall vests as a refusal ground.
    public var stallVestsAt: StallVesting = .replyDeadline
    /// Whether the cancellation ground survives the buyer's signature.
    public var cancelSurvivesSigning = true
    /// The buyer-silence window in hours.
    public var buyerSilentHours = 48
    /// Merchant contacts needed inside the buyer-silence window.
    public var buyerSilentMinContacts = 2
    /// [reading] KS-PET-ID: identity by leg ring, ear tag or batch id satisfies the item (with a flag).
    public var identityOtherSatisfies = true
    /// [reading] KS-PET-CONFIRM: a confirmed birth date also confirms the age.
    public var ageSatisfiedByBirthDate = true
    /// [reading] KS-PET-DELIVERY-7D: delivery is complete at the first offer.
    public var deliveryCompleteAt: DeliveryCompletion = .offered

    /// The defaults of KS-PET-2022.
    public init() {}

    /// Describes every parameter, in the order of standard §7 then the readings.
    public static let descriptors: [ParameterDescriptor] = [
        .init(name: "day_period_mode", alternatives: "calendar | rolling", isReading: false,
              summary: "How day periods count: calendar (start day not counted, ends 24:00 of the last day) or rolling (N×24h)."),
        .init(name: "delivery_days", alternatives: "any positive integer", isReading: false,
              summary: "The delivery window in days when the parties agreed none."),
        .init(name: "delivery_anchor", alternatives: "shipped_at | first_scan_at", isReading: false,
              summary: "What the delivery window counts from."),
        .init(name: "stall_hours", alternatives: "any positive integer", isReading: false,
              summary: "A logistics gap strictly longer than this is a stall (超72小时无流转信息)."),
        .init(name: "stall_reply_hours", alternatives: "any positive integer", isReading: false,
              summary: "Hours the merchant has to give the stall reason and courier result (24小时内, inclusive)."),
        .init(name: "stall_vests_at", alternatives: "reply_deadline | established", isReading: false,
              summary: "When an unanswered stall becomes a refusal ground."),
        .init(name: "cancel_survives_signing", alternatives: "true | false", isReading: false,
              summary: "Whether shipping despite a cancellation still earns a full refund after the buyer signs."),
        .init(name: "buyer_silent_hours", alternatives: "any positive integer", isReading: false,
              summary: "The window after the first merchant contact in which the buyer's silence excuses late shipment."),
        .init(name: "buyer_silent_min_contacts", alternatives: "any positive integer", isReading: false,
              summary: "On-platform merchant contacts needed inside that window (多次联系)."),
        .init(name: "identity_other_satisfies", alternatives: "true | false", isReading: true,
              summary: "Identity by leg ring, ear tag or batch id (kind other) satisfies KS-PET-CONFIRM, flagged identity_other."),
        .init(name: "age_satisfied_by_birth_date", alternatives: "true | false", isReading: true,
              summary: "A confirmed birth date also confirms the age."),
        .init(name: "delivery_complete_at", alternatives: "offered | signed", isReading: true,
              summary: "Which event completes delivery for the 7-day window (a signature without an offer instant counts as the offer)."),
    ]

    /// The current value of a parameter, as text.
    public func value(named name: String) -> String? {
        switch name {
        case "day_period_mode": dayPeriodMode.rawValue
        case "delivery_days": String(deliveryDays)
        case "delivery_anchor": deliveryAnchor.rawValue
        case "stall_hours": String(stallHours)
        case "stall_reply_hours": String(stallReplyHours)
        case "stall_vests_at": stallVestsAt.rawValue
        case "cancel_survives_signing": String(cancelSurvivesSigning)
        case "buyer_silent_hours": String(buyerSilentHours)
        case "buyer_silent_min_contacts": String(buyerSilentMinContacts)
        case "identity_other_satisfies": String(identityOtherSatisfies)
        case "age_satisfied_by_birth_date": String(ageSatisfiedByBirthDate)
        case "delivery_complete_at": deliveryCompleteAt.rawValue
        default: nil
        }
    }

    /// Sets a parameter from text (as given to `--param NAME=VALUE`).
    public mutating func set(_ name: String, to text: String) throws(ParameterError) {
        guard let descriptor = Self.descriptors.first(where: { $0.name == name }) else {
            throw .unknownName(name, known: Self.descriptors.map(\.name))
        }
        let bad = ParameterError.invalidValue(name: name, value: text, expected: descriptor.alternatives)
        func positive() throws(ParameterError) -> Int {
            guard let n = Int(text), n > 0, n <= 100_000 else { throw bad }
            return n
        }
        func boolean() throws(ParameterError) -> Bool {
            switch text { case "true": return true; case "false": return false; default: throw bad }
        }
        func choice<E: RawRepresentable<String>>(_: E.Type) throws(ParameterError) -> E {
            guard let e = E(rawValue: text) else { throw bad }
            return e
        }
        switch name {
        case "day_period_mode": dayPeriodMode = try choice(DayPeriodMode.self)
        case "delivery_days": deliveryDays = try positive()
        case "delivery_anchor": deliveryAnchor = try choice(DeliveryAnchor.self)
        case "stall_hours": stallHours = try positive()
        case "stall_reply_hours": stallReplyHours = try positive()
        case "stall_vests_at": stallVestsAt = try choice(StallVesting.self)
        case "cancel_survives_signing": cancelSurvivesSigning = try boolean()
        case "buyer_silent_hours": buyerSilentHours = try positive()
        case "buyer_silent_min_contacts": buyerSilentMinContacts = try positive()
        case "identity_other_satisfies": identityOtherSatisfies = try boolean()
        case "age_satisfied_by_birth_date": ageSatisfiedByBirthDate = try boolean()
        case "delivery_complete_at": deliveryCompleteAt = try choice(DeliveryCompletion.self)
        default: throw .unknownName(name, known: Self.descriptors.map(\.name))
        }
    }
}

/// Describes one parameter for `petdesk rules` and for validation.
public struct ParameterDescriptor: Hashable, Sendable {
    /// The snake_case name.
    public var name: String
    /// The values it accepts.
    public var alternatives: String
    /// Whether it encodes one of our readings rather than a number of the standard.
    public var isReading: Bool
    /// What it controls.
    public var summary: String
}

/// A parameter could not be set.
public enum ParameterError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No parameter has that name.
    case unknownName(String, known: [String])
    /// The value is not one the parameter accepts.
    case invalidValue(name: String, value: String, expected: String)

    public var description: String {
        switch self {
        case .unknownName(let name, let known):
            "unknown parameter '\(name)'; known: \(known.joined(separator: ", "))"
        case .invalidValue(let name, let value, let expected):
            "parameter '\(name)': '\(value)' is not valid; expected \(expected)"
        }
    }
}
