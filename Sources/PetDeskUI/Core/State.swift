import PetDeskRules

/// Everything the dashboard shows, as one value.
public struct State: Equatable, Sendable {
    /// Screen columns.
    public var width: Int
    /// Screen rows.
    public var height: Int
    /// The current instant (from clock ticks).
    public var now: Instant
    /// The language every screen is drawn in (`L` toggles it).
    public var language: Language
    /// Who is working: marks and decisions are recorded in this name.
    public var agent: String
    /// Whether demo.
    public var isDemo: Bool
    /// The rule pack whose verdicts the dashboard shows (`KS-PET-2022`).
    public var packID: String
    /// The pack's parameters (timer labels and stall limits read them).
    public var parameters: Parameters
    /// The colour theme in use.
    public var themeName: String

    /// The pane keys act on.
    public var focus: Pane = .queue
    /// The queue's order.
    public var sort: SortOrder = .urgency
    /// The text the queue is narrowed to (empty: every case).
    public var filter = ""
    /// Whether editing filter.
    public var isEditingFilter = false
    /// The filter changed and the queue has not been reloaded for it yet (typing stays responsive).
    public var isFilterPending = false

    /// The loaded window of the queue: rows from `windowOffset`.
    public var rows: [QueueItem] = []
    /// The queue index of the first loaded row (`rows` hold a window, not the whole queue).
    public var windowOffset = 0
    /// How many cases the queue holds under the filter.
    public var total = 0
    /// `total` is a lower bound while a filter matching many cases is counted in the background.
    public var isTotalLowerBound = false
    /// The selected row, as an index into the whole queue.
    public var selected = 0
    /// Where the agent was (selection and scroll) before a filter narrowed the queue: clearing
    /// the filter returns there.
    public var placeBeforeFilter: (selected: Int, scroll: Int)?
    /// The first queue row on screen.
    public var scroll = 0

    /// The selected case as last loaded from the store; nil before one is loaded.
    public var current: CaseSnapshot?
    /// The rules' verdict on `current` at `now`, recomputed on every tick and change.
    public var verdict: Verdict?
    /// The index of the checklist item under the cursor.
    public var checklistCursor = 0
    /// Rows the timers pane is scrolled by.
    public var timersScroll = 0
    /// Rows the verdict pane is scrolled by.
    public var verdictScroll = 0
    /// The item whose mark is on its way to the store.
    public var savingItem: ChecklistKey?
    /// A write refused because another agent holds the case, which `F` forces.
    public var pendingForce: Effect?

    /// The modal layer open over the panes; nil when none is.
    public var overlay: Overlay?
    /// The status bar's message (saved, refused, copied…); nil shows the key hints.
    public var message: StatusMessage?
    /// Whether quitting.
    public var isQuitting = false

    /// The minimum size the layout needs.
    public static let minimumWidth = 80
    /// The fewest rows the dashboard draws in (fewer shows what it needs).
    public static let minimumHeight = 24

    /// A starting state.
    public init(width: Int, height: Int, now: Instant, language: Language = .zh, agent: String, isDemo: Bool,
                packID: String = RulePack.ksPet2022.id, parameters: Parameters = Parameters(), themeName: String = "default") {
        self.width = width
        self.height = height
        self.now = now
        self.language = language
        self.agent = agent
        self.isDemo = isDemo
        self.packID = packID
        self.parameters = parameters
        self.themeName = themeName
    }

    /// The rules the verdict comes from.
    public var pack: RulePack {
        var p = RulePack.all.first { $0.id == packID } ?? .ksPet2022
        p.parameters = parameters
        return p
    }

    /// Whether the screen is below the minimum size.
    public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }

    /// The row in the loaded window at queue index `i`.
    public func row(at i: Int) -> QueueItem? {
        let local = i - windowOffset
        return rows.indices.contains(local) ? rows[local] : nil
    }

    /// The selected row, when loaded.
    public var selectedRow: QueueItem? { row(at: selected) }

    public static func == (a: State, b: State) -> Bool {
        a.width == b.width && a.height == b.height && a.now == b.now && a.language == b.language && a.agent == b.agent
            && a.isDemo == b.isDemo && a.packID == b.packID && a.parameters == b.parameters && a.themeName == b.themeName
            && a.focus == b.focus && a.sort == b.sort && a.filter == b.filter && a.isEditingFilter == b.isEditingFilter
            && a.isFilterPending == b.isFilterPending
            && a.rows == b.rows && a.windowOffset == b.windowOffset && a.total == b.total && a.isTotalLowerBound == b.isTotalLowerBound && a.selected == b.selected
            && a.scroll == b.scroll && a.current == b.current && a.verdict == b.verdict
            && a.checklistCursor == b.checklistCursor && a.timersScroll == b.timersScroll && a.verdictScroll == b.verdictScroll
            && a.savingItem == b.savingItem && a.overlay == b.overlay && a.message == b.message && a.isQuitting == b.isQuitting
    }
}
