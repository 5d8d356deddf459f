import PetDeskRules

/// The dashboard's pure reducer: the new state and the effects to run. No I/O, no clock.
public func update(_ state: State, _ event: Event) -> (State, [Effect]) {
    var s = state
    var effects: [Effect] = []
    switch event {
    case .clockTicked(let now):
        s.now = now
        s.verdict = s.current.map { s.pack.evaluate($0.kase, at: now) }
    case .resized(let w, let h):
        s.width = w
        s.height = h
        s.clampScroll()
        effects += s.reloadQueue()
    case .queueCounted(let filter, let total):
        // A count for a filter no longer shown (typing went on) is not this queue's.
        guard filter == s.filter, !s.isFilterPending, s.isTotalLowerBound else { break }
        s.total = total
        s.isTotalLowerBound = false
        s.selected = min(s.selected, max(0, total - 1))
        s.clampScroll()
    case .queueLoaded(let items, let total, let offset, let isTotalExact):
        let previous = s.selectedRow?.orderID
        s.rows = items
        s.total = total
        s.isTotalLowerBound = !isTotalExact
        s.windowOffset = offset
        if total == 0 {
            s.selected = 0
            s.current = nil
            s.verdict = nil
        } else {
            s.selected = min(s.selected, total - 1)
            s.clampScroll()
            if let row = s.selectedRow, row.orderID != previous || s.current?.kase.orderID != row.orderID {
                effects.append(.loadCase(orderID: row.orderID))
            }
        }
    case .caseLoaded(let snapshot):
        guard snapshot.kase.orderID == s.selectedRow?.orderID || s.selectedRow == nil else { break }
        // The case on screen changed under us: say who changed what (the holder must know).
        if let shown = s.current, shown.kase.orderID == snapshot.kase.orderID, snapshot.version > shown.version,
           let change = snapshot.lastChange, change.agent != s.agent {
            let what = change.field.map { field -> String in
                if field.hasPrefix("checklist."), let key = ChecklistKey(rawValue: String(field.dropFirst(10))) {
                    return s.language.pick(key.chineseName, key.englishName)
                }
                return field == "outcome" ? s.language.pick("决定", "the decision") : field
            } ?? s.language.pick("此单", "the case")
            let value = change.newValue.map { raw -> String in
                // A mark's new value starts with its status word: say it in the agent's language.
                let word = raw.prefix { $0 != " " }
                let rest = raw.dropFirst(word.count)
                return " → " + (ItemStatus(rawValue: String(word)).map { StatusText.name($0, s.language) + rest } ?? raw)
            } ?? ""
            s.message = StatusMessage(s.language.pick("\(change.agent) 修改了 \(what)\(value)（版本 \(shown.version) → \(snapshot.version)）",
                                                      "\(change.agent) changed \(what)\(value) (version \(shown.version) → \(snapshot.version))"),
                                      isError: true)
        }
        if s.current?.kase.orderID != snapshot.kase.orderID {
            s.pendingForce = nil
            if let old = s.current?.kase.orderID { effects.append(.release(orderID: old)) }
            effects.append(.claim(orderID: snapshot.kase.orderID))
        }
        s.setCurrent(snapshot)
        // An unheld case is claimed by this agent as it is opened (the claim effect above).
        if snapshot.claimedBy == nil { s.current?.claimedBy = s.agent }
        if let holder = snapshot.claimedBy, holder != s.agent {
            s.message = StatusMessage(s.language.pick("注意：\(holder) 正在处理此订单", "note: \(holder) is working this case"), isError: true)
        }
    case .caseSaved(let snapshot, let message):
        s.savingItem = nil
        // Writes are acknowledged off the key path: the agent may have moved on meanwhile. The
        // case on screen stays; the news names the case it is about.
        guard snapshot.kase.orderID == s.current?.kase.orderID else {
            let id = Sanitizer.line(snapshot.kase.orderID)
            s.message = StatusMessage(s.language.pick("\(id)：\(message)", "\(id): \(message)"))
            effects += s.reloadQueue()
            break
        }
        let before = s.verdict?.outcome
        s.setCurrent(snapshot)
        s.message = StatusMessage(message)
        // A change to a decided case that moves the suggestion away from the decision: say so,
        // and how to revisit it (the decision stands until the agent records another).
        if let decided = snapshot.decision?.outcome, let now = s.verdict?.outcome, now != decided, now != before {
            s.message = StatusMessage(s.language.pick(
                "\(message)；注意：建议已变为「\(now.chineseName)」，与已记录的决定「\(decided.chineseName)」不一致，按 v 重新决定",
                "\(message); note: the suggestion is now \(now.rawValue), not the recorded decision \(decided.rawValue): press v to revisit it"),
                isError: true)
        }
        effects += s.reloadQueue()
    case .writeConflicted(let snapshot, let message):
        s.savingItem = nil
        if snapshot.kase.orderID == s.current?.kase.orderID { s.setCurrent(snapshot) }
        s.message = StatusMessage(message, isError: true)
        effects += s.reloadQueue()
    case .writeFailed(let message):
        s.savingItem = nil
        s.message = StatusMessage(message, isError: true)
    case .writeRefusedByLease(let holder, let until, let retry):
        s.savingItem = nil
        s.pendingForce = retry
        s.message = StatusMessage(s.language.pick("\(holder) 正在处理此单（至 \(until)），未保存；按 F 强制保存（记入审计）",
                                                  "\(holder) holds this case until \(until): not saved; press F to save anyway (audited)"),
                                  isError: true)
    case .storeChanged:
        effects += s.reloadQueue()
        if let id = s.current?.kase.orderID { effects.append(.loadCase(orderID: id)) }
    case .summaryPrinted(let path, let sentTo):
        // The news first: a long path must not push it off the status bar.
        s.message = StatusMessage(sentTo.map { s.language.pick("正在发送到 \($0)…（摘要已保存：\(path)）", "sending to \($0)… (summary saved: \(path))") }
                                  ?? s.language.pick("摘要已保存：\(path)", "summary saved: \(path)"))
    case .printFinished(let path, let command, let outcome):
        let L = s.language
        switch outcome {
        case .printed:
            s.message = StatusMessage(L.pick("已打印（\(command)）：\(path)", "printed (\(command)): \(path)"))
        case .failed(let status):
            s.message = StatusMessage(L.pick("打印失败：\(command) 退出码 \(status)；摘要已保存：\(path)",
                                             "printing failed: \(command) exited \(status); summary saved: \(path)"), isError: true)
        case .timedOut(let seconds):
            s.message = StatusMessage(L.pick("打印无响应（\(seconds) 秒），已停止 \(command)；摘要已保存：\(path)",
                                             "printing did not answer in \(seconds) s; stopped \(command); summary saved: \(path)"),
                                      isError: true)
        case .couldNotStart(let why):
            s.message = StatusMessage(L.pick("无法启动打印命令 \(command)：\(why)；摘要已保存：\(path)",
                                             "cannot start \(command): \(why); summary saved: \(path)"), isError: true)
        }
    case .nextClaimed(let orderID, let position, let filterCleared):
        guard let orderID else {
            s.message = StatusMessage(s.language.pick("没有可领取的案件：未决案件都已有人处理", "nothing to claim: every undecided case is held by someone"))
            break
        }
        if filterCleared {
            s.filter = ""
            s.placeBeforeFilter = nil
        }
        s.focus = .checklist
        s.selected = position
        s.clampScroll()
        s.message = StatusMessage(s.language.pick("已领取 \(orderID)", "claimed \(orderID)"))
        effects += s.reloadQueue()
    case .summaryCopied(let lines):
        s.message = StatusMessage(s.language.pick("已复制摘要（\(lines) 行）到剪贴板，可粘贴到工单；终端需支持 OSC 52",
                                                  "summary copied (\(lines) lines) to the clipboard for the ticket; the terminal must support OSC 52"))
    case .themeChanged(let name):
        s.themeName = name
        s.message = StatusMessage(s.language.pick("主题：\(name)", "theme: \(name)"))
    case .keyPressed(let key):
        effects += s.handle(key)
    case .mouse(let m):
        effects += s.handle(m)
    case .idle:
        if s.isFilterPending {
            s.isFilterPending = false
            effects += s.reloadQueue()
        }
    }
    return (s, effects)
}

