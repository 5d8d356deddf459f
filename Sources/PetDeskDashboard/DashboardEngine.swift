import Foundation
import PetDeskRules
import PetDeskStore
import PetDeskUI

/// Runs the dashboard core against the store: dispatches events through `update` and performs
/// the effects. No terminal: the dashboard loop and `bench ui` both drive it.
@MainActor
public final class DashboardEngine {
    public let store: CaseStore
    public let agent: String
    public let printCommand: String?
    public private(set) var state: State
    /// The store's change token as this dashboard last saw it (the newest audit entry's id):
    /// from the store's own at start, so that what was written before the dashboard opened is
    /// not news, and catching up after a write reads only the entries since.
    public var token: Int64
    public var lastLeaseRenewal = ContinuousClock.now
    public var themes: [Theme] = [.builtinDefault]
    public var themeIndex = 0
    /// Counting a large queue is a scan: keep the count per filter until something changes.
    private var counts: [String: Int] = [:]

    /// The wall clock: the engine reads the time only through it.
    private let clock: @Sendable () -> Instant
    /// Where printed summaries are written.
    private let summaryDirectory: URL
    /// Saves a setting the agent picked (`theme`) for the next shift and returns a warning when it
    /// could not; nil: settings are not remembered (benchmarks, tests).
    public var remember: ((_ key: String, _ value: String) -> String?)?

    /// An engine over `store` for `agent`, printing with `printCommand` (nil: summaries are only
    /// saved) into `summaryDirectory`, on a screen of `size` columns and rows.
    public init(store: CaseStore, agent: String, language: Language, printCommand: String?, size: (Int, Int),
                summaryDirectory: URL, clock: @escaping @Sendable () -> Instant) {
        self.store = store
        self.agent = agent
        self.printCommand = printCommand
        self.summaryDirectory = summaryDirectory
        self.clock = clock
        // Zero would make the first acknowledged write read the whole audit log (a million
        // cases: a 200–380 ms keystroke in bench ui), every entry in it someone else's change.
        token = (try? store.changeToken()) ?? 0
        let now = clock()
        state = State(width: size.0, height: size.1, now: now, language: language, agent: agent,
                      isDemo: (try? store.isDemo()) ?? false, packID: store.pack.id, parameters: store.pack.parameters)
    }

    public var theme: Theme { themes[themeIndex] }

    public func dispatch(_ event: Event) {
        var queue = [event]
        while !queue.isEmpty {
            let (next, effects) = update(state, queue.removeFirst())
            state = next
            for effect in effects { if let e = perform(effect) { queue.append(e) } }
        }
    }

    /// The rows last loaded and where they sit in the queue: the next page is found by seeking
    /// from one of them rather than by skipping every row above it.
    private var window: (sort: QueueSort, filter: String, offset: Int, rows: [QueueRow])?
    /// Whether pages are found by seeking (false: by OFFSET, as before; `bench ui --offset-paging`
    /// measures the difference in one run).
    public var seeksPages = true
    /// How many queue rows this engine has read from the store (`bench ui` prints it a load).
    public private(set) var rowsRead = 0
    /// How many times it loaded the queue.
    public private(set) var queueLoads = 0
    /// How many rows its loads kept from the one before instead of reading them again.
    public private(set) var rowsKept = 0

    /// How to find the `limit` rows from `offset`: right after or before a row of the loaded
    /// window when the page touches it (PgDn, PgUp, j, k), the end of the queue when the page
    /// reaches it (`G`), else by offset (the first page, a jump into the middle). Returns the
    /// page and the offset it really starts at.
    nonisolated static func page(for offset: Int, limit: Int, total: Int,
                                 near window: (sort: QueueSort, filter: String, offset: Int, rows: [QueueRow])?) -> (QueuePage, Int) {
        if offset > 0, offset + limit >= total { return (.last, max(0, total - limit)) }
        if let w = window, !w.rows.isEmpty {
            if offset > w.offset, offset <= w.offset + w.rows.count { return (.after(w.rows[offset - w.offset - 1]), offset) }
            let end = offset + limit  // the row just past the page
            if offset < w.offset, end >= w.offset, end < w.offset + w.rows.count { return (.before(w.rows[end - w.offset]), offset) }
        }
        return (.offset(offset), offset)
    }

