/// A colour as a theme writes it.
public enum ThemeColor: Hashable, Sendable {
    /// The terminal's own foreground or background.
    case terminalDefault
    /// One of the 16 ANSI colours.
    case ansi(Int)
    /// One of the 256 xterm colours.
    case indexed(Int)
    /// A true colour, quantised to what the terminal has.
    case rgb(UInt8, UInt8, UInt8)
}

/// Text attributes, the only styling a monochrome terminal has.
public struct TextAttributes: OptionSet, Hashable, Sendable {
    /// The attributes as bits: bold 1, reverse 2, underline 4, dim 8.
    public let rawValue: UInt8
    /// Attributes from their bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// Heavier strokes.
    public static let bold = TextAttributes(rawValue: 1)
    /// Foreground and background swapped.
    public static let reverse = TextAttributes(rawValue: 2)
    /// A line under the text.
    public static let underline = TextAttributes(rawValue: 4)
    /// Fainter text.
    public static let dim = TextAttributes(rawValue: 8)
}

/// How one role looks.
public struct Style: Hashable, Sendable {
    /// The text colour.
    public var foreground: ThemeColor
    /// The cell colour behind the text.
    public var background: ThemeColor
    /// Bold, reverse, underline, dim.
    public var attributes: TextAttributes

    /// A style: foreground, background, attributes.
    public init(_ foreground: ThemeColor = .terminalDefault, _ background: ThemeColor = .terminalDefault, _ attributes: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }
}

/// A colour theme: styles by role, with the attributes to use when there is no colour.
public struct Theme: Hashable, Sendable {
    /// What `--theme` and `themes list` call it.
    public var name: String
    /// One line about it, for `themes list`.
    public var description: String
    /// Where it came from (a file path, or "built-in").
    public var source: String
    /// The style of each role on a colour terminal.
    public var styles: [StyleRole: Style]
    /// The attributes of each role on a terminal without colour.
    public var mono: [StyleRole: TextAttributes]

    /// Creates a theme.
    public init(name: String, description: String, source: String, styles: [StyleRole: Style], mono: [StyleRole: TextAttributes]) {
        self.name = name
        self.description = description
        self.source = source
        self.styles = styles
        self.mono = mono
    }

    /// The style of `role`, falling back along its dotted name, then to the built-in default.
    public func style(for role: StyleRole) -> Style {
        var r: StyleRole? = role
        while let current = r {
            if let s = styles[current] { return s }
            r = current.parent
        }
        return self == .builtinDefault ? Style() : Theme.builtinDefault.style(for: role)
    }

    /// The attributes of `role` without colour, with the same fallback.
    public func monoAttributes(for role: StyleRole) -> TextAttributes {
        var r: StyleRole? = role
        while let current = r {
            if let a = mono[current] { return a }
            r = current.parent
        }
        return self == .builtinDefault ? [] : Theme.builtinDefault.monoAttributes(for: role)
    }

    /// The dark default compiled into the binary, so petdesk looks right anywhere.
    public static let builtinDefault = Theme(
        name: "default", description: "Dark terminals; the built-in default.", source: "built-in",
        styles: [
            .text: Style(), .dim: Style(.ansi(8)), .title: Style(.ansi(15), .ansi(4), .bold), .header: Style(.ansi(14), .terminalDefault, .bold),
            .border: Style(.ansi(8)), .borderFocused: Style(.ansi(14), .terminalDefault, .bold), .borderUnfocused: Style(.ansi(8)),
            .queueRow: Style(), .queueOverdue: Style(.ansi(9)), .queueDecided: Style(.ansi(8)),
            .selection: Style(.ansi(0), .ansi(14)), .checklistCursor: Style(.terminalDefault, .ansi(8)),
            .statusBar: Style(.ansi(15), .ansi(236 % 16)), .statusKey: Style(.ansi(11), .ansi(0), .bold),
            .statusError: Style(.ansi(15), .ansi(1), .bold), .demo: Style(.ansi(0), .ansi(11), .bold),
            .checklistDone: Style(.ansi(10)), .checklistUnknown: Style(.ansi(7)), .checklistMissing: Style(.ansi(9), .terminalDefault, .bold),
            .checklistOffPlatform: Style(.ansi(11)),
            .timerOK: Style(.ansi(10)), .timerWarning: Style(.ansi(11)), .timerCritical: Style(.ansi(9), .terminalDefault, .bold),
            .timerOverdue: Style(.ansi(15), .ansi(1), .bold),
            .verdictRefund: Style(.ansi(9), .terminalDefault, .bold), .verdictMayRefuse: Style(.ansi(11), .terminalDefault, .bold),
            .verdictBuyerLiable: Style(.ansi(13), .terminalDefault, .bold), .verdictNotDelayed: Style(.ansi(12)),
            .verdictNotSupported: Style(.ansi(12)), .verdictDefer: Style(.ansi(13)), .verdictNeedsEvidence: Style(.ansi(11)),
            .verdictMonitor: Style(.ansi(10)), .verdictOutOfScope: Style(.ansi(8)),
            .rule: Style(.ansi(14), .terminalDefault, .bold), .flag: Style(.ansi(11)), .stallGap: Style(.ansi(15), .ansi(1), .bold),
            .dialog: Style(.ansi(15), .ansi(4)), .dialogInput: Style(.ansi(0), .ansi(7)), .danger: Style(.ansi(9), .terminalDefault, .bold),
            .help: Style(.ansi(15), .ansi(4)),
        ],
        mono: [
            .title: [.bold, .reverse], .header: .bold, .dim: .dim, .borderFocused: .bold, .selection: .reverse, .checklistCursor: .underline,
            .statusBar: .reverse, .statusKey: .bold, .statusError: [.bold, .reverse], .demo: [.bold, .underline],
            .checklistMissing: .bold, .timerCritical: .bold, .timerOverdue: [.bold, .underline], .queueOverdue: .bold,
            .queueDecided: .dim, .verdictRefund: .bold, .rule: .bold, .stallGap: [.bold, .reverse], .dialog: [],
            .dialogInput: .underline, .danger: [.bold, .underline],
        ]
    )
}