extension State {
    mutating func setCurrent(_ snapshot: CaseSnapshot) {
        let sameCase = current?.kase.orderID == snapshot.kase.orderID
        current = snapshot
        verdict = pack.evaluate(snapshot.kase, at: now)
        if !sameCase {
            checklistCursor = 0
            timersScroll = 0
            verdictScroll = 0
        }
    }

    /// Back to the row the agent was on before filtering (the top when there is none).
    mutating func returnToPlaceBeforeFilter() {
        (selected, scroll) = placeBeforeFilter ?? (0, 0)
        placeBeforeFilter = nil
    }

    /// Keeps the selection on screen.
    mutating func clampScroll() {
        let visible = Layout(width: width, height: height).queueRows
        if selected < scroll { scroll = selected }
        if selected >= scroll + visible { scroll = selected - visible + 1 }
        scroll = max(0, min(scroll, max(0, total - visible)))
    }

    /// Loads the rows on screen (the engine reads only those it does not hold already: a page
    /// each side, read on every load, was two thirds of a PgDn at a million cases).
    /// While a typed filter waits for the pause (`isFilterPending`) nothing loads: the `idle`
    /// that ends the pause loads it, so no write acknowledged or change arriving mid-typing runs
    /// a half-typed filter on the key path.
    func reloadQueue() -> [Effect] {
        guard !isFilterPending else { return [] }
        let visible = Layout(width: width, height: height).queueRows
        return [.loadQueue(sort: sort, filter: filter, offset: scroll, limit: visible)]
    }

