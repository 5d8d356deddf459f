import Foundation
@testable import PetDeskRules
import Testing

/// A JSON Lines file streamed in batches gives exactly what reading it whole gives: the same
/// records in the same order, the same issues on the same lines, the same rejected records.
struct CaseLineStreamTests {
    static let good = BadInputTests.good

    static func write(_ bytes: [UInt8]) throws -> String {
        let path = NSTemporaryDirectory() + "petdesk-stream-\(UUID().uuidString).jsonl"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func compare(_ bytes: [UInt8], batchSize: Int) throws {
        let path = try write(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var seenWhole: [String: String] = [:], seenStream: [String: String] = [:]
        let whole = CaseFileReader.parse(bytes, file: path, seenOrderIDs: &seenWhole)
        var streamed: [CaseRecord] = [], batches: [Int] = []
        let contents = CaseLineStream.read(path: path, batchSize: batchSize, seenOrderIDs: &seenStream) { batch in
            batches.append(batch.count)
            streamed += batch
        }
        #expect(!whole.records.isEmpty)
        #expect(streamed.map(\.kase) == whole.records.map(\.kase))
        #expect(streamed.map(\.line) == whole.records.map(\.line))
        #expect(contents.issues.map(\.description) == whole.issues.map(\.description))
        #expect(contents.rejected.map(\.line) == whole.rejected.map(\.line))
        #expect(contents.rejected.map(\.text) == whole.rejected.map(\.text))
        #expect(contents.records.isEmpty)
        #expect(batches.allSatisfy { $0 <= batchSize } && batches.dropLast().allSatisfy { $0 == batchSize })
    }

    @Test func aFileWithEveryKindOfBadLineStreamsAsItReadsWhole() throws {
        let line = { (id: String) in Self.good.replacingOccurrences(of: "A1", with: id) }
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
        bytes += Array((line("A1") + "\n\n" + line("A2") + "\r\n" + "{\"order_id\": \"A3\",\n" + line("A4") + "\n" + line("A2") + "\n").utf8)
        var bad = Array(line("A5").utf8)
        bad[bad.lastIndex(of: "猫".utf8.first!)!] = 0xFF
        bytes += bad + [0x0A]
        bytes += Array((line("A6") + "\n" + line("A7") + "\n" + String(line("A8").prefix(30))).utf8)
        for size in [1, 2, 3, 100] { try Self.compare(bytes, batchSize: size) }
    }

    @Test func linesCrossingTheReadBufferAndALineTooLongToBeACase() throws {
        // Lines long enough that several straddle the 1 MiB reads, and one longer than any case.
        let padded = { (id: String, n: Int) in
            Self.good.replacingOccurrences(of: "A1", with: id).replacingOccurrences(of: "}", with: ",\"title\":\"\(String(repeating: "猫", count: n))\"}")
        }
        var text = (0..<40).map { padded("B\($0)", 20_000 + $0 * 37) }.joined(separator: "\n") + "\n"
        text += padded("HUGE", CaseFileReader.maximumLineBytes / 3 + 10) + "\n" + padded("LAST", 10) + "\n"
        try Self.compare(Array(text.utf8), batchSize: 7)
    }

    @Test func onlyJSONLinesInARegularFileIsStreamed() throws {
        let jsonl = try Self.write(Array((Self.good + "\n" + Self.good + "\n").utf8))
        let single = try Self.write(Array(Self.good.utf8))
        let array = try Self.write(Array(("[" + Self.good + ",\n" + Self.good + "]").utf8))
        let pretty = try Self.write(Array("{\n  \"order_id\": \"A1\"\n}\n".utf8))
        defer { for path in [jsonl, single, array, pretty] { try? FileManager.default.removeItem(atPath: path) } }
        #expect(CaseLineStream.isStreamable(path: jsonl))
        #expect(!CaseLineStream.isStreamable(path: single))
        #expect(!CaseLineStream.isStreamable(path: array))
        #expect(!CaseLineStream.isStreamable(path: pretty))
        #expect(!CaseLineStream.isStreamable(path: "/dev/null"))
        #expect(!CaseLineStream.isStreamable(path: NSTemporaryDirectory()))
    }
}

/// Lines decoded on several threads settle exactly as when decoded one after another: the
/// same records in file order, the first of two equal order ids kept wherever the workers'
/// shares split, the same issues up to the file's cap and the same count past it.
struct ParallelDecodeTests {
    /// The file's contents with its lines decoded by `workers` threads.
    static func contents(_ bytes: [UInt8], workers: Int) -> CaseFileContents {
        var lines: [CaseFileReader.LineSpan] = []
        var start = 0, number = 1
        while let newline = bytes[start...].firstIndex(of: 0x0A) {
            lines.append(CaseFileReader.LineSpan(number: number, range: start..<newline, isTruncated: false))
            start = newline + 1
            number += 1
        }
        var contents = CaseFileContents(file: "cases.jsonl")
        var seen: [String: String] = [:]
        CaseFileReader.decodeLines(bytes, lines, file: "cases.jsonl", workers: workers) { decoded, text in
            CaseFileReader.settle(decoded, text: text, into: &contents, seenOrderIDs: &seen)
        }
        return contents
    }

    @Test func severalThreadsDecodeAsOneDoes() throws {
        let line = { (id: String) in BadInputTests.good.replacingOccurrences(of: "A1", with: id) }
        var text = ""
        for i in 0..<600 {
            switch i % 10 {
            case 1: text += "{\"order_id\": \"broken\(i)\",\n"             // not JSON
            case 3: text += "\n"                                              // blank
            case 5: text += "[1, 2]\n"                                        // not an object
            case 7: text += line("C\(599 - i)") + "\n"                        // an id another line has too
            case 9: text += line("C\(i)").replacingOccurrences(of: "\"paid_at\"", with: "\"paid\"") + "\n"  // a field error
            default: text += line("C\(i)") + "\n"
            }
        }
        let bytes = Array(text.utf8)
        let one = Self.contents(bytes, workers: 1)
        #expect(one.records.count > 200 && one.rejected.count > 200)
        #expect(one.suppressedErrors > 0, "past the cap on listed issues")
        #expect(one.issues.contains { $0.message.hasPrefix("duplicate order id") })
        for workers in [2, 3, 4] {
            let many = Self.contents(bytes, workers: workers)
            #expect(many.records.map(\.kase) == one.records.map(\.kase))
            #expect(many.records.map(\.line) == one.records.map(\.line))
            #expect(many.issues.map(\.description) == one.issues.map(\.description))
            #expect(many.rejected.map(\.line) == one.rejected.map(\.line))
            #expect(many.rejected.map(\.text) == one.rejected.map(\.text))
            #expect(many.rejected.map { $0.errors.map(\.description) } == one.rejected.map { $0.errors.map(\.description) })
            #expect((many.suppressedErrors, many.suppressedWarnings) == (one.suppressedErrors, one.suppressedWarnings))
        }
    }
}
