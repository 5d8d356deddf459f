extension RuleID {
    /// The ID of a rule of any shipped pack, by its text; nil when no pack has it.
    public init?(rawValue: String) {
        for pack in RulePack.all {
            if let rule = pack.rules.first(where: { $0.id.rawValue == rawValue }) {
                self = rule.id
                return
            }
        }
        return nil
    }
}
