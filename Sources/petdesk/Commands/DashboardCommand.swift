import ArgumentParser
import Foundation
import PetDeskDashboard
import PetDeskRules
import PetDeskStore
import PetDeskTerminal
import PetDeskUI

/// `petdesk` with no subcommand: the full-screen dashboard.
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Open the full-screen dashboard (the default when no subcommand is given).",
        discussion: """
        With no --db and no $PETDESK_DB, petdesk opens $XDG_DATA_HOME/petdesk/petdesk.sqlite when it \
        exists, else a demo database (created once, labelled DEMO). Press ? in the dashboard for keys.

        EXAMPLES:
          petdesk
          petdesk --db team.sqlite --agent li --lang en
          NO_COLOR=1 petdesk
        """
    )

    @OptionGroup var store: StoreOptions
    @Option(help: "Language: zh or en (L switches in the dashboard and is remembered in config.toml; default: config.toml, else zh).")
    var lang: Language?
    @Flag(help: "Monochrome rendering (bold, reverse, underline); NO_COLOR does the same.") var noColor = false
    @Option(help: ArgumentHelp("A command that prints a summary file, e.g. 'lp' (default: $PETDESK_PRINT_COMMAND).", valueName: "CMD"))
    var printCommand: String?
    @Option(help: ArgumentHelp("Colour theme: a name from 'petdesk themes list' or a .toml path (default: $PETDESK_THEME, config.toml).", valueName: "NAME|PATH"))
    var theme: String?

    func run() throws {
        let db = try openStore()
        let env = ProcessInfo.processInfo.environment
        let noColor = ColorMode.colors(noColorFlag: self.noColor, environment: env, terminalColors: 256) == 0
        let printer = printCommand ?? env["PETDESK_PRINT_COMMAND"]
        let catalog = ThemeCatalog.all()
        let chosen = ThemeCatalog.choose(theme, from: catalog)
        // A broken theme never stops the dashboard: one line now, the default theme, and the line again in the status bar.
        if let warning = chosen.warning { Output.error("petdesk: \(warning)") }
        let themes = catalog.compactMap(\.theme)
        let status = try MainActor.assumeIsolated {
            try DashboardLoop(store: db, agent: store.agent(for: db), language: lang ?? UserSettings.language() ?? .zh, noColor: noColor,
                              printCommand: printer,
                              theme: chosen.theme, themes: themes, warning: chosen.warning).run()
        }
        if status != 0 { throw ExitCode(status) }
    }

    /// The database the user chose, or the default one, or the demo.
    private func openStore() throws -> CaseStore {
        let location = store.location
        if location.isExplicit || FileManager.default.fileExists(atPath: location.path) { return try store.open() }
        let db = try storeCall { try CaseStore.open(at: StoreOptions.demoPath) }
        if try storeCall({ try db.count() }) == 0 {
            try DemoQueue.fill(db, orders: 300, seed: 7, now: SystemClock.now())
        }
        return db
    }
}

/// The terminal loop around the engine: draws, reads keys, ticks the clock, polls for others' writes.
@MainActor
final class DashboardLoop {
    private let engine: DashboardEngine
    private let noColor: Bool
    private var lastTokenCheck = ContinuousClock.now
    /// Raised by the store's change feed (team mode) when another process writes.
    private let pushed = ChangeSignal()
    /// LISTEN/NOTIFY in team mode; nil on SQLite, where the change token is compared each second.
    private var feed: ChangeFeed?

    private let warning: String?

    init(store: CaseStore, agent: String, language: Language, noColor: Bool, printCommand: String?,
         theme: Theme = .builtinDefault, themes: [Theme] = [.builtinDefault], warning: String? = nil) throws {
        engine = DashboardEngine(store: store, agent: agent, language: language, printCommand: printCommand,
                                 size: (80, 24), summaryDirectory: DataDirectory.url.appendingPathComponent("summaries"),
                                 clock: SystemClock.now)
        var list = themes.isEmpty ? [Theme.builtinDefault] : themes
        if let i = list.firstIndex(where: { $0.name == theme.name && $0.source == theme.source }) {
            engine.themeIndex = i
        } else {
            list.insert(theme, at: 0)
        }
        engine.themes = list
        self.noColor = noColor
        self.warning = warning
    }

