import Foundation
import Testing

/// Runs the built `petdesk` binary as a user would.
enum Binary {
    static var url: URL {
        // The test runner sits in the build folder next to the executable.
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 where !FileManager.default.fileExists(atPath: dir.appendingPathComponent("petdesk").path) {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("petdesk")
    }

    static var sharedCases: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("PetDeskRulesTests/Fixtures")
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs petdesk with `arguments`, a private data directory and optional standard input.
    @discardableResult
    static func run(_ arguments: [String], environment: [String: String] = [:], input: String? = nil,
                    executable: String? = nil) throws -> Result {
        let p = Process()
        p.executableURL = executable.map(URL.init(fileURLWithPath:)) ?? url
        p.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = inPipe
        try p.run()
        if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try inPipe.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    /// A fresh temporary folder; the test that asks for one removes it (`remove(_:)`) when done,
    /// so a run leaves nothing behind (CI machines have run out of disk).
    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("petdesk-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Removes a temporary folder and all it holds, whatever permissions a test gave it. A
    /// process the test started may still be ending (a dashboard whose tmux session was just
    /// killed closes its database, removing its `-wal`): a file it writes meanwhile makes the
    /// removal fail, and an empty folder was left once it was gone. So it tries again, for up
    /// to three seconds, until the folder is gone.
    static func remove(_ dir: URL) {
        let deadline = Date().addingTimeInterval(3)
        repeat {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path)
            try? FileManager.default.removeItem(at: dir)
            if !FileManager.default.fileExists(atPath: dir.path) { return }
            Thread.sleep(forTimeInterval: 0.05)
        } while Date() < deadline
    }
}

/// A temporary folder a suite keeps for one test: Swift Testing makes a suite value for each
/// test and drops it after, and the folder goes with it.
final class ScratchFolder: Sendable {
    let url: URL
    init() throws { url = try Binary.temporaryDirectory() }
    deinit { Binary.remove(url) }
}