    private mutating func select(_ index: Int) -> [Effect] {
        guard total > 0 else { return [] }
        let target = max(0, min(total - 1, index))
        guard target != selected || selectedRow == nil else { return [] }
        selected = target
        clampScroll()
        let visible = Layout(width: width, height: height).queueRows
        let windowEnd = windowOffset + rows.count
        if let row = selectedRow, scroll >= windowOffset, min(total, scroll + visible) <= windowEnd {
            return [.loadCase(orderID: row.orderID)]
        }
        return reloadQueue()
    }

    mutating func handle(_ key: Key) -> [Effect] {
        if isTooSmall {
            switch key {
            case .char("q"): isQuitting = true; return [.quit] + releaseCurrent()
            case .char("?"): overlay = overlay?.kind == .help ? nil : .help(scroll: 0)
            case .escape: overlay = nil
            default: break
            }
            return []
        }
        if let overlay { return handleOverlay(overlay, key) }
        if isEditingFilter { return handleFilter(key) }
        guard let action = Keymap.action(for: key, in: focus) else { return [] }
        message = nil
        let page = Layout(width: width, height: height).queueRows
        switch action {
        case .moveDown: return move(.rows(1))
        case .moveUp: return move(.rows(-1))
        case .pageDown: return move(.rows(focus == .queue ? page : Tuning.paneScrollPage))
        case .pageUp: return move(.rows(focus == .queue ? -page : -Tuning.paneScrollPage))
        case .top: return move(.top)
        case .bottom: return move(.bottom)
        case .nextPane: focus = Pane.allCases[(Pane.allCases.firstIndex(of: focus)! + 1) % Pane.allCases.count]
        case .previousPane:
            focus = Pane.allCases[(Pane.allCases.firstIndex(of: focus)! + Pane.allCases.count - 1) % Pane.allCases.count]
        case .openDetail: if current != nil { overlay = .detail(scroll: 0) }
        case .startFilter:
            isEditingFilter = true
            if filter.isEmpty, placeBeforeFilter == nil { placeBeforeFilter = (selected, scroll) }
        case .clearFilter:
            guard !filter.isEmpty else { return [] }
            filter = ""
            returnToPlaceBeforeFilter()
            return reloadQueue()
        case .cycleSort:
            sort = sort.next
            selected = 0
            scroll = 0
            return reloadQueue()
        case .cycleStatus:
            let now = currentItemStatus ?? .unknown
            let order: [ItemStatus] = [.unknown, .done, .missing, .offPlatform]
            return mark(order[(order.firstIndex(of: now)! + 1) % order.count])
        case .markDone: return mark(.done)
        case .markMissing: return mark(.missing)
        case .markOffPlatform: return mark(.offPlatform)
        case .markUnknown: return mark(.unknown)
        case .addNote:
            if current != nil { overlay = .note(text: current!.kase.checklist[cursorKey].note ?? "") }
        case .undo:
            guard let c = current else { return [] }
            return [.undoMark(orderID: c.kase.orderID, expectedVersion: c.version)]
        case .decide:
            if let v = verdict, current != nil { overlay = .decision(DecisionDialog(suggested: v.outcome)) }
        case .printSummary: if current != nil { overlay = .printPreview(scroll: 0, trace: false) }
        case .markWithInstant:
            guard focus == .checklist, let c = current else { return [] }
            let entry = c.kase.checklist[cursorKey]
            overlay = .instant(InstantDialog(item: cursorKey, status: entry.status, at: entry.at ?? now))
        case .help: overlay = .help(scroll: 0)
        case .toggleLanguage: language = language.toggled
        case .cycleTheme: return [.cycleTheme]
        case .claimNext: return [.claimNext(sort: sort, filter: filter)]
        case .redraw: return [.redraw]
        case .forceWrite:
            guard let pending = pendingForce else {
                message = StatusMessage(language.pick("没有被他人锁定而未保存的操作", "nothing held back by another agent's lease"))
                return []
            }
            pendingForce = nil
            return [.forceWrite(pending)]
        case .quit:
            isQuitting = true
            return releaseCurrent() + [.quit]
        case .close, .scrollDown, .scrollUp, .scrollPageDown, .scrollPageUp, .confirm, .copySummary, .toggleTrace,
             .previousChoice, .nextChoice, .deleteBackward, .clearText:
            break  // overlay actions: `handleOverlay` takes them
        }
        return []
    }

