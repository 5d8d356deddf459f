/// A key as the dashboard sees it, independent of any terminal library.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    case char(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case tab, backTab, enter, escape, backspace, delete
    case function(Int)
    /// A control key: `.control("l")` is Ctrl-L.
    case control(Character)

    /// How the help overlay and status bar name the key.
    public var description: String {
        switch self {
        case .char(" "): "Space"
        case .char(let c): String(c)
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .enter: "Enter"
        case .escape: "Esc"
        case .backspace: "Bksp"
        case .delete: "Del"
        case .function(let n): "F\(n)"
        case .control(let c): "Ctrl-\(c.uppercased())"
        }
    }
}

/// A click or a turn of the mouse wheel at a cell (columns and rows from the top left).
public struct Mouse: Hashable, Sendable {
    /// What the mouse did.
    public enum Action: Hashable, Sendable { case click, wheelUp, wheelDown }
    public var action: Action
    public var x: Int
    public var y: Int

    /// A mouse event at column `x`, row `y`.
    public init(action: Action, x: Int, y: Int) {
        self.action = action
        self.x = x
        self.y = y
    }
}
