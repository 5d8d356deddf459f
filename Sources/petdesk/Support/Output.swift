import Foundation

/// Writes to standard output and standard error without buffering surprises.
enum Output {
    /// A line on standard output.
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// A line on standard error.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// Bad input was reported line by line on standard error: exit status 1.
struct BadInput: Error {}
