/// Everything a key can do.
public enum Action: String, Sendable, CaseIterable {
    case moveDown, moveUp, pageDown, pageUp, top, bottom
    case nextPane, previousPane
    case cycleStatus, markDone, markMissing, markOffPlatform, markUnknown, addNote, undo
    case startFilter, clearFilter, cycleSort
    case decide, printSummary, openDetail, forceWrite, claimNext
    case help, toggleLanguage, cycleTheme, redraw, quit
    /// Opens the instant dialog: mark the item under the cursor as confirmed at a time the agent enters.
    case markWithInstant
    // Inside an overlay.
    case close, scrollDown, scrollUp, scrollPageDown, scrollPageUp
    /// Prints, saves or records: what the overlay is for.
    case confirm
    case copySummary, toggleTrace, previousChoice, nextChoice, deleteBackward, clearText
}

/// The modal layers, each with its own keys.
public enum OverlayKind: String, Sendable, CaseIterable {
    case help, detail, printPreview, note, decision, instant

    /// The overlay's name in the help.
    public func name(_ l: Language) -> String {
        switch self {
        case .help: l.pick("帮助", "Help")
        case .detail: l.pick("详情", "Detail")
        case .printPreview: l.pick("打印预览", "Print preview")
        case .note: l.pick("备注", "Note")
        case .decision: l.pick("记录决定", "Record decision")
        case .instant: l.pick("确认时间", "Confirmed at")
        }
    }

    /// Whether other printable keys type text into it.
    public var takesText: Bool { self == .note || self == .decision || self == .instant }
}

/// Where a binding applies.
public enum KeyScope: Hashable, Sendable {
    case global
    case pane(Pane)
    case overlay(OverlayKind)
}

/// One row of the keymap: the keys, the action, where, and how help and hints name it.
public struct KeyBinding: Sendable {
    /// Every key that triggers it; the first is the one hints show.
    public var keys: [Key]
    /// What the keys do.
    public var action: Action
    /// Where the keys do it: everywhere, in one pane, or in one overlay.
    public var scope: KeyScope
    /// The action's name in help and hints, in Chinese.
    public var chinese: String
    /// The action's name in help and hints, in English.
    public var english: String
    /// Shown in the status bar when its scope is focused.
    public var isHint: Bool
}

