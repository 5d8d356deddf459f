import ArgumentParser
import Foundation

/// `petdesk`: triage live-pet order disputes under the platform's pet-category standard.
struct Petdesk: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "petdesk",
        abstract: "Triage live-pet order disputes under Kuaishou store's pet-category dispute standard.",
        discussion: """
        Every verdict comes from one rules library (pack KS-PET-2022): the CLI, batch reports and \
        the dashboard all call it.

        EXAMPLES:
          petdesk verdict case.json                 Suggested verdict of a case, now
          petdesk verdict cases.jsonl --format json --at 2022-08-06T16:00:00+08:00
          petdesk verdict P04.json --param day_period_mode=rolling
          petdesk rules                             The pack's rules and parameters
          petdesk bench rules --cases 1000000       Evaluator throughput

        EXIT STATUS:
          0 success, 1 bad input (one error per line on stderr), 2 usage error.
        """,
        subcommands: [VerdictCommand.self, RulesCommand.self, BenchCommand.self]
    )
}

@main
enum Main {
    static func main() {
        do {
            var command = try Petdesk.parseAsRoot()
            try command.run()
        } catch {
            let code = Petdesk.exitCode(for: error)
            if code == .validationFailure {
                // Usage errors exit 2, as documented; ArgumentParser's default is 64.
                Output.error(Petdesk.fullMessage(for: error))
                Output.error("Run 'petdesk help' for usage.")
                Foundation.exit(2)
            }
            Petdesk.exit(withError: error)
        }
    }
}
