/// A rule pack as a value: its rules, parameters and evaluator.
///
/// Callers hold a `RulePack` and call `evaluate(_:at:)`; a second pack (the 2021 rule, another
/// platform's) is another value, and no caller changes.
public struct RulePack: Sendable {
    /// The pack's ID, e.g. `KS-PET-2022`.
    public let id: String
    /// A one-line title.
    public let title: String
    /// Every rule, in the order of the standard.
    public let rules: [Rule]
    /// The parameters in force (defaults unless changed).
    public var parameters: Parameters
    private let evaluator: @Sendable (Case, Parameters, Instant) -> Verdict
    private let ruler: @Sendable (Case, Parameters, Instant) -> Ruling
    private let stander: @Sendable (Case, Parameters, Instant) -> Standing

    /// Creates a pack. `ruling` and `standing` must agree with `evaluator`: they are the same
    /// decision without what only a full verdict (or a full ruling) shows.
    public init(id: String, title: String, rules: [Rule], parameters: Parameters,
                evaluator: @escaping @Sendable (Case, Parameters, Instant) -> Verdict,
                ruling: @escaping @Sendable (Case, Parameters, Instant) -> Ruling,
                standing: @escaping @Sendable (Case, Parameters, Instant) -> Standing) {
        self.id = id
        self.title = title
        self.rules = rules
        self.parameters = parameters
        self.evaluator = evaluator
        self.ruler = ruling
        self.stander = standing
    }

    /// The suggested verdict for `kase` at the instant `at`.
    public func evaluate(_ kase: Case, at: Instant) -> Verdict {
        evaluator(kase, parameters, at)
    }

    /// What `evaluate` decides, without the findings and next steps (text, built only when a
    /// verdict is shown): what the store keeps, and what `bench rules` times.
    public func ruling(_ kase: Case, at: Instant) -> Ruling {
        ruler(kase, parameters, at)
    }

    /// Where `kase` stands in the queue at `at`: the outcome and urgency `evaluate` gives, without
    /// findings, `valid_until` or next steps (a queue row shows no more; `valid_until` alone
    /// evaluates the case again at each of its candidate instants).
    public func standing(_ kase: Case, at: Instant) -> Standing {
        stander(kase, parameters, at)
    }

    /// The rule with this ID.
    public func rule(_ id: RuleID) -> Rule? { rules.first { $0.id == id } }

    /// This pack with one parameter changed.
    public func setting(_ name: String, to value: String) throws(ParameterError) -> RulePack {
        var copy = self
        try copy.parameters.set(name, to: value)
        return copy
    }
}

/// A case's place in the queue at an instant (`RulePack.standing`).
public struct Standing: Hashable, Sendable {
    /// The suggested outcome.
    public var outcome: Outcome
    /// The urgency while no agent has decided the case.
    public var undecided: Urgency

    /// Creates a standing.
    public init(outcome: Outcome, undecided: Urgency) {
        self.outcome = outcome
        self.undecided = undecided
    }

    /// The urgency the queue sorts by: a decided case is `decided` whatever its timers say.
    public func urgency(isDecided: Bool) -> Urgency {
        isDecided ? Urgency(rank: .decided, deadline: nil, timer: nil) : undecided
    }
}
