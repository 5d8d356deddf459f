import CNcursesw
import Foundation
import Glibc
import PetDeskUI

/// What the terminal reports.
public enum TerminalEvent: Sendable, Equatable {
    case key(Key)
    /// A click or a turn of the wheel.
    case mouse(Mouse)
    case resized(width: Int, height: Int)
    /// SIGINT, SIGTERM, SIGHUP or SIGQUIT arrived: the caller restores and exits.
    case signal(Int32)
}

/// Why the dashboard could not start.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    case notATerminal
    case unknownTerminal(String)
    case noTTY
    /// The terminal cannot move the cursor (TERM=dumb, a printing terminal).
    case cannotAddressCursor(String)

    public var description: String {
        switch self {
        case .notATerminal:
            "the dashboard needs an interactive terminal; in scripts use 'petdesk list', 'show' and 'mark'"
        case .unknownTerminal(let term):
            "the terminal type '\(term)' is unknown; set TERM (e.g. TERM=xterm-256color) or use 'petdesk list'"
        case .noTTY:
            "cannot open /dev/tty; run petdesk from a terminal"
        case .cannotAddressCursor(let term):
            "the terminal type '\(term)' cannot move the cursor, so the dashboard cannot draw; set TERM (e.g. TERM=xterm-256color) "
                + "or use 'petdesk list', 'show' and 'mark'"
        }
    }
}

/// The thin ncursesw adapter: draws cell buffers, turns keys, resizes and signals into events.
/// It holds every curses pointer; nothing else touches curses.
@MainActor
public final class Terminal {
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let tty: UnsafeMutablePointer<FILE>
    private var colorCount: Int
    private var pairs: [Style: Int16] = [:]
    private var isStopped = false
    private let monochrome: Bool

    /// Starts curses on the terminal device; `noColor` forces the monochrome rendering.
    public static func start(noColor: Bool) throws(TerminalError) -> Terminal {
        guard isatty(0) == 1, isatty(1) == 1 || isatty(2) == 1 else { throw .notATerminal }
        _ = petdesk_setlocale_utf8()
        guard let tty = petdesk_fopen_tty("r+") else { throw .noTTY }
        let term = getenv("TERM").map { String(cString: $0) } ?? "(unset)"
        guard let screen = newterm(nil, tty, tty) else {
            fclose(tty)
            throw .unknownTerminal(term)
        }
        guard petdesk_can_address_cursor() != 0 else {
            endwin()
            delscreen(screen)
            fclose(tty)
            throw .cannotAddressCursor(term)
        }
        return Terminal(screen: screen, tty: tty, noColor: noColor)
    }

    private init(screen: OpaquePointer, tty: UnsafeMutablePointer<FILE>, noColor: Bool) {
        self.screen = screen
        self.tty = tty
        _ = set_term(screen)
        petdesk_install_signal_handlers()
        petdesk_install_crash_handlers()
        cbreak()
        noecho()
        nonl()
        curs_set(0)
        set_escdelay(25)
        window = petdesk_stdscr()!
        keypad(window, true)
        petdesk_enable_mouse()
        var colors = 0
        if !noColor && has_colors() {
            start_color()
            use_default_colors()
            colors = Int(petdesk_colors())
        }
        colorCount = colors
        monochrome = colors < 8
    }

    /// Columns and rows.
    public var size: (width: Int, height: Int) { (Int(getmaxx(window)), Int(getmaxy(window))) }


    /// Draws a buffer; curses sends only what changed.
    public func draw(_ buffer: CellBuffer, theme: Theme) {
        werase(window)
        let rows = min(buffer.height, size.height)
        let cols = min(buffer.width, size.width)
        var wide: [wchar_t] = []
        wide.reserveCapacity(cols)
        for y in 0..<rows {
            var x = 0
            while x < cols {
                let role = buffer[x, y].role
                let start = x
                wide.removeAll(keepingCapacity: true)
                while x < cols, buffer[x, y].role == role {
                    buffer[x, y].glyph.forEachScalar { wide.append(wchar_t(bitPattern: $0.value)) }
                    x += 1
                }
                apply(role, theme: theme)
                // Stop one short of the bottom-right corner: writing there scrolls some terminals.
                let count = (y == size.height - 1 && x == size.width) ? max(0, wide.count - 1) : wide.count
                wide.withUnsafeBufferPointer { p in
                    _ = mvwaddnwstr(window, Int32(y), Int32(start), p.baseAddress, Int32(count))
                }
            }
        }
        wattrset(window, Int32(bitPattern: UInt32(petdesk_a_normal())))
        wnoutrefresh(window)
        doupdate()
    }

