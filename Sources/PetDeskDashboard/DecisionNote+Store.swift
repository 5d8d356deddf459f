import PetDeskStore
import PetDeskUI

extension DecisionNote {
    /// A stored decision as the summary and the verdict pane show it.
    public init(_ d: Decision) {
        self.init(outcome: d.outcome, agent: d.agent, at: d.at, isOverride: d.isOverride, reason: d.reason)
    }
}