    /// Rows read past the ones asked for, in the direction the agent is moving, when only a few
    /// must be read (`j` or `k` at the edge of the screen): the next few such keys read nothing
    /// (each read costs about what ten more rows do). A page's worth missing (PgDn) is read
    /// as it is: its keystroke is the slow one.
    nonisolated static let readAhead = 12

    /// What of the rows `offset..<offset + limit` the loaded window already holds, and the
    /// pages to read for the rest: rows right before the first kept row, rows right after the
    /// last (each with how many). Nil when the window holds none of them, or when a row it
    /// would keep is no longer valid at `now` (its suggestion or its holder's lease expired: it
    /// must be read again). The window itself is dropped whenever the store changes, so a kept
    /// row is what a fresh read would show; reading only the rest made PgDn read one page
    /// instead of three.
    nonisolated static func reuse(_ window: (offset: Int, rows: [QueueRow]), offset: Int, limit: Int, total: Int?,
                                  at now: Instant) -> (kept: ArraySlice<QueueRow>, keptOffset: Int,
                                                       before: (QueuePage, Int)?, after: (QueuePage, Int)?)? {
        let last = total ?? Int.max  // the end of the queue, when known
        let end = min(offset + limit, last)
        let low = max(offset, window.offset), high = min(end, window.offset + window.rows.count)
        guard low < high else { return nil }
        let kept = window.rows[(low - window.offset)..<(high - window.offset)]
        guard kept.allSatisfy({ $0.validUntil.map { now < $0 } ?? true }) else { return nil }
        func ahead(_ missing: Int) -> Int { missing < readAhead ? readAhead : 0 }
        let before = offset < low ? (QueuePage.before(kept.first!), min(low, low - offset + ahead(low - offset))) : nil
        let after = high < end ? (QueuePage.after(kept.last!), min(end + ahead(end - high), last) - high) : nil
        return (kept, low, before, after)
    }

    /// Something changed in the store (ours or another agent's): counts are stale, and so is
    /// every row loaded.
    public func storeChanged() {
        counts.removeAll()
        window = nil
        dispatch(.storeChanged)
    }

    /// What the dashboard shows of a stored case, with the last change and who made it.
    public nonisolated static func snapshot(_ stored: StoredCase) -> CaseSnapshot {
        let last = stored.decisions.last
        var snapshot = CaseSnapshot(kase: stored.kase, version: stored.version, claimedBy: stored.lease?.agent,
                                    decision: last.map(DecisionNote.init))
        if let entry = stored.latestChange {
            snapshot.lastChange = (Sanitizer.line(entry.agent), entry.field, entry.newValue.map(Sanitizer.line))
        }
        return snapshot
    }

    /// This dashboard's own write (a mark, undo, decision or lease) is done: the change token
    /// catches up with it. A mark, undo or decision changes no order id, buyer, title or
    /// category: the counts stand. Another agent's change that came in meanwhile is still
    /// another agent's change: the queue and the case are reloaded and say so (taking the
    /// token as it stood hid it, once leases were written in the background).
    private func wrote() {
        guard let (latest, byOthers) = try? store.changes(since: token, by: agent) else { return }
        token = latest
        if byOthers { storeChanged() }
    }

    /// When set (the terminal loop), marks, undos and decisions are written on `writeQueue`, and
    /// a filter matching many cases is counted on `countQueue`, and
    /// their results arrive through `inbox`: a keystroke never waits for the disk or the
    /// network, and the item shows "保存中…" until the write is acknowledged.
    public var writesInBackground = false
    private let writeQueue = DispatchQueue(label: "petdesk.dashboard.writes")
    /// Where filters that match many cases are counted, off the key path.
    private let countQueue = DispatchQueue(label: "petdesk.dashboard.counts")
    /// Results of background writes, for the loop to dispatch.
    public let inbox = EventInbox()