    private func releaseCurrent() -> [Effect] {
        current.map { [.release(orderID: $0.kase.orderID)] } ?? []
    }

    var cursorKey: ChecklistKey { ChecklistKey.all[max(0, min(checklistCursor, ChecklistKey.all.count - 1))] }

    private var currentItemStatus: ItemStatus? { current?.kase.checklist[cursorKey].status }

    private mutating func move(_ m: Move) -> [Effect] {
        switch focus {
        case .queue:
            return select(m.target(from: selected, count: total))
        case .checklist:
            checklistCursor = m.target(from: checklistCursor, count: ChecklistKey.all.count)
        case .timers:
            timersScroll = m.target(from: timersScroll, count: Tuning.timersScrollLimit + 1)
        case .verdict:
            verdictScroll = m.target(from: verdictScroll, count: Tuning.verdictScrollLimit + 1)
        }
        return []
    }

    private mutating func mark(_ status: ItemStatus, note: String? = nil, confirmedAt: Instant? = nil) -> [Effect] {
        guard focus == .checklist, let c = current else { return [] }
        savingItem = cursorKey
        message = StatusMessage(language.pick("保存中…", "saving…"))
        return [.saveMark(orderID: c.kase.orderID, item: cursorKey, status: status, note: note, confirmedAt: confirmedAt,
                          expectedVersion: c.version)]
    }

    private mutating func handleFilter(_ key: Key) -> [Effect] {
        switch key {
        case .enter:
            isEditingFilter = false
            guard isFilterPending else { return [] }
            isFilterPending = false
            return reloadQueue()
        case .escape:
            isEditingFilter = false
            isFilterPending = false
            filter = ""
            returnToPlaceBeforeFilter()
            return reloadQueue()
        case .backspace, .delete:
            guard !filter.isEmpty else { return [] }
            filter.removeLast()
        case .char(let c):
            guard !Sanitizer.isUnsafe(c.unicodeScalars.first!) else { return [] }
            filter.append(c)
        default:
            return []
        }
        // The query runs when typing pauses (`idle`), so a slow match never blocks a keystroke.
        selected = 0
        scroll = 0
        isFilterPending = true
        return []
    }

