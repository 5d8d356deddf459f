import ArgumentParser
import PetDeskUI

/// `petdesk themes`: list and check colour themes.
struct ThemesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "themes",
        abstract: "List or check colour themes (TOML files in Themes/).",
        discussion: """
        Search order: $XDG_CONFIG_HOME/petdesk/themes, the installed share/petdesk/themes, ./Themes,
        then the built-in default. Choose with --theme NAME|PATH, $PETDESK_THEME, or theme = "…" in
        $XDG_CONFIG_HOME/petdesk/config.toml; press t in the dashboard to cycle.
        """,
        subcommands: [ThemesList.self, ThemesCheck.self],
        defaultSubcommand: ThemesList.self
    )
}

struct ThemesList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Name, source and description of every theme found.")

    func run() throws {
        let entries = ThemeCatalog.all()
        // Three aligned columns: name, what it is for, where it comes from.
        let nameWidth = entries.map(\.name.displayWidth).max() ?? 7
        let descriptions = entries.map { e in e.theme?.description ?? "[broken: \(e.issues.count) problem(s); petdesk themes check \(e.path ?? "")]" }
        let descriptionWidth = descriptions.map(\.displayWidth).max() ?? 0
        for (e, description) in zip(entries, descriptions) {
            Output.line("\(e.name.padded(toColumns: nameWidth))  \(description.padded(toColumns: descriptionWidth))  \(e.path ?? "built-in")")
        }
    }
}

struct ThemesCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check theme files; every problem as FILE:LINE[:COL]: problem (exit 1).",
        discussion: "EXAMPLES:\n  petdesk themes check Themes/*.toml")

    @Argument(help: ArgumentHelp("Theme files.", valueName: "FILE")) var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("Name at least one theme file.") }
    }

    func run() throws {
        var problems = 0
        for file in files {
            let entry = ThemeCatalog.load(path: file)
            for issue in entry.issues { Output.error(issue.description) }
            problems += entry.issues.count
            if entry.issues.isEmpty { Output.line("\(file): ok (\(entry.name))") }
        }
        if problems > 0 { throw ExitCode(1) }
    }
}
