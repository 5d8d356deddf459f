import ArgumentParser
import Foundation
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

/// Runs the dashboard core against the store: dispatches events through `update` and performs
/// the effects. No terminal: the dashboard loop and `bench ui` both drive it.
@MainActor
final class DashboardEngine {
    let store: CaseStore
    let agent: String
    let printCommand: String?
    private(set) var state: State
    var token: Int64 = 0
    var lastLeaseRenewal = ContinuousClock.now
    var themes: [Theme] = [.builtinDefault]
    var themeIndex = 0
    /// Counting a large queue is a scan: keep the count per filter until something changes.
    private var counts: [String: Int] = [:]

    init(store: CaseStore, agent: String, language: Language, printCommand: String?, size: (Int, Int), now: Instant) {
        self.store = store
        self.agent = agent
        self.printCommand = printCommand
        state = State(width: size.0, height: size.1, now: now, language: language, agent: agent,
                      isDemo: (try? store.isDemo()) ?? false, packID: store.pack.id, parameters: store.pack.parameters)
    }

    var theme: Theme { themes[themeIndex] }

    func dispatch(_ event: Event) {
        var queue = [event]
        while !queue.isEmpty {
            let (next, effects) = update(state, queue.removeFirst())
            state = next
            for effect in effects { if let e = perform(effect) { queue.append(e) } }
        }
    }

    /// Something changed in the store (ours or another agent's): counts are stale.
    func storeChanged() {
        counts.removeAll()
        dispatch(.storeChanged)
    }

    /// What the dashboard shows of a stored case, with the last change and who made it.
    nonisolated static func snapshot(_ stored: StoredCase, _ store: CaseStore) -> CaseSnapshot {
        let last = stored.decisions.last
        var snapshot = CaseSnapshot(kase: stored.kase, version: stored.version, claimedBy: stored.lease?.agent,
                                    decision: last.map(DecisionNote.init))
        if let entry = try? store.latestAuditEntry(stored.kase.orderID) {
            snapshot.lastChange = (Sanitizer.line(entry.agent), entry.field, entry.newValue.map(Sanitizer.line))
        }
        return snapshot
    }

    /// A mark, undo or decision changes no order id, buyer, title or category: the counts stand.
    private func wrote() {
        token = (try? store.changeToken()) ?? token
    }

    /// When set (the terminal loop), marks, undos and decisions are written on `writeQueue` and
    /// their results arrive through `inbox`: a keystroke never waits for the disk or the
    /// network, and the item shows "保存中…" until the write is acknowledged.
    var writesInBackground = false
    private let writeQueue = DispatchQueue(label: "petdesk.dashboard.writes")
    /// Results of background writes, for the loop to dispatch.
    let inbox = EventInbox()

    /// Dispatches the results of background writes that have arrived.
    func deliverWrites() {
        for event in inbox.drain() {
            wrote()
            // Someone else changed the case: the counts may be stale too.
            if case .writeConflicted = event { counts.removeAll() }
            dispatch(event)
        }
    }

    /// Waits for writes in flight and delivers their results (before quitting: nothing typed is lost).
    func finishWrites() {
        writeQueue.sync {}
        deliverWrites()
    }