/// The keymap: dispatch, the `?` overlay and the status-bar hints all read this one table.
public enum Keymap {
    /// Every binding, in the order help lists them.
    public static let bindings: [KeyBinding] = [
        KeyBinding(keys: [.down, .char("j")], action: .moveDown, scope: .global, chinese: "下移", english: "down", isHint: false),
        KeyBinding(keys: [.up, .char("k")], action: .moveUp, scope: .global, chinese: "上移", english: "up", isHint: false),
        KeyBinding(keys: [.pageDown], action: .pageDown, scope: .global, chinese: "下一页", english: "page down", isHint: false),
        KeyBinding(keys: [.pageUp], action: .pageUp, scope: .global, chinese: "上一页", english: "page up", isHint: false),
        KeyBinding(keys: [.char("g"), .home], action: .top, scope: .global, chinese: "到顶", english: "top", isHint: false),
        KeyBinding(keys: [.char("G"), .end], action: .bottom, scope: .global, chinese: "到底", english: "bottom", isHint: false),
        KeyBinding(keys: [.tab], action: .nextPane, scope: .global, chinese: "下一窗格", english: "next pane", isHint: true),
        KeyBinding(keys: [.backTab], action: .previousPane, scope: .global, chinese: "上一窗格", english: "previous pane", isHint: false),
        KeyBinding(keys: [.enter], action: .openDetail, scope: .pane(.queue), chinese: "物流与聊天详情", english: "detail", isHint: true),
        KeyBinding(keys: [.char("/")], action: .startFilter, scope: .global, chinese: "筛选", english: "filter", isHint: true),
        KeyBinding(keys: [.escape], action: .clearFilter, scope: .global, chinese: "清除筛选", english: "clear filter", isHint: false),
        KeyBinding(keys: [.char("s")], action: .cycleSort, scope: .global, chinese: "切换排序", english: "sort", isHint: true),
        KeyBinding(keys: [.char(" ")], action: .cycleStatus, scope: .pane(.checklist), chinese: "循环状态", english: "cycle", isHint: true),
        KeyBinding(keys: [.char("d")], action: .markDone, scope: .pane(.checklist), chinese: "已完成", english: "done", isHint: true),
        KeyBinding(keys: [.char("m")], action: .markMissing, scope: .pane(.checklist), chinese: "缺失", english: "missing", isHint: true),
        KeyBinding(keys: [.char("o")], action: .markOffPlatform, scope: .pane(.checklist), chinese: "平台外", english: "off-platform", isHint: true),
        KeyBinding(keys: [.char("u")], action: .markUnknown, scope: .pane(.checklist), chinese: "未知", english: "unknown", isHint: true),
        KeyBinding(keys: [.char("n")], action: .addNote, scope: .pane(.checklist), chinese: "备注", english: "note", isHint: true),
        KeyBinding(keys: [.char("i")], action: .markWithInstant, scope: .pane(.checklist), chinese: "填确认时间", english: "confirmed at…",
                   isHint: true),
        KeyBinding(keys: [.char("z")], action: .undo, scope: .global, chinese: "撤销标记", english: "undo mark", isHint: true),
        KeyBinding(keys: [.char("v")], action: .decide, scope: .global, chinese: "记录决定", english: "decide", isHint: true),
        KeyBinding(keys: [.char("N")], action: .claimNext, scope: .global, chinese: "领取下一单", english: "claim next", isHint: true),
        KeyBinding(keys: [.char("p")], action: .printSummary, scope: .global, chinese: "打印摘要", english: "print", isHint: true),
        KeyBinding(keys: [.char("F")], action: .forceWrite, scope: .global, chinese: "强制保存（他人处理中）", english: "save anyway (held by another)",
                   isHint: false),
        KeyBinding(keys: [.char("L")], action: .toggleLanguage, scope: .global, chinese: "中文/English", english: "中文/English", isHint: false),
        KeyBinding(keys: [.char("t")], action: .cycleTheme, scope: .global, chinese: "切换主题", english: "theme", isHint: false),
        KeyBinding(keys: [.control("l")], action: .redraw, scope: .global, chinese: "重绘屏幕", english: "redraw screen", isHint: false),
        KeyBinding(keys: [.char("?")], action: .help, scope: .global, chinese: "帮助", english: "help", isHint: true),
        KeyBinding(keys: [.char("q")], action: .quit, scope: .global, chinese: "退出", english: "quit", isHint: true),

        KeyBinding(keys: [.escape, .char("?"), .char("q"), .enter], action: .close, scope: .overlay(.help), chinese: "关闭", english: "close",
                   isHint: true),
        KeyBinding(keys: [.down, .char("j")], action: .scrollDown, scope: .overlay(.help), chinese: "滚动", english: "scroll", isHint: true),
        KeyBinding(keys: [.up, .char("k")], action: .scrollUp, scope: .overlay(.help), chinese: "上滚", english: "scroll up", isHint: false),
        KeyBinding(keys: [.pageDown], action: .scrollPageDown, scope: .overlay(.help), chinese: "下一页", english: "page down", isHint: false),
        KeyBinding(keys: [.pageUp], action: .scrollPageUp, scope: .overlay(.help), chinese: "上一页", english: "page up", isHint: false),

        KeyBinding(keys: [.escape, .enter, .char("q")], action: .close, scope: .overlay(.detail), chinese: "关闭", english: "close", isHint: true),
        KeyBinding(keys: [.down, .char("j")], action: .scrollDown, scope: .overlay(.detail), chinese: "滚动", english: "scroll", isHint: true),
        KeyBinding(keys: [.up, .char("k")], action: .scrollUp, scope: .overlay(.detail), chinese: "上滚", english: "scroll up", isHint: false),
        KeyBinding(keys: [.pageDown], action: .scrollPageDown, scope: .overlay(.detail), chinese: "下一页", english: "page down", isHint: false),
        KeyBinding(keys: [.pageUp], action: .scrollPageUp, scope: .overlay(.detail), chinese: "上一页", english: "page up", isHint: false),

        KeyBinding(keys: [.enter, .char("p")], action: .confirm, scope: .overlay(.printPreview), chinese: "打印", english: "print", isHint: true),
        KeyBinding(keys: [.char("y")], action: .copySummary, scope: .overlay(.printPreview), chinese: "复制", english: "copy", isHint: true),
        KeyBinding(keys: [.char("t")], action: .toggleTrace, scope: .overlay(.printPreview), chinese: "规则追踪", english: "rule trace",
                   isHint: true),
        KeyBinding(keys: [.escape, .char("q")], action: .close, scope: .overlay(.printPreview), chinese: "取消", english: "cancel", isHint: true),
        KeyBinding(keys: [.down, .char("j")], action: .scrollDown, scope: .overlay(.printPreview), chinese: "滚动", english: "scroll", isHint: false),
        KeyBinding(keys: [.up, .char("k")], action: .scrollUp, scope: .overlay(.printPreview), chinese: "上滚", english: "scroll up", isHint: false),
        KeyBinding(keys: [.pageDown], action: .scrollPageDown, scope: .overlay(.printPreview), chinese: "下一页", english: "page down",
                   isHint: false),
        KeyBinding(keys: [.pageUp], action: .scrollPageUp, scope: .overlay(.printPreview), chinese: "上一页", english: "page up", isHint: false),

        KeyBinding(keys: [.enter], action: .confirm, scope: .overlay(.note), chinese: "保存", english: "save", isHint: true),
        KeyBinding(keys: [.escape], action: .close, scope: .overlay(.note), chinese: "取消", english: "cancel", isHint: true),
        KeyBinding(keys: [.backspace, .delete], action: .deleteBackward, scope: .overlay(.note), chinese: "删字", english: "delete",
                   isHint: false),
        KeyBinding(keys: [.control("u")], action: .clearText, scope: .overlay(.note), chinese: "清空", english: "clear", isHint: false),

        KeyBinding(keys: [.up], action: .previousChoice, scope: .overlay(.decision), chinese: "上一个结论", english: "previous outcome",
                   isHint: false),
        KeyBinding(keys: [.down], action: .nextChoice, scope: .overlay(.decision), chinese: "下一个结论", english: "next outcome",
                   isHint: false),
        KeyBinding(keys: [.enter], action: .confirm, scope: .overlay(.decision), chinese: "确认记录", english: "record", isHint: true),
        KeyBinding(keys: [.escape], action: .close, scope: .overlay(.decision), chinese: "取消", english: "cancel", isHint: true),
        KeyBinding(keys: [.backspace, .delete], action: .deleteBackward, scope: .overlay(.decision), chinese: "删字", english: "delete",
                   isHint: false),
        KeyBinding(keys: [.control("u")], action: .clearText, scope: .overlay(.decision), chinese: "清空理由", english: "clear reason",
                   isHint: false),

        KeyBinding(keys: [.enter], action: .confirm, scope: .overlay(.instant), chinese: "保存", english: "save", isHint: true),
        KeyBinding(keys: [.escape], action: .close, scope: .overlay(.instant), chinese: "取消", english: "cancel", isHint: true),
        KeyBinding(keys: [.backspace, .delete], action: .deleteBackward, scope: .overlay(.instant), chinese: "删字", english: "delete",
                   isHint: false),
        KeyBinding(keys: [.control("u")], action: .clearText, scope: .overlay(.instant), chinese: "清空", english: "clear", isHint: false),
    ]