    /// A key inside an open overlay: the overlay's bindings in `Keymap`, else typed text for the
    /// overlays that take it. Nothing reaches the panes underneath.
    private mutating func handleOverlay(_ open: Overlay, _ key: Key) -> [Effect] {
        guard let action = Keymap.action(for: key, in: open.kind) else {
            if open.kind.takesText, case .char(let ch) = key, !Sanitizer.isUnsafe(ch.unicodeScalars.first!) { type(ch, into: open) }
            return []
        }
        let page = max(1, height - 4)
        switch (open, action) {
        case (_, .close): overlay = nil
        case (.help(let scroll), _):
            overlay = .help(scroll: Move(action, page: page)?.target(from: scroll, count: scrollStops(helpLines(self).count)) ?? scroll)
        case (.detail(let scroll), _):
            let lines = detailLines(self, width: width - 8).count
            overlay = .detail(scroll: Move(action, page: page)?.target(from: scroll, count: scrollStops(lines)) ?? scroll)
        case (.printPreview(let scroll, let trace), .toggleTrace): overlay = .printPreview(scroll: scroll, trace: !trace)
        case (.printPreview(_, let trace), .confirm), (.printPreview(_, let trace), .copySummary):
            overlay = nil
            guard let c = self.current else { return [] }
            let lines = summaryLines(trace: trace)
            return [action == .confirm ? .printSummary(orderID: c.kase.orderID, lines: lines) : .copySummary(orderID: c.kase.orderID, lines: lines)]
        case (.printPreview(let scroll, let trace), _):
            let lines = printPreviewLines(self, trace: trace, width: width - 8).count
            overlay = .printPreview(scroll: Move(action, page: page)?.target(from: scroll, count: scrollStops(lines)) ?? scroll, trace: trace)
        case (.note(let text), .confirm):
            overlay = nil
            guard let c = self.current else { return [] }
            let status = c.kase.checklist[cursorKey].status
            focus = .checklist
            return mark(status, note: text.trimmingSpaces().isEmpty ? nil : text)
        case (.note(let text), .deleteBackward): overlay = .note(text: String(text.dropLast()))
        case (.note, .clearText): overlay = .note(text: "")
        case (.decision(var dialog), .previousChoice), (.decision(var dialog), .nextChoice):
            let all = Outcome.allCases
            let i = all.firstIndex(of: dialog.selected)!
            dialog.selected = all[(i + (action == .nextChoice ? 1 : all.count - 1)) % all.count]
            dialog.error = nil
            overlay = .decision(dialog)
        case (.decision(var dialog), .deleteBackward):
            dialog.reason = String(dialog.reason.dropLast())
            overlay = .decision(dialog)
        case (.decision(var dialog), .clearText):
            dialog.reason = ""
            overlay = .decision(dialog)
        case (.decision(var dialog), .confirm):
            let reason = dialog.reason.trimmingSpaces()
            if dialog.isOverride && reason.isEmpty {
                dialog.error = language.pick("改判须填写理由", "an override needs a reason")
                overlay = .decision(dialog)
                return []
            }
            overlay = nil
            guard let c = self.current else { return [] }
            message = StatusMessage(language.pick("保存中…", "saving…"))
            return [.recordDecision(orderID: c.kase.orderID, outcome: dialog.selected, reason: reason.isEmpty ? nil : reason,
                                    expectedVersion: c.version)]
        case (.instant(var dialog), .deleteBackward):
            dialog.text = String(dialog.text.dropLast())
            dialog.error = nil
            overlay = .instant(dialog)
        case (.instant(var dialog), .clearText):
            dialog.text = ""
            dialog.error = nil
            overlay = .instant(dialog)
        case (.instant(var dialog), .confirm):
            switch PlatformTime.parseInstant(dialog.text.trimmingSpaces()) {
            case .failure:
                dialog.error = language.pick("时间格式：2022-08-01 10:00:00（北京时间）", "format: 2022-08-01 10:00:00 (UTC+8)")
                overlay = .instant(dialog)
            case .success(let at) where at > now:
                dialog.error = language.pick("确认时间不能晚于现在", "the instant cannot be later than now")
                overlay = .instant(dialog)
            case .success(let at):
                overlay = nil
                guard cursorKey == dialog.item else { return [] }
                focus = .checklist
                return mark(dialog.status, confirmedAt: at)
            }
        default: break
        }
        return []
    }

