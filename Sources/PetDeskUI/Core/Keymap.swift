/// Everything a key can do.
public enum Action: String, Sendable, CaseIterable {
    case moveDown, moveUp, pageDown, pageUp, top, bottom
    case nextPane, previousPane
    case cycleStatus, markDone, markMissing, markOffPlatform, markUnknown, addNote, undo
    case startFilter, clearFilter, cycleSort
    case decide, printSummary, openDetail, forceWrite, claimNext
    case help, toggleLanguage, cycleTheme, redraw, quit
}

/// Where a binding applies.
public enum KeyScope: Hashable, Sendable {
    case global
    case pane(Pane)
}

/// One row of the keymap: the keys, the action, where, and how help and hints name it.
public struct KeyBinding: Sendable {
    /// The keys.
    public var keys: [Key]
    /// The action.
    public var action: Action
    /// The scope.
    public var scope: KeyScope
    /// The chinese.
    public var chinese: String
    /// The english.
    public var english: String
    /// Shown in the status bar when its scope is focused.
    public var isHint: Bool
}

/// The keymap: dispatch, the `?` overlay and the status-bar hints all read this one table.
public enum Keymap {
    /// The bindings.
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
    ]

    /// The action of `key` in `pane`: a pane's own binding wins over a global one.
    public static func action(for key: Key, in pane: Pane) -> Action? {
        if let b = bindings.first(where: { $0.scope == .pane(pane) && $0.keys.contains(key) }) { return b.action }
        return bindings.first(where: { $0.scope == .global && $0.keys.contains(key) })?.action
    }

    /// The hints for the status bar in `pane`: the pane's own first, then global ones.
    public static func hints(in pane: Pane) -> [KeyBinding] {
        bindings.filter { $0.isHint && $0.scope == .pane(pane) } + bindings.filter { $0.isHint && $0.scope == .global }
    }
}