    /// The case this dashboard wants to hold, for the background writer.
    private let leases = LeaseIntent()

    /// Writes a lease (a claim or release as a case is opened or left). Each is a commit, a
    /// disk flush with `synchronous = FULL`: on the key path two of them made moving to the next
    /// case take 10–25 ms (bench ui at 1 M). In background mode the writer, in order with the
    /// marks, brings the lease to the case wanted when it comes round (cases passed through
    /// before then are never claimed); its acknowledgement only brings the change token up to
    /// date (this dashboard's own write is not another agent's change).
    private func leaseWrite(claim id: String?, release old: String?, at now: Instant) {
        let (store, agent) = (self.store, self.agent)
        guard writesInBackground else {
            if let old { try? store.release(old, agent: agent, at: now) }
            if let id { _ = try? store.claim(id, agent: agent, at: now, duration: StoreTuning.leaseSeconds) }
            wrote()
            return
        }
        if let old { leases.release(old, at: now) }
        if let id { leases.claim(id, at: now) }
        let (inbox, leases) = (self.inbox, self.leases)
        writeQueue.async {
            guard let move = leases.nextMove() else { return }
            if let old = move.release { try? store.release(old, agent: agent, at: move.at) }
            if let id = move.claim, (try? store.claim(id, agent: agent, at: move.at, duration: StoreTuning.leaseSeconds)) == nil {
                leases.claimFailed(id)
            }
            inbox.acknowledge()
        }
    }

    /// Gives up the case on screen as the dashboard stops (a signal): through the writer, after
    /// the writes still queued. Released directly, a claim still queued landed after it, and the
    /// case stayed claimed by an agent who had gone until the lease ran out.
    public func leaveCase() {
        guard let id = state.current?.kase.orderID else { return }
        leaseWrite(claim: nil, release: id, at: clock())
    }

    /// Runs `body` while the background writer waits (tests: writes queued, not yet written).
    func holdingWriter(_ body: () -> Void) {
        writeQueue.suspend()
        body()
        writeQueue.resume()
    }

    /// Counts `filter`'s cases on `countQueue`; the count arrives through the inbox. Only the
    /// filter last asked for is counted: a count still queued for a filter typed over is
    /// skipped (typing `KS2611` one key at a time queued six counts of a million cases).
    private func countInBackground(_ filter: String) {
        guard inbox.wantCount(of: filter) else { return }
        let (store, inbox) = (self.store, self.inbox)
        countQueue.async {
            guard inbox.isCountWanted(filter) else { return }
            let n = try? store.count(filter: filter)
            // A count that failed is asked for again by the next load of the queue.
            inbox.countDone(filter)
            if let n { inbox.post(.queueCounted(filter: filter, total: n)) }
        }
    }

    /// Dispatches the results of background writes and counts that have arrived.
    public func deliverWrites() {
        if inbox.takeAcknowledgements() { wrote() }
        for event in inbox.drain() {
            if case .queueCounted(let filter, let total) = event {
                counts[filter] = total
                dispatch(event)
                continue
            }
            // A mark, undo or decision landed: its case may have moved in the queue.
            keepWindow(after: event)
            // Someone else changed the case: the counts may be stale too.
            if case .writeConflicted = event { counts.removeAll() }
            dispatch(event)
            // After the write's own result: a change by another agent since reloads the case
            // over the snapshot the write saved, not under it.
            wrote()
        }
    }

    /// After the result of this dashboard's own write (a mark, undo or decision): the rows kept
    /// stay when the case written still stands where it stood in the queue (its row read again
    /// and put in), and are dropped when it moved, when the write failed or met another agent's
    /// change, when a filter is on (a new suggestion can change what an outcome label matches),
    /// or when the case is not among them. Dropping them on every mark made the key after it
    /// read a whole page.
    private func keepWindow(after result: Event) {
        guard case .caseSaved(let snapshot, _) = result, let w = window, w.filter.isEmpty,
              let i = w.rows.firstIndex(where: { $0.orderID == snapshot.kase.orderID }),
              let fresh = try? store.queueRow(snapshot.kase.orderID, at: clock()),
              CaseStore.samePlace(fresh, w.rows[i], in: w.sort) else {
            window = nil
            return
        }
        window?.rows[i] = fresh
    }

