import Foundation

/// Reads a JSON Lines case file a batch of records at a time, so that a file of a million cases
/// never sits in memory whole: what stays is one read buffer, one batch, and each order id seen
/// (for the duplicate check). Lines are decoded exactly as `CaseFileReader.parse` decodes them.
public enum CaseLineStream {
    /// Bytes read from the file at a time.
    static let chunkBytes = 1 << 20

    /// Whether `path` is a regular file in JSON Lines: its first non-blank line is a whole JSON
    /// object and another non-blank line follows. Anything else (one object, an array, a FIFO)
    /// is read whole by `CaseFileReader.read`, which also reports what is wrong with it.
    public static func isStreamable(path: String) -> Bool {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              attributes[.type] as? FileAttributeType == .typeRegular,
              let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: CaseFileReader.maximumLineBytes + 2) else { return false }
        var bytes = Array(head)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        // The first two lines that are not blank (splitting the whole megabyte read was most
        // of the cost of asking).
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        while lines.count < 2, start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            let line = bytes[start..<end]
            if line.contains(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0D) }) { lines.append(line) }
            start = end + 1
        }
        guard lines.count > 1, let first = lines.first, first.first(where: { $0 != 0x20 && $0 != 0x09 }) == UInt8(ascii: "{") else {
            return false
        }
        var parser = JSONParser(bytes: Array(first), range: 0..<first.count)
        return (try? parser.parseValue()) != nil
    }

    /// Reads `path`, handing `body` up to `batchSize` valid records at a time, in file order.
    /// Returns the file's issues and rejected records (its `records` stay empty); a file that
    /// cannot be read is one issue. `seenOrderIDs` catches duplicates across batches and files.
    public static func read(path: String, batchSize: Int, seenOrderIDs: inout [String: String],
                            _ body: ([CaseRecord]) throws -> Void) rethrows -> CaseFileContents {
        var contents = CaseFileContents(file: path)
        guard let handle = FileHandle(forReadingAtPath: path) else {
            contents.add(CaseFileIssue(file: path, line: 0, field: nil,
                                       message: "cannot read the file: \(String(cString: strerror(errno)).lowercased())"))
            return contents
        }
        defer { try? handle.close() }
        var buffer: [UInt8] = []
        var line = 1, atStart = true
        /// Set while the rest of a line too long to be a case is passed over.
        var skippingFrom: Int?
        while true {
            let chunk: Data?
            do {
                chunk = try handle.read(upToCount: chunkBytes)
            } catch {
                contents.add(CaseFileIssue(file: path, line: line, field: nil,
                                           message: "cannot read the file: \((error as NSError).localizedFailureReason ?? "read error")"))
                return contents
            }
            let atEnd = chunk?.isEmpty ?? true
            if let chunk { buffer.append(contentsOf: chunk) }
            if atStart, buffer.count >= 3 || atEnd {
                if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { buffer.removeFirst(3) }
                atStart = false
            }
            // The chunk's whole lines, decoded together (on several threads), then settled in order.
            var start = 0
            var lines: [CaseFileReader.LineSpan] = []
            while let newline = CaseFileReader.newline(in: buffer, from: start) {
                if let from = skippingFrom {
                    tooLong(line, bytes: newline - from, into: &contents)
                    skippingFrom = nil
                } else {
                    lines.append(CaseFileReader.LineSpan(number: line, range: start..<newline, isTruncated: false))
                }
                line += 1
                start = newline + 1
            }
            if atEnd, skippingFrom == nil, start < buffer.count {
                lines.append(CaseFileReader.LineSpan(number: line, range: start..<buffer.count, isTruncated: true))
            }
            try CaseFileReader.decodeLines(buffer, lines, file: path) { decoded, text in
                CaseFileReader.settle(decoded, text: text, into: &contents, seenOrderIDs: &seenOrderIDs)
                if contents.records.count >= batchSize {
                    try body(contents.records)
                    contents.records.removeAll(keepingCapacity: true)
                }
            }
            if atEnd {
                if let from = skippingFrom { tooLong(line, bytes: buffer.count - from, into: &contents) }
                if !contents.records.isEmpty { try body(contents.records) }
                contents.records.removeAll()
                return contents
            }
            buffer.removeFirst(start)
            // A line longer than any case: stop holding it, count it, and skip to its end.
            if skippingFrom == nil, buffer.count > CaseFileReader.maximumLineBytes { skippingFrom = 0 }
            if let from = skippingFrom {
                skippingFrom = from - buffer.count
                buffer.removeAll(keepingCapacity: true)
            }
        }
    }

    /// Reports a line of `bytes` bytes, too long to be a case (its text is not kept).
    private static func tooLong(_ line: Int, bytes: Int, into contents: inout CaseFileContents) {
        var unused: [String: String] = [:]  // a line too long holds no order id
        CaseFileReader.settle(CaseFileReader.tooLong(file: contents.file, line: line, bytes: bytes), text: { "" },
                              into: &contents, seenOrderIDs: &unused)
    }
}
