import ArgumentParser
import PetDeskRules

/// `petdesk rules`: the pack's rules with their sources, and its parameters.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rule pack's rules and parameters.",
        discussion: "EXAMPLES:\n  petdesk rules\n  petdesk rules --param day_period_mode=rolling"
    )

    @OptionGroup var packOptions: PackOptions

    func run() throws {
        let pack = try packOptions.pack()
        Output.line("\(pack.id)  \(pack.title)")
        Output.line("")
        Output.line("RULES")
        for rule in pack.rules {
            let ground = rule.isRefundGround ? "  [refund ground]" : ""
            Output.line("  \(rule.id.rawValue)  (\(rule.source.rawValue): \(rule.citation))\(ground)")
            Output.line("    「\(rule.chineseText)」")
            Output.line("    \(rule.englishSummary)")
        }
        Output.line("")
        Output.line("PARAMETERS (set with --param NAME=VALUE)")
        for p in Parameters.descriptors {
            let value = pack.parameters.value(named: p.name) ?? "?"
            Output.line("  \(p.name) = \(value)\(p.isReading ? "  [reading]" : "")")
            Output.line("    \(p.summary) Values: \(p.alternatives).")
        }
    }
}
