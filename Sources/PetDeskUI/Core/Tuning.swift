/// The dashboard's numbers that are choices, not facts, in one place.
enum Tuning {
    /// Rows a page key moves in the timers and verdict panes (the queue moves a screenful).
    static let paneScrollPage = 5
    /// How far the timers pane scrolls, in rows: more timers than a case can have.
    static let timersScrollLimit = 50
    /// How far the verdict pane scrolls, in rows: more than the longest verdict's lines.
    static let verdictScrollLimit = 200
    /// Rows one notch of the mouse wheel moves.
    static let wheelRows = 3
    /// The widest a centred dialog grows, in columns.
    static let dialogWidth = 64
    /// The widest the note box grows, in columns, and how many lines of a note it shows at once.
    static let noteWidth = 60
    static let noteLines = 6
    /// Rows the checklist pane gives the item under the cursor (value, instant, note in full)
    /// when it has focus and at least `itemDetailMinimumHeight` rows.
    static let itemDetailRows = 3
    /// Checklist rows kept for the list itself while the item detail grows to fit a long note.
    static let checklistMinimumRows = 2
    static let itemDetailMinimumHeight = 6
}