    /// The action of `key` in `pane`: a pane's own binding wins over a global one.
    public static func action(for key: Key, in pane: Pane) -> Action? {
        if let b = bindings.first(where: { $0.scope == .pane(pane) && $0.keys.contains(key) }) { return b.action }
        return bindings.first(where: { $0.scope == .global && $0.keys.contains(key) })?.action
    }

    /// The action of `key` in an open overlay: only the overlay's own bindings apply.
    public static func action(for key: Key, in overlay: OverlayKind) -> Action? {
        bindings.first(where: { $0.scope == .overlay(overlay) && $0.keys.contains(key) })?.action
    }

    /// The hints for the status bar in `pane`: the pane's own first, then global ones.
    public static func hints(in pane: Pane) -> [KeyBinding] {
        bindings.filter { $0.isHint && $0.scope == .pane(pane) } + bindings.filter { $0.isHint && $0.scope == .global }
    }

    /// The hints for the status bar while `overlay` is open: only its own keys work.
    public static func hints(in overlay: OverlayKind) -> [KeyBinding] {
        bindings.filter { $0.isHint && $0.scope == .overlay(overlay) }
    }

    /// An overlay's hints as one line for its frame: "Enter 保存 · Esc 取消".
    public static func hintLine(for overlay: OverlayKind, _ l: Language) -> String {
        hints(in: overlay).map { "\($0.keys[0].description) \(l.pick($0.chinese, $0.english))" }
            .joined(separator: " · ")
    }
}
