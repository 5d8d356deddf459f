import Foundation
import PetDeskUI

/// Writes to standard output and standard error without buffering surprises. Human text passes
/// the one sanitiser on its way to a terminal (a buyer name, a decision's reason or a bad value
/// in an error can neither clear the screen nor write the clipboard); machine data (JSON, the
/// export) is written exactly, its control characters already escaped by its format.
enum Output {
    /// A line of human text on standard output.
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((sanitized(text) + "\n").utf8))
    }

    /// A line of human text on standard error.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((sanitized(text) + "\n").utf8))
    }

    /// A line of machine data (JSON, JSON Lines, CSV) on standard output, exactly.
    static func data(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Every line of `text` made safe for a terminal.
    static func sanitized(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { Sanitizer.line(String($0)) }.joined(separator: "\n")
    }
}

/// Bad input was reported line by line on standard error: exit status 1.