    /// Runs one effect; its result comes back as an event. `force` writes over another agent's lease.
    private func perform(_ effect: Effect, force: Bool = false) -> Event? {
        let now = SystemClock.now()
        let L = state.language
        switch effect {
        case .saveMark, .undoMark, .recordDecision:
            let (store, agent, inbox) = (self.store, self.agent, self.inbox)
            guard writesInBackground else { return Self.write(effect, store: store, agent: agent, force: force, at: now, L) }
            writeQueue.async { inbox.post(Self.write(effect, store: store, agent: agent, force: force, at: now, L)) }
            return nil
        default:
            break
        }
        do {
            switch effect {
            case .loadQueue(let sort, let filter, let offset, let limit):
                let storeSort = QueueSort(rawValue: sort.rawValue) ?? .urgency
                let rows = try store.queue(sort: storeSort, filter: filter, limit: limit, offset: offset, at: now,
                                           refreshLimit: StoreTuning.tickRefreshBatch)
                let total: Int
                if let cached = counts[filter] { total = cached } else { total = try store.count(filter: filter); counts[filter] = total }
                return .queueLoaded(items: rows.map {
                    QueueItem(orderID: $0.orderID, title: $0.title, buyer: $0.buyer, species: $0.species, suggestedOutcome: $0.suggestedOutcome,
                              dueAt: $0.dueAt, claimType: $0.claimType, claimedBy: $0.claimedBy, decidedOutcome: $0.decidedOutcome,
                              dueTimer: $0.dueTimer)
                }, total: total, offset: offset)
            case .loadCase(let id):
                return .caseLoaded(Self.snapshot(try store.storedCase(id, at: now), store))
            case .saveMark, .undoMark, .recordDecision:
                return nil  // written above
            case .printSummary(let id, let lines):
                return try printSummary(id, lines, at: now)
            case .copySummary(_, let lines):
                clipboard = lines.joined(separator: "\n") + "\n"
                return .summaryCopied(lines: lines.count)
            case .claim(let id):
                _ = try? store.claim(id, agent: agent, at: now, duration: StoreTuning.leaseSeconds)
                lastLeaseRenewal = ContinuousClock.now
                token = (try? store.changeToken()) ?? token
                return nil
            case .release(let id):
                try? store.release(id, agent: agent, at: now)
                token = (try? store.changeToken()) ?? token
                return nil
            case .claimNext(let sort, let filter):
                guard let row = try store.claimNext(agent: agent, at: now, duration: StoreTuning.leaseSeconds) else {
                    return .nextClaimed(orderID: nil, position: 0, filterCleared: false)
                }
                lastLeaseRenewal = ContinuousClock.now
                wrote()
                let storeSort = QueueSort(rawValue: sort.rawValue) ?? .urgency
                if let position = try store.position(of: row.orderID, sort: storeSort, filter: filter, at: now) {
                    return .nextClaimed(orderID: row.orderID, position: position, filterCleared: false)
                }
                let position = try store.position(of: row.orderID, sort: storeSort, filter: nil, at: now) ?? 0
                return .nextClaimed(orderID: row.orderID, position: position, filterCleared: true)
            case .cycleTheme:
                themeIndex = (themeIndex + 1) % themes.count
                // Remembered for the next shift.
                let chosen = themes[themeIndex]
                if rememberSettings, let warning = UserSettings.save("theme", chosen.name) {
                    return .writeFailed(warning)
                }
                return .themeChanged(chosen.name)
            case .forceWrite(let write):
                return perform(write, force: true)
            case .redraw:
                needsFullRedraw = true
                return nil
            case .quit:
                return nil
            }
        } catch let error as StoreError {
            // Leases and version conflicts concern writes, which `write` answers.
            return .writeFailed(Self.words(for: error, L))
        } catch {
            return .writeFailed("\(error)")
        }
    }

    /// Writes a mark, undo or decision and says how it went, as an event. Runs on any thread.
    nonisolated static func write(_ effect: Effect, store: CaseStore, agent: String, force: Bool, at now: Instant, _ L: Language) -> Event {
        do {
            switch effect {
            case .saveMark(let id, let item, let status, let note, let confirmedAt, let version):
                let saved = try store.saveMark(id, item: item, status: status, note: note, confirmedAt: confirmedAt, agent: agent, at: now,
                                               expectedVersion: version, force: force)
                let when = confirmedAt.map { L.pick(" · 确认于 ", " · confirmed ") + PlatformTime.formatShort($0) } ?? ""
                return .caseSaved(snapshot(saved, store), message: L.pick("已保存：\(item.chineseName) = \(StatusText.name(status, L))",
                                                                            "saved: \(item.englishName) = \(StatusText.name(status, L))") + when)
            case .undoMark(let id, let version):
                let saved = try store.undoLastMark(id, agent: agent, at: now, expectedVersion: version, force: force)
                return .caseSaved(snapshot(saved, store), message: L.pick("已撤销上一个标记", "last mark undone"))
            case .recordDecision(let id, let outcome, let reason, let version):
                let saved = try store.recordDecision(id, outcome: outcome, reason: reason, agent: agent, at: now, expectedVersion: version,
                                                     force: force)
                return .caseSaved(snapshot(saved, store), message: L.pick("已记录决定：\(outcome.chineseName)", "decision recorded: \(outcome.englishName)"))
            default:
                return .writeFailed("not a write: \(effect)")
            }
        } catch {
            if case .claimedByOther(_, let holder, let until) = error {
                return .writeRefusedByLease(holder: holder, until: until, retry: effect)
            }
            if case .conflict(let id, _, let actual) = error, let latest = try? store.storedCase(id, at: now) {
                return .writeConflicted(snapshot(latest, store), message: L.pick(
                    "冲突：订单已被他人修改（现为版本 \(actual)），你的更改未保存，已刷新，请重试",
                    "conflict: someone changed the case (now version \(actual)); your change was not saved — refreshed, try again"))
            }
            return .writeFailed(words(for: error, L))
        }
    }

