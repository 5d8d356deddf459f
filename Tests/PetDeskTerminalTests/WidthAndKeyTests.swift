import CNcursesw
import Glibc
import PetDeskUI
import Testing
@testable import PetDeskTerminal

/// The edge between curses and the dashboard core: the width table petdesk lays text out
/// with must agree with the `wcwidth` curses draws with, and curses' codes must become the
/// keys and mouse events the keymap names.
struct WidthAndKeyTests {
    /// Every scalar of the Basic Multilingual Plane that glibc calls printable, measured both ways.
    @Test func theWidthTableAgreesWithWcwidthOverTheBasicMultilingualPlane() {
        #expect(setlocale(LC_CTYPE, "C.UTF-8") != nil)
        var disagreements: [String] = []
        var compared = 0
        for v in UInt32(0x20)...0xFFFF {
            guard let scalar = Unicode.Scalar(v) else { continue }  // surrogates
            let theirs = petdesk_wcwidth(v)
            guard theirs >= 0 else { continue }  // not printable for glibc
            compared += 1
            let ours = DisplayWidth.of(scalar)
            if ours != Int(theirs) { disagreements.append(String(format: "U+%04X ours %d wcwidth %d", v, ours, theirs)) }
        }
        #expect(compared > 50_000)
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements, first: \(disagreements.prefix(40).joined(separator: "; "))")
    }

    @Test func cursesCodesBecomeTheKeysTheKeymapNames() {
        #expect(Terminal.characterKey(0x0D) == .enter && Terminal.characterKey(0x0A) == .enter)
        #expect(Terminal.characterKey(0x1B) == .escape)
        #expect(Terminal.characterKey(0x09) == .tab)
        #expect(Terminal.characterKey(0x7F) == .backspace && Terminal.characterKey(0x08) == .backspace)
        #expect(Terminal.characterKey(0x0C) == .control("l"))
        #expect(Terminal.characterKey(0x15) == .control("u"))
        #expect(Terminal.characterKey(UInt32(("宠" as Unicode.Scalar).value)) == .char("宠"))
        #expect(Terminal.characterKey(0x00) == nil && Terminal.characterKey(0xD800) == nil)
        #expect(Terminal.functionKey(KEY_UP) == .up && Terminal.functionKey(KEY_NPAGE) == .pageDown)
        #expect(Terminal.functionKey(KEY_BACKSPACE) == .backspace)
        // Every key the keymap binds can arrive from curses.
        for binding in Keymap.bindings {
            for key in binding.keys {
                switch key {
                case .char(let c):
                    #expect(Terminal.characterKey(c.unicodeScalars.first!.value) == key)
                case .control(let c):
                    #expect(Terminal.characterKey(c.unicodeScalars.first!.value - 0x60) == key)
                case .enter, .escape, .tab, .backspace: break  // above
                default:
                    let codes = [KEY_UP, KEY_DOWN, KEY_LEFT, KEY_RIGHT, KEY_NPAGE, KEY_PPAGE, KEY_BACKSPACE, petdesk_key_home(), petdesk_key_end(),
                                 petdesk_key_btab(), petdesk_key_dc(), petdesk_key_enter()]
                    #expect(codes.contains { Terminal.functionKey($0) == key }, "\(key) has no curses code")
                }
            }
        }
    }

    @Test func mouseCodesBecomeClicksAndWheelTurns() {
        #expect(Terminal.mouse(code: 1, x: 3, y: 4) == Mouse(action: .click, x: 3, y: 4))
        #expect(Terminal.mouse(code: 4, x: 0, y: 0)?.action == .wheelUp)
        #expect(Terminal.mouse(code: 5, x: 0, y: 0)?.action == .wheelDown)
        #expect(Terminal.mouse(code: 0, x: 0, y: 0) == nil)
    }
}
