import Foundation
import Testing

/// A test's temporary folder is gone when the test ends, even while a process it started is
/// still writing in it.
struct ScratchFolderTests {
    @Test func aFolderAProcessIsStillWritingInIsRemovedOnceItStops() throws {
        let dir = try Binary.temporaryDirectory()
        // Four writers creating files as fast as a shell can, for half a second: a removal in
        // the meantime finds the folder not empty.
        let writers = (0..<4).map { n in
            let writer = Process()
            writer.executableURL = URL(fileURLWithPath: "/bin/sh")
            writer.arguments = ["-c", "end=$(($(date +%s%N) + 500000000)); i=0; "
                                + "while [ $(date +%s%N) -lt $end ]; do : > \"$0/f\(n)-$i\" 2>/dev/null; i=$((i+1)); done", dir.path]
            return writer
        }
        for writer in writers { try writer.run() }
        Thread.sleep(forTimeInterval: 0.1)
        Binary.remove(dir)
        for writer in writers { writer.waitUntilExit() }
        #expect(!FileManager.default.fileExists(atPath: dir.path))
        Binary.remove(dir)  // whatever the outcome, nothing left
    }
}
