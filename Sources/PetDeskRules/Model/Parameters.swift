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
    /// Standard §8.15: a claim made before signing and evaluated once the pet is signed for is
    /// judged as a claim after signing (the refusal grounds ended at the signature).
    public var signingEndsRefusalGrounds = true
    /// [reading] KS-PET-ID: identity by leg ring, ear tag or batch id satisfies the item (with a flag).
    public var identityOtherSatisfies = true
    /// [reading] KS-PET-CONFIRM: a confirmed birth date also confirms the age.
    public var ageSatisfiedByBirthDate = true
    /// [reading] KS-PET-DELIVERY-7D: delivery is complete at the first offer.
    public var deliveryCompleteAt: DeliveryCompletion = .offered

    /// The defaults of KS-PET-2022.
    public init() {}

    /// Every parameter, in the order of standard §7 then our readings: the one table that
    /// `petdesk rules`, `--param` and validation read.
    public static let descriptors: [ParameterDescriptor] = [
        .choice("day_period_mode", \.dayPeriodMode,
                "How day periods count: calendar (start day not counted, ends 24:00 of the last day) or rolling (N×24h)."),
        .count("delivery_days", \.deliveryDays, "The delivery window in days when the parties agreed none."),
        .choice("delivery_anchor", \.deliveryAnchor, "What the delivery window counts from."),
        .count("stall_hours", \.stallHours, "A logistics gap strictly longer than this is a stall (超72小时无流转信息)."),
        .count("stall_reply_hours", \.stallReplyHours,
               "Hours the merchant has to give the stall reason and courier result (24小时内, inclusive)."),
        .choice("stall_vests_at", \.stallVestsAt, "When an unanswered stall becomes a refusal ground."),
        .flag("cancel_survives_signing", \.cancelSurvivesSigning,
              "Whether shipping despite a cancellation still earns a full refund after the buyer signs."),
        .count("buyer_silent_hours", \.buyerSilentHours,
               "The window after the first merchant contact in which the buyer's silence excuses late shipment."),
        .count("buyer_silent_min_contacts", \.buyerSilentMinContacts, "On-platform merchant contacts needed inside that window (多次联系)."),
        .flag("signing_ends_refusal_grounds", \.signingEndsRefusalGrounds,
              "A claim made before signing and evaluated after the signature is judged as a claim after signing (§8.15)."),
        .flag("identity_other_satisfies", \.identityOtherSatisfies, isReading: true,
              "Identity by leg ring, ear tag or batch id (kind other) satisfies KS-PET-CONFIRM, flagged identity_other."),
        .flag("age_satisfied_by_birth_date", \.ageSatisfiedByBirthDate, isReading: true, "A confirmed birth date also confirms the age."),
        .choice("delivery_complete_at", \.deliveryCompleteAt, isReading: true,
                "Which event completes delivery for the 7-day window: the first offer, or the signature."),
    ]

    /// The current value of a parameter, as text; nil for an unknown name.
    public func value(named name: String) -> String? {
        Self.descriptors.first { $0.name == name }?.read(self)
    }

    /// Sets a parameter from text (as given to `--param NAME=VALUE`).
    public mutating func set(_ name: String, to text: String) throws(ParameterError) {
        guard let descriptor = Self.descriptors.first(where: { $0.name == name }) else {
            throw .unknownName(name, known: Self.descriptors.map(\.name))
        }
        guard descriptor.write(&self, text) else {
            throw .invalidValue(name: name, value: text, expected: descriptor.alternatives)
        }
    }
}

/// One row of the parameter table: its name, what it accepts, and how it is read and written.
public struct ParameterDescriptor: Sendable {
    /// The snake_case name.
    public let name: String
    /// The values it accepts, as shown to a user.
    public let alternatives: String
    /// Whether it encodes one of our readings rather than a number of the standard.
    public let isReading: Bool
    /// What it controls.
    public let summary: String
    /// The value in `parameters`, as text.
    public let read: @Sendable (Parameters) -> String
    /// Parses `text` into `parameters`; false when the text is not a value it accepts.
    let write: @Sendable (inout Parameters, String) -> Bool

    /// The value of the pack's defaults, as text.
    public var defaultValue: String { read(Parameters()) }

    /// A whole number of hours, days or contacts: 1 through 100,000.
    static func count(_ name: String, _ key: WritableKeyPath<Parameters, Int> & Sendable, isReading: Bool = false,
                      _ summary: String) -> ParameterDescriptor {
        ParameterDescriptor(name: name, alternatives: "any positive integer", isReading: isReading, summary: summary,
                            read: { String($0[keyPath: key]) },
                            write: { p, text in
                                guard let n = Int(text), n > 0, n <= 100_000 else { return false }
                                p[keyPath: key] = n
                                return true
                            })
    }

    /// `true` or `false`.
    static func flag(_ name: String, _ key: WritableKeyPath<Parameters, Bool> & Sendable, isReading: Bool = false,
                     _ summary: String) -> ParameterDescriptor {
        ParameterDescriptor(name: name, alternatives: "true | false", isReading: isReading, summary: summary,
                            read: { String($0[keyPath: key]) },
                            write: { p, text in
                                guard let b = Bool(text) else { return false }
                                p[keyPath: key] = b
                                return true
                            })
    }

    /// One of an enumeration's raw values.
    static func choice<E: RawRepresentable<String> & CaseIterable & Sendable>(
        _ name: String, _ key: WritableKeyPath<Parameters, E> & Sendable, isReading: Bool = false, _ summary: String
    ) -> ParameterDescriptor {
        ParameterDescriptor(name: name, alternatives: E.allCases.map(\.rawValue).joined(separator: " | "),
                            isReading: isReading, summary: summary,
                            read: { $0[keyPath: key].rawValue },
                            write: { p, text in
                                guard let e = E(rawValue: text) else { return false }
                                p[keyPath: key] = e
                                return true
                            })
    }
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
