import Foundation

/// Progress of a long command on standard error: redrawn in place on a terminal
/// (`importing [#########...........] 45%  450000/1000000  12345 cases/s`), a line at each
/// tenth elsewhere (a log keeps ten lines, not a million). Standard output stays the result.
struct ProgressBar {
    let label: String
    let total: Int
    private let started = ContinuousClock.now
    private let isTerminal = isatty(2) == 1
    private var lastTenth = 0

    init(_ label: String, total: Int) {
        self.label = label
        self.total = total
    }

    /// Shows that `done` of `total` are done.
    mutating func update(_ done: Int) {
        guard total > 0 else { return }
        let percent = min(100, done * 100 / total)
        if isTerminal {
            let width = 24, filled = percent * width / 100
            let seconds = (ContinuousClock.now - started) / .seconds(1)
            let rate = seconds > 0 ? Int(Double(done) / seconds) : 0
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(percent)%  \(done)/\(total)  \(rate) cases/s\u{1B}[K".utf8))
        } else if percent / 10 > lastTenth || done == total {
            lastTenth = percent / 10
            Output.error("\(label): \(done)/\(total) (\(percent)%)")
        }
    }

    /// Ends the bar's line on a terminal, so what follows starts on a line of its own.
    func finish() {
        if isTerminal, total > 0 { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
