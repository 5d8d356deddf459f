/// A rectangle on screen.
public struct Rect: Hashable, Sendable {
    /// The left column and top row, and the size in columns and rows.
    public var x, y, width, height: Int
    /// Rows and columns inside a one-cell border.
    public var inner: Rect { Rect(x: x + 1, y: y + 1, width: max(0, width - 2), height: max(0, height - 2)) }
}

/// Where the panes go for a screen size: the queue on the left, checklist, timers and verdict
/// stacked on the right, a title row on top and the status bar at the bottom.
public struct Layout: Hashable, Sendable {
    /// Each pane's rectangle, borders included.
    public var queue, checklist, timers, verdict: Rect

    /// The queue pane width (inside its border) from which the timer column names its timer in
    /// full rather than with one letter.
    public static let wideQueueColumns = 50

    /// The layout for a screen of `width` × `height`.
    public init(width: Int, height: Int) {
        let body = max(0, height - 2)
        let queueWidth = width / 2
        let right = width - queueWidth
        let checklistHeight = min(ChecklistKey.all.count + 2, max(5, body * 45 / 100))
        let timersHeight = min(9, max(4, body * 22 / 100))
        queue = Rect(x: 0, y: 1, width: queueWidth, height: body)
        checklist = Rect(x: queueWidth, y: 1, width: right, height: checklistHeight)
        timers = Rect(x: queueWidth, y: 1 + checklistHeight, width: right, height: timersHeight)
        verdict = Rect(x: queueWidth, y: 1 + checklistHeight + timersHeight, width: right,
                       height: max(0, body - checklistHeight - timersHeight))
    }

    /// Queue rows that fit (inside the border, under the column header).
    public var queueRows: Int { max(1, queue.height - 3) }
}

import PetDeskRules
