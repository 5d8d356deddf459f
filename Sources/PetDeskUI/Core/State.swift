import PetDeskRules

/// Everything the dashboard shows, as one value.
public struct State: Equatable, Sendable {
    public var width: Int
    public var height: Int
    public var now: Instant
    public var language: Language
    public var agent: String
    public var isDemo: Bool
    public var packID: String
    public var parameters: Parameters
    public var themeName: String

    public var focus: Pane = .queue
    public var sort: SortOrder = .urgency
    public var filter = ""
    public var isEditingFilter = false

    /// The loaded window of the queue: rows from `windowOffset`.
    public var rows: [QueueItem] = []
    public var windowOffset = 0
    public var total = 0
    /// The selected row, as an index into the whole queue.
    public var selected = 0
    /// The first queue row on screen.
    public var scroll = 0

    public var current: CaseSnapshot?
    public var verdict: Verdict?
    public var checklistCursor = 0
    public var timersScroll = 0
    public var verdictScroll = 0
    /// The item whose mark is on its way to the store.
    public var savingItem: ChecklistKey?

    public var overlay: Overlay?
    public var message: StatusMessage?
    public var isQuitting = false

    /// The minimum size the layout needs.
    public static let minimumWidth = 80
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
            && a.rows == b.rows && a.windowOffset == b.windowOffset && a.total == b.total && a.selected == b.selected
            && a.scroll == b.scroll && a.current == b.current && a.verdict == b.verdict
            && a.checklistCursor == b.checklistCursor && a.timersScroll == b.timersScroll && a.verdictScroll == b.verdictScroll
            && a.savingItem == b.savingItem && a.overlay == b.overlay && a.message == b.message && a.isQuitting == b.isQuitting
    }
}