    private func apply(_ role: StyleRole, theme: Theme) {
        var attributes: attr_t = petdesk_a_normal()
        let set: TextAttributes
        if monochrome {
            set = theme.monoAttributes(for: role)
        } else {
            let style = theme.style(for: role)
            set = style.attributes
            attributes |= attr_t(COLOR_PAIR(Int32(pair(for: style))))
        }
        if set.contains(.bold) { attributes |= petdesk_a_bold() }
        if set.contains(.reverse) { attributes |= petdesk_a_reverse() }
        if set.contains(.underline) { attributes |= petdesk_a_underline() }
        if set.contains(.dim) { attributes |= petdesk_a_dim() }
        wattrset(window, Int32(bitPattern: UInt32(truncatingIfNeeded: attributes)))
    }

    private func pair(for style: Style) -> Int16 {
        let key = Style(style.foreground, style.background)
        if let p = pairs[key] { return p }
        let next = Int16(pairs.count + 1)
        guard Int32(next) < petdesk_color_pairs() else { return 0 }
        init_pair(next, Int16(ColorQuantizer.resolve(style.foreground, colors: colorCount)),
                  Int16(ColorQuantizer.resolve(style.background, colors: colorCount)))
        pairs[key] = next
        return next
    }

    /// Forgets colour pairs (after a theme change).
    public func resetColors() { pairs.removeAll() }

    /// Waits up to `milliseconds` for a key, a resize or a signal; nil on timeout.
    public func nextEvent(milliseconds: Int32) -> TerminalEvent? {
        let signal = petdesk_take_signal()
        if signal != 0 { return .signal(signal) }
        wtimeout(window, milliseconds)
        var ch: wint_t = 0
        let result = wget_wch(window, &ch)
        let caught = petdesk_take_signal()
        if caught != 0 { return .signal(caught) }
        if result == ERR { return nil }
        if result == KEY_CODE_YES {
            if Int32(ch) == KEY_RESIZE { return coalescedResize() }
            if Int32(ch) == petdesk_key_mouse() { return takeMouse() }
            return Self.functionKey(Int32(ch)).map(TerminalEvent.key)
        }
        return Self.characterKey(UInt32(ch)).map(TerminalEvent.key)
    }

    /// The mouse event curses has queued, if it is one the dashboard uses.
    private func takeMouse() -> TerminalEvent? {
        var x: Int32 = 0, y: Int32 = 0
        return Self.mouse(code: petdesk_take_mouse(&x, &y), x: Int(x), y: Int(y)).map(TerminalEvent.mouse)
    }

    /// The dashboard's mouse event for the shim's code (1 click, 4 wheel up, 5 wheel down).
    nonisolated static func mouse(code: Int32, x: Int, y: Int) -> Mouse? {
        switch code {
        case 1: Mouse(action: .click, x: x, y: y)
        case 4: Mouse(action: .wheelUp, x: x, y: y)
        case 5: Mouse(action: .wheelDown, x: x, y: y)
        default: nil
        }
    }

    /// A burst of resizes becomes one event with the final size.
    private func coalescedResize() -> TerminalEvent {
        wtimeout(window, 30)
        var ch: wint_t = 0
        while true {
            let r = wget_wch(window, &ch)
            if r == KEY_CODE_YES && Int32(ch) == KEY_RESIZE { continue }
            if r != ERR { _ = unget_wch(wchar_t(bitPattern: UInt32(ch))) }
            break
        }
        return .resized(width: size.width, height: size.height)
    }

    nonisolated static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_NPAGE: .pageDown
        case KEY_PPAGE: .pageUp
        case KEY_BACKSPACE: .backspace
        case petdesk_key_home(): .home
        case petdesk_key_end(): .end
        case petdesk_key_btab(): .backTab
        case petdesk_key_dc(): .delete
        case petdesk_key_enter(): .enter
        default: (1...12).first { petdesk_key_f(Int32($0)) == code }.map { Key.function($0) }
        }
    }

    nonisolated static func characterKey(_ value: UInt32) -> Key? {
        switch value {
        case 0x0A, 0x0D: return .enter
        case 0x1B: return .escape
        case 0x09: return .tab
        case 0x7F, 0x08: return .backspace
        case 0x01...0x1A: return .control(Character(Unicode.Scalar(value + 0x60)!))
        default:
            guard value >= 0x20, let scalar = Unicode.Scalar(value) else { return nil }
            return .char(Character(scalar))
        }
    }

    /// Puts `text` on the clipboard of the terminal the agent sits at (OSC 52, base64), which
    /// works over SSH and inside tmux with `set-clipboard on`. Terminals without it ignore it.
    public func copyToClipboard(_ text: String) {
        let sequence = "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"
        fputs(sequence, tty)
        fflush(tty)
    }

    /// Redraws everything (after Ctrl-Z/fg or a theme change).
    public func redrawAll() {
        clearok(window, true)
    }

    /// Restores the terminal. Safe to call twice.
    public func stop() {
        guard !isStopped else { return }
        isStopped = true
        endwin()
        delscreen(screen)
        fclose(tty)
    }
}