    /// A click selects the queue row, the pane or the checklist item under the pointer; the
    /// wheel moves through the pane under it, or scrolls an open overlay.
    mutating func handle(_ m: Mouse) -> [Effect] {
        guard !isTooSmall else { return [] }
        if let open = overlay {
            guard [.help, .detail, .printPreview].contains(open.kind), m.action != .click else { return [] }
            return handleOverlay(open, m.action == .wheelUp ? .up : .down)
        }
        guard !isEditingFilter else { return [] }
        let layout = Layout(width: width, height: height)
        let panes: [(Pane, Rect)] = [(.queue, layout.queue), (.checklist, layout.checklist), (.timers, layout.timers), (.verdict, layout.verdict)]
        guard let (pane, rect) = panes.first(where: { m.x >= $0.1.x && m.x < $0.1.x + $0.1.width && m.y >= $0.1.y && m.y < $0.1.y + $0.1.height })
        else { return [] }
        message = nil
        switch m.action {
        case .wheelUp, .wheelDown:
            focus = pane
            return move(.rows(m.action == .wheelUp ? -Tuning.wheelRows : Tuning.wheelRows))
        case .click:
            let line = m.y - rect.inner.y
            switch pane {
            case .queue:
                focus = .queue
                let row = line - 1  // under the column header
                guard row >= 0, row < layout.queueRows, scroll + row < total else { return [] }
                return select(scroll + row)
            case .checklist:
                let window = checklistWindow(self)
                focus = .checklist
                if line >= 0, line < min(window.listHeight, ChecklistKey.all.count) { checklistCursor = window.first + line }
            case .timers, .verdict:
                focus = pane
            }
            return []
        }
    }

    /// How many scroll positions a full-screen overlay of `lines` lines has: one per line that
    /// can sit at the top with the box still full.
    private func scrollStops(_ lines: Int) -> Int { max(1, lines - max(1, height - 4) + 1) }

    /// Text typed into a note, a decision's reason or an instant.
    private mutating func type(_ ch: Character, into open: Overlay) {
        switch open {
        case .note(let text): overlay = .note(text: text + String(ch))
        case .decision(var dialog):
            dialog.reason.append(ch)
            dialog.error = nil
            overlay = .decision(dialog)
        case .instant(var dialog):
            dialog.text.append(ch)
            dialog.error = nil
            overlay = .instant(dialog)
        default: break
        }
    }

    /// The ticket summary of the case in focus, as printed, copied and previewed.
    func summaryLines(trace: Bool) -> [String] {
        guard let c = current, let v = verdict else { return [] }
        return VerdictSummary.lines(for: c.kase, verdict: v, pack: pack, language: language, decision: c.decision, agent: agent, trace: trace)
    }
}

/// Where a move goes: a number of rows either way, or an end.
enum Move: Equatable {
    case rows(Int)
    case top
    case bottom

    /// The scroll move an overlay action asks for; nil for an action that does not scroll.
    init?(_ action: Action, page: Int) {
        switch action {
        case .scrollDown: self = .rows(1)
        case .scrollUp: self = .rows(-1)
        case .scrollPageDown: self = .rows(page)
        case .scrollPageUp: self = .rows(-page)
        default: return nil
        }
    }

    /// The index this move reaches from `index` in a list of `count` (kept inside it).
    func target(from index: Int, count: Int) -> Int {
        let last = max(0, count - 1)
        switch self {
        case .top: return 0
        case .bottom: return last
        case .rows(let n):
            let (sum, overflow) = index.addingReportingOverflow(n)
            return overflow ? (n > 0 ? last : 0) : max(0, min(last, sum))
        }
    }
}

