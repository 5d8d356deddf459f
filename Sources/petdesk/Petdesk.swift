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
          petdesk                           the dashboard (a demo queue at first)
          petdesk verdict case.json         the suggested verdict of a case, now
          petdesk verdict --format json --at 2022-08-06T16:00:00+08:00 c.jsonl
          petdesk verdict P04.json --param day_period_mode=rolling
          petdesk import orders.jsonl       load the platform's export
          petdesk list                      the queue, most urgent first
          petdesk mark KS2208010111 identity done      (audited)
          petdesk decide KS2208010111 FULL_REFUND --reason "停滞未答复"
          petdesk rules                     the pack's rules and parameters
          petdesk bench rules --cases 1000000          evaluator throughput

        EXIT STATUS:
          0 success; 1 bad input or failure (one line per error on stderr);
          2 usage error; 3 a write refused because the case changed.

        FILES:
          $PETDESK_DB or --db        the database, else
                                     $XDG_DATA_HOME/petdesk/petdesk.sqlite;
                                     postgresql://USER@HOST/DB for a team
          PGPASSWORD, ~/.pgpass      the PostgreSQL password
          $PETDESK_AGENT or --agent  who is working (default: the login name)
        """,
        subcommands: [DashboardCommand.self, VerdictCommand.self, ImportCommand.self, ExportCommand.self, ListCommand.self, ShowCommand.self,
                      MarkCommand.self, UndoCommand.self, DecideCommand.self, HistoryCommand.self, ClaimCommand.self,
                      NextCommand.self, SummaryCommand.self, MigrateCommand.self, AgentsCommand.self, DemoCommand.self, RulesCommand.self, ThemesCommand.self, BenchCommand.self],
        defaultSubcommand: DashboardCommand.self
    )
}

@main
enum Main {
    static func main() {
        do {
            var command = try Petdesk.parseAsRoot()
            try command.run()
        } catch let failure as CommandFailure {
            Output.error(failure.message)
            Foundation.exit(failure.status)
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