    /// A store error in the agent's language (the CLI prints the English description).
    nonisolated static func words(for error: StoreError, _ L: Language) -> String {
        switch error {
        case .nothingToUndo: L.pick("没有可撤销的标记：你在此单上没有标记", "nothing to undo: you have no mark on this case")
        case .overrideNeedsReason(let suggested, let outcome):
            L.pick("改判为「\(outcome.chineseName)」（建议为「\(suggested.chineseName)」）需要填写理由", error.description)
        case .notYourLease(_, let holder): L.pick("此单由 \(holder) 处理，不是你，未释放", error.description)
        case .readOnly: L.pick("数据库对你只读（文件或目录权限）：未保存，请联系管理员开通写权限", error.description)
        case .notFound: L.pick("找不到此订单（可能已被删除）", error.description)
        case .notYourIdentity(let agent, let login):
            L.pick("团队模式下你是数据库登录用户 \(login)，不能以 \(agent) 的身份保存", error.description)
        case .conflict, .claimedByOther, .cannotOpen, .database, .newerSchema:
            L.pick("保存失败：\(error.description)", error.description)
        }
    }

    private func printSummary(_ id: String, _ lines: [String], at now: Instant) throws -> Event {
        let dir = DataDirectory.url.appendingPathComponent("summaries")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let stamp = PlatformTime.format(now).prefix(19).replacingOccurrences(of: ":", with: "").replacingOccurrences(of: "-", with: "")
        let file = dir.appendingPathComponent("\(SummaryFile.name(for: id))-\(stamp).txt")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file, options: .atomic)
        guard let command = printCommand, !command.isEmpty else { return .summaryPrinted(path: file.path, sentTo: nil) }
        // The print command runs beside the loop, which polls it: a slow printer never freezes
        // the screen or delays a signal, and is stopped after `PrintTuning.timeout`.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "\(command) \"$1\" >/dev/null 2>&1 </dev/null", "sh", file.path]
        do {
            try p.run()
        } catch {
            return .printFinished(path: file.path, command: command, outcome: .couldNotStart(error.localizedDescription))
        }
        printJob = PrintJob(process: p, command: command, path: file.path, started: ContinuousClock.now)
        return .summaryPrinted(path: file.path, sentTo: command)
    }

    /// A print command still running.
    struct PrintJob {
        let process: Process
        let command: String
        let path: String
        let started: ContinuousClock.Instant
    }

    /// Text for the terminal's clipboard, written by the loop after the event that asked for it.
    var clipboard: String?
    /// Whether the language and theme the agent picks are saved to config.toml (the terminal
    /// loop; not benchmarks).
    var rememberSettings = false

    /// The print command in flight, if any.
    var printJob: PrintJob?
    /// The whole screen must be repainted from scratch on the next frame (Ctrl-L).
    var needsFullRedraw = false

    /// Reports a finished print command, or stops one that has run too long.
    func pollPrintJob() {
        guard let job = printJob else { return }
        if !job.process.isRunning {
            printJob = nil
            let status = job.process.terminationStatus
            dispatch(.printFinished(path: job.path, command: job.command, outcome: status == 0 ? .printed : .failed(status: status)))
        } else if ContinuousClock.now - job.started > PrintTuning.timeout {
            job.process.terminate()
            printJob = nil
            dispatch(.printFinished(path: job.path, command: job.command, outcome: .timedOut(seconds: Int(PrintTuning.timeout.components.seconds))))
        }
    }
}

/// How long a print command may take before it is stopped.
enum PrintTuning {
    static let timeout: Duration = .seconds(15)
}

/// Names of printed summary files.
enum SummaryFile {
    /// A file-name-safe form of an order id that keeps distinct ids distinct: ASCII letters,
    /// digits and `-` stay, every other byte becomes `_XX` (so `a/b` is `a_2Fb`, never `ab`).
    static func name(for id: String) -> String {
        var out = ""
        for byte in id.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if byte < 0x80, c.isLetter || c.isNumber || c == "-" { out.append(c) } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "_" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out
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
                                 size: (80, 24), now: SystemClock.now())
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
        engine.token = (try? engine.store.changeToken()) ?? 0
        let pushed = self.pushed
        feed = try? engine.store.changeFeed { pushed.raise() }
        defer { feed?.stop() }
        // With a feed, wake often enough that a pushed change is on screen within 200 ms.
        let wait: Int32 = feed == nil ? 200 : 50
        engine.writesInBackground = true
        engine.rememberSettings = true
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
                if let id = engine.state.current?.kase.orderID { try? engine.store.release(id, agent: engine.agent, at: SystemClock.now()) }
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

/// A flag one thread raises and the dashboard loop lowers (a change pushed by the server).
final class ChangeSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false
    func raise() { lock.withLock { raised = true } }
    /// Whether it was raised since the last call.
    func lower() -> Bool { lock.withLock { defer { raised = false }; return raised } }
}

/// Events handed from a background thread to the dashboard loop.
final class EventInbox: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [Event] = []
    func post(_ event: Event) { lock.withLock { events.append(event) } }
    /// Everything posted since the last call, oldest first.
    func drain() -> [Event] { lock.withLock { defer { events = [] }; return events } }
}
