import Foundation

/// Text from bytes that must be UTF-8 as they are.
enum UTF8Text {
    /// The text these bytes spell, or nil when they are not valid UTF-8.
    ///
    /// `String(validating:as:)` validates through the standard library's generic decoder (a fifth
    /// of reading a case file went there); decoding with repair takes the fast validating copy,
    /// and since a repair writes U+FFFD where the input had no such bytes, the input was valid
    /// exactly when the text's bytes are the input's.
    static func validated(_ bytes: ArraySlice<UInt8>) -> String? {
        var text = String(decoding: bytes, as: UTF8.self)
        let same = text.withUTF8 { decoded in
            bytes.withUnsafeBufferPointer { input in
                decoded.count == input.count && (input.isEmpty || memcmp(decoded.baseAddress!, input.baseAddress!, input.count) == 0)
            }
        }
        return same ? text : nil
    }
}