    /// Runs until quit or a signal; returns the exit status.
    func run() throws -> Int32 {
        let terminal: Terminal
        do {
            terminal = try Terminal.start(noColor: noColor)
        } catch {
            throw CommandFailure("petdesk: \(error.description)", status: 1)
        }
        defer { terminal.stop() }
        let size = terminal.size
        let pushed = self.pushed
        feed = try? engine.store.changeFeed { pushed.raise() }
        defer { feed?.stop() }
        // With a feed, wake often enough that a pushed change is on screen within 200 ms.
        let wait: Int32 = feed == nil ? 200 : 50
        engine.writesInBackground = true
        engine.remember = { key, value in UserSettings.save(key, value) }
        defer { engine.finishWrites() }
        engine.dispatch(.resized(width: size.width, height: size.height))
        if let warning { engine.dispatch(.writeFailed(warning)) }
        var themeName = engine.theme.name
        var drawn: State?
        while !engine.state.isQuitting {
            if engine.theme.name != themeName {
                themeName = engine.theme.name
                terminal.resetColors()
                terminal.redrawAll()
                drawn = nil
            }
            // An overlay closing, or Ctrl-L, repaints everything: the screen must be exactly as
            // before the overlay opened, whatever the terminal did with the glyphs under it.
            if engine.needsFullRedraw || (drawn?.overlay != nil && engine.state.overlay == nil) {
                engine.needsFullRedraw = false
                terminal.redrawAll()
                drawn = nil
            }
            // Draw only what changed: an idle dashboard renders once a second, on the clock tick.
            if drawn != engine.state {
                terminal.draw(view(engine.state), theme: engine.theme)
                drawn = engine.state
            }
            switch terminal.nextEvent(milliseconds: wait) {
            case .key(let key)?:
                let language = engine.state.language
                engine.dispatch(.keyPressed(key))
                if engine.state.language != language, let warning = UserSettings.save("language", engine.state.language.rawValue) {
                    engine.dispatch(.writeFailed(warning))
                }
                if let text = engine.clipboard {
                    engine.clipboard = nil
                    terminal.copyToClipboard(text)
                }
            case .mouse(let m)?:
                engine.dispatch(.mouse(m))
            case .resized(let w, let h)?:
                terminal.redrawAll()
                drawn = nil
                engine.dispatch(.resized(width: w, height: h))
            case .signal(let number)?:
                engine.leaveCase()  // written by the deferred finishWrites, after what is queued
                return 128 + number
            case nil: engine.dispatch(.idle)
            }
            poll()
        }
        return 0
    }

    /// Clock ticks once a second; other agents' writes are picked up within 2 seconds (SQLite)
    /// or as soon as the server pushes them (team mode).
    private func poll() {
        engine.pollPrintJob()
        engine.deliverWrites()
        let now = SystemClock.now()
        if now != engine.state.now { engine.dispatch(.clockTicked(now)) }
        if pushed.lower() {
            engine.token = (try? engine.store.changeToken()) ?? engine.token
            engine.storeChanged()
        }
        let clock = ContinuousClock.now
        if clock - lastTokenCheck >= .seconds(1) {
            lastTokenCheck = clock
            // Suggestions whose instant has passed are re-evaluated (one bounded batch a tick),
            // so the queue never shows what the rules would no longer say.
            let refreshed = (try? engine.store.refreshExpired(at: now, limit: StoreTuning.tickRefreshBatch)) ?? 0
            // With a feed the server says when others write: no polling for their changes.
            if feed == nil, let t = try? engine.store.changeToken(), t != engine.token {
                engine.token = t
                engine.storeChanged()
            } else if refreshed > 0 {
                engine.storeChanged()
            }
        }
        if clock - engine.lastLeaseRenewal >= StoreTuning.leaseRenewal, let id = engine.state.current?.kase.orderID {
            engine.lastLeaseRenewal = clock
            _ = try? engine.store.claim(id, agent: engine.agent, at: now, duration: StoreTuning.leaseSeconds)
        }
    }
}