    /// Changes the loaded rows of case `id` as this dashboard's own lease write changes them.
    private func patchWindow(_ id: String, _ change: (inout QueueRow) -> Void) {
        guard var w = window, let i = w.rows.firstIndex(where: { $0.orderID == id }) else { return }
        change(&w.rows[i])
        window = w
    }

    /// Waits for writes in flight and delivers their results (before quitting: nothing typed is lost).
    public func finishWrites() {
        writeQueue.sync {}
        countQueue.sync {}
        deliverWrites()
    }

    /// Runs one effect; its result comes back as an event. `force` writes over another agent's lease.
    private func perform(_ effect: Effect, force: Bool = false) -> Event? {
        let now = clock()
        let L = state.language
        switch effect {
        case .saveMark, .undoMark, .recordDecision:
            let (store, agent, inbox) = (self.store, self.agent, self.inbox)
            guard writesInBackground else {
                let result = Self.write(effect, store: store, agent: agent, force: force, at: now, L)
                keepWindow(after: result)  // the case written may have moved in the queue
                return result
            }
            writeQueue.async { inbox.post(Self.write(effect, store: store, agent: agent, force: force, at: now, L)) }
            return nil
        default:
            break
        }
        do {
            switch effect {
            case .loadQueue(let sort, let filter, let wanted, let limit):
                let storeSort = QueueSort(rawValue: sort.rawValue) ?? .urgency
                var total: Int, isExact = true
                if let cached = counts[filter] {
                    total = cached
                } else {
                    // Counted here only when the count is cheap; a filter matching many cases is
                    // counted in the background and its count arrives as `queueCounted`.
                    if writesInBackground {
                        (total, isExact) = try store.count(filter: filter, upTo: StoreTuning.filterSortLimit)
                    } else {
                        total = try store.count(filter: filter)
                    }
                    if isExact { counts[filter] = total } else { countInBackground(filter) }
                }
                let near = window?.sort == storeSort && window?.filter == filter ? window : nil
                // No re-evaluation written here: that is a write (a commit, a disk flush) on the key
                // path (bench ui: 30–40 ms keystrokes at a million cases). Rows whose suggestion
                // expired are computed fresh in memory; the clock tick writes the refresh.
                func read(_ page: QueuePage, _ limit: Int) throws -> [QueueRow] {
                    let rows = try store.queue(sort: storeSort, filter: filter, limit: limit, page: page, at: now, refreshLimit: 0)
                    rowsRead += rows.count
                    return rows
                }
                queueLoads += 1
                var rows: [QueueRow]
                var offset: Int
                if seeksPages, let w = near,
                   let reuse = Self.reuse((w.offset, w.rows), offset: wanted, limit: limit, total: isExact ? total : nil, at: now) {
                    // Only the rows the window lacks are read (j at the edge: one row).
                    let before = try reuse.before.map { try read($0.0, $0.1) } ?? []
                    rows = before + reuse.kept + (try reuse.after.map { try read($0.0, $0.1) } ?? [])
                    rowsKept += reuse.kept.count
                    offset = reuse.keptOffset - before.count
                } else {
                    let page: QueuePage
                    (page, offset) = seeksPages ? Self.page(for: wanted, limit: limit, total: isExact ? total : Int.max, near: near)
                        : (.offset(wanted), wanted)
                    rows = try read(page, limit)
                }
                window = (storeSort, filter, offset, rows)
                return .queueLoaded(items: rows.map {
                    QueueItem(orderID: $0.orderID, title: $0.title, buyer: $0.buyer, species: $0.species, suggestedOutcome: $0.suggestedOutcome,
                              dueAt: $0.dueAt, claimType: $0.claimType, claimedBy: $0.claimedBy, decidedOutcome: $0.decidedOutcome,
                              dueTimer: $0.dueTimer)
                }, total: total, offset: offset, isTotalExact: isExact)
            case .loadCase(let id):
                return .caseLoaded(Self.snapshot(try store.storedCase(id, at: now)))
            case .saveMark, .undoMark, .recordDecision:
                return nil  // written above
            case .printSummary(let id, let lines):
                return try printSummary(id, lines, at: now)
            case .copySummary(_, let lines):
                clipboard = lines.joined(separator: "\n") + "\n"
                return .summaryCopied(lines: lines.count)
            case .claim(let id):
                lastLeaseRenewal = ContinuousClock.now
                // The loaded row shows the claim as a fresh read would once it is written.
                patchWindow(id) { row in
                    guard row.claimedBy == nil else { return }
                    row.claimedBy = self.agent
                    row.claimLease(until: now.adding(seconds: StoreTuning.leaseSeconds))
                }
                leaseWrite(claim: id, release: nil, at: now)
                return nil
            case .release(let id):
                patchWindow(id) { row in if row.claimedBy == self.agent { row.claimedBy = nil } }
                leaseWrite(claim: nil, release: id, at: now)
                return nil
            case .claimNext(let sort, let filter):
                window = nil
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
                if let warning = remember?("theme", chosen.name) {
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
                return .caseSaved(snapshot(saved), message: L.pick("已保存：\(item.chineseName) = \(StatusText.name(status, L))",
                                                                            "saved: \(item.englishName) = \(StatusText.name(status, L))") + when)
            case .undoMark(let id, let version):
                let saved = try store.undoLastMark(id, agent: agent, at: now, expectedVersion: version, force: force)
                return .caseSaved(snapshot(saved), message: L.pick("已撤销上一个标记", "last mark undone"))
            case .recordDecision(let id, let outcome, let reason, let version):
                let saved = try store.recordDecision(id, outcome: outcome, reason: reason, agent: agent, at: now, expectedVersion: version,
                                                     force: force)
                return .caseSaved(snapshot(saved), message: L.pick("已记录决定：\(outcome.chineseName)", "decision recorded: \(outcome.englishName)"))
            default:
                return .writeFailed("not a write: \(effect)")
            }
        } catch {
            if case .claimedByOther(_, let holder, let until) = error {
                return .writeRefusedByLease(holder: holder, until: until, retry: effect)
            }
            if case .conflict(let id, _, let actual) = error, let latest = try? store.storedCase(id, at: now) {
                return .writeConflicted(snapshot(latest), message: L.pick(
                    "冲突：订单已被他人修改（现为版本 \(actual)），你的更改未保存，已刷新，请重试",
                    "conflict: someone changed the case (now version \(actual)); your change was not saved — refreshed, try again"))
            }
            return .writeFailed(words(for: error, L))
        }
    }

    /// A store error in the agent's language (the CLI prints the English description).
    public nonisolated static func words(for error: StoreError, _ L: Language) -> String {
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
        let dir = summaryDirectory
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
    public struct PrintJob {
        let process: Process
        let command: String
        let path: String
        let started: ContinuousClock.Instant
    }

    /// Text for the terminal's clipboard, written by the loop after the event that asked for it.
    public var clipboard: String?

    /// The print command in flight, if any.
    public var printJob: PrintJob?
    /// The whole screen must be repainted from scratch on the next frame (Ctrl-L).
    public var needsFullRedraw = false

    /// Reports a finished print command, or stops one that has run too long.
    public func pollPrintJob() {
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
public enum PrintTuning {
    public static let timeout: Duration = .seconds(15)
}

/// Names of printed summary files.
public enum SummaryFile {
    /// A file-name-safe form of an order id that keeps distinct ids distinct: ASCII letters,
    /// digits and `-` stay, every other byte becomes `_XX` (so `a/b` is `a_2Fb`, never `ab`).
    public static func name(for id: String) -> String {
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
