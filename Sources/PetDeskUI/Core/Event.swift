import PetDeskRules

/// What happened: keys, time, size, and results of effects. Named after the event, not the wish.
public enum Event: Sendable {
    case keyPressed(Key)
    /// A click selects the row, the pane or the checklist item under it; the wheel scrolls.
    case mouse(Mouse)
    /// No key arrived for a moment: deferred work (a filter typed) may run now.
    case idle
    case clockTicked(Instant)
    case resized(width: Int, height: Int)
    /// A page of the queue arrived: rows from `offset`, and how many match in all.
    /// `isTotalExact` false: `total` is only a lower bound (a filter matching many cases is
    /// counted off the key path; `queueCounted` brings the count).
    case queueLoaded(items: [QueueItem], total: Int, offset: Int, isTotalExact: Bool = true)
    /// The count of the cases `filter` matches, counted in the background.
    case queueCounted(filter: String, total: Int)
    case caseLoaded(CaseSnapshot)
    /// A write reached the store; the snapshot is what was saved.
    case caseSaved(CaseSnapshot, message: String)
    /// A write was refused because someone changed the case; the latest state is attached.
    case writeConflicted(CaseSnapshot, message: String)
    case writeFailed(String)
    /// A write was refused because another agent holds the case; `retry` forces it.
    case writeRefusedByLease(holder: String, until: String, retry: Effect)
    /// Another agent or process changed the database.
    case storeChanged
    case summaryPrinted(path: String, sentTo: String?)
    /// The print command given the summary at `path` has answered (or was stopped).
    case printFinished(path: String, command: String, outcome: PrintOutcome)
    case themeChanged(String)
    /// The summary went to the terminal's clipboard.
    case summaryCopied(lines: Int)
    /// `N` claimed the most urgent case no one held: it sits at `position` of the queue as now
    /// sorted (the filter was cleared when it hid the case). Nil: nothing left to claim.
    case nextClaimed(orderID: String?, position: Int, filterCleared: Bool)
}

/// What the outer loop must do: the only way `update` touches the world.
public enum Effect: Hashable, Sendable {
    case loadQueue(sort: SortOrder, filter: String, offset: Int, limit: Int)
    case loadCase(orderID: String)
    /// Marks an item; `confirmedAt` is the instant the agent entered (nil: the recorded one stands).
    case saveMark(orderID: String, item: ChecklistKey, status: ItemStatus, note: String?, confirmedAt: Instant? = nil, expectedVersion: Int)
    case undoMark(orderID: String, expectedVersion: Int)
    case recordDecision(orderID: String, outcome: Outcome, reason: String?, expectedVersion: Int)
    case printSummary(orderID: String, lines: [String])
    /// Puts the summary on the clipboard (OSC 52 through the terminal: works over SSH).
    case copySummary(orderID: String, lines: [String])
    case claim(orderID: String)
    case release(orderID: String)
    /// Claims the most urgent case no one holds (`N`), in the queue's current sort and filter.
    case claimNext(sort: SortOrder, filter: String)
    case cycleTheme
    /// Repaints the whole screen from scratch (Ctrl-L).
    case redraw
    /// Performs `write` even though another agent holds the case (the audit log says so).
    indirect case forceWrite(Effect)
    case quit
}

/// What the print command answered.
public enum PrintOutcome: Hashable, Sendable {
    /// It exited 0.
    case printed
    /// It exited with this status.
    case failed(status: Int32)
    /// It did not answer within this many seconds and was stopped.
    case timedOut(seconds: Int)
    /// It could not be started.
    case couldNotStart(String)
}
