/// The grapheme a cell shows, its UTF-8 bytes held in place (up to `capacity`): a screen of
/// cells is plain memory, so drawing a frame neither counts references nor builds a string a
/// cell (a `String` a cell was two fifths of drawing a frame: `bench ui`).
///
/// A grapheme longer than `capacity` bytes (a family of four emoji, a stack of a dozen
/// combining marks) keeps its leading scalars that fit, without a dangling joiner: the cell
/// still shows its first pictograph or letter, at the width measured for the whole grapheme.
public struct Glyph: Hashable, Sendable {
    /// Bytes 0–7, 8–15 and 16–22 of the UTF-8 (little-endian), the byte count in the top byte of `w2`.
    private var w0: UInt64, w1: UInt64, w2: UInt64

    /// The most UTF-8 bytes a glyph holds.
    public static let capacity = 23

    /// The second column of a two-column glyph: no text of its own.
    public static let empty = Glyph(w0: 0, w1: 0, w2: 0)

    /// One space.
    public static let space = Glyph(" " as Unicode.Scalar)

    private init(w0: UInt64, w1: UInt64, w2: UInt64) { (self.w0, self.w1, self.w2) = (w0, w1, w2) }

    /// One scalar, encoded without making a string.
    @inline(__always)
    public init(_ scalar: Unicode.Scalar) {
        let v = UInt64(scalar.value)
        switch v {
        case ..<0x80: self.init(w0: v, w1: 0, w2: 1 << 56)
        case ..<0x800: self.init(w0: (0xC0 | v >> 6) | (0x80 | v & 0x3F) << 8, w1: 0, w2: 2 << 56)
        case ..<0x10000:
            self.init(w0: (0xE0 | v >> 12) | (0x80 | v >> 6 & 0x3F) << 8 | (0x80 | v & 0x3F) << 16, w1: 0, w2: 3 << 56)
        default:
            self.init(w0: (0xF0 | v >> 18) | (0x80 | v >> 12 & 0x3F) << 8 | (0x80 | v >> 6 & 0x3F) << 16 | (0x80 | v & 0x3F) << 24,
                      w1: 0, w2: 4 << 56)
        }
    }

    /// A grapheme (or any text: what fits of it, cut between scalars).
    public init(_ text: String) { self.init(scalars: text.unicodeScalars) }

    /// A grapheme's scalars (what fits of them).
    public init<S: Sequence<Unicode.Scalar>>(scalars: S) {
        self = .empty
        var count = 0
        var joinerAt: Int?   // where a trailing U+200D starts, dropped if the text is cut after it
        withUnsafeMutableBytes(of: &self) { bytes in
            for scalar in scalars {
                let n = UTF8.width(scalar)
                if count + n > Self.capacity {
                    if let j = joinerAt { for k in j..<count { bytes[k] = 0 }; count = j }
                    break
                }
                joinerAt = scalar.value == 0x200D ? count : nil
                for byte in UTF8.encode(scalar)! { bytes[count] = byte; count += 1 }
            }
        }
        w2 |= UInt64(count) << 56
    }

    /// How many UTF-8 bytes it holds.
    @inline(__always)
    public var utf8Count: Int { Int(truncatingIfNeeded: w2 >> 56) }

    /// Whether it holds nothing (the right half of a wide glyph).
    @inline(__always)
    public var isEmpty: Bool { w2 >> 56 == 0 }

    /// The text it holds.
    public var string: String {
        var copy = self
        let count = utf8Count
        return withUnsafeBytes(of: &copy) { String(decoding: UnsafeRawBufferPointer(rebasing: $0[..<count]), as: UTF8.self) }
    }

    /// Hands each scalar to `body`, in order, without making a string.
    public func forEachScalar(_ body: (Unicode.Scalar) -> Void) {
        if utf8Count == 1 { return body(Unicode.Scalar(UInt8(truncatingIfNeeded: w0))) }
        var copy = self
        let count = utf8Count
        withUnsafeBytes(of: &copy) { bytes in
            var decoder = UTF8()
            var iterator = bytes[..<count].makeIterator()
            while case .scalarValue(let s) = decoder.decode(&iterator) { body(s) }
        }
    }
}
