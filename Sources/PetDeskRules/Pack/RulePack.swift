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

    /// Creates a pack.
    public init(id: String, title: String, rules: [Rule], parameters: Parameters,
                evaluator: @escaping @Sendable (Case, Parameters, Instant) -> Verdict) {
        self.id = id
        self.title = title
        self.rules = rules
        self.parameters = parameters
        self.evaluator = evaluator
    }

    /// The suggested verdict for `kase` at the instant `at`.
    public func evaluate(_ kase: Case, at: Instant) -> Verdict {
        evaluator(kase, parameters, at)
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
