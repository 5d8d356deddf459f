import Foundation

/// A case decoded from a file, with the line it starts on.
public struct CaseRecord: Sendable {
    /// The case.
    public var kase: Case
    /// The line where its object starts.
    public var line: Int
    /// Fields of petdesk's own exports (`marks`, `decisions`), as found.
    public var extensions: [String: JSONNode] = [:]
}

/// A record that could not be decoded: its text and why, for a rejects file.
public struct RejectedRecord: Sendable {
    /// The line where it starts.
    public var line: Int
    /// The record's text (one line of JSON).
    public var text: String
    /// Its errors.
    public var errors: [CaseFileIssue]

    /// Creates a rejected record.
    public init(line: Int, text: String, errors: [CaseFileIssue]) {
        self.line = line
        self.text = text
        self.errors = errors
    }
}

/// Everything read from one case file.
public struct CaseFileContents: Sendable {
    /// The file as the user named it.
    public var file: String
    /// Valid records, in file order.
    public var records: [CaseRecord] = []
    /// Invalid records with their errors.
    public var rejected: [RejectedRecord] = []
    /// Every error and warning, in file order, up to `maximumIssues`.
    public var issues: [CaseFileIssue] = []
    /// Errors beyond `maximumIssues`: counted, not kept (a file of a million bad elements must
    /// not cost a million messages of memory or of screen).
    public private(set) var suppressedErrors = 0
    /// Warnings beyond `maximumIssues`.
    public private(set) var suppressedWarnings = 0

    /// How many issues a file keeps in full; the rest are counted ("and N more").
    public static let maximumIssues = 200

    /// Creates empty contents for `file`.
    public init(file: String) { self.file = file }

    /// Keeps an issue, or counts it once `maximumIssues` are kept. Returns whether it was kept.
    @discardableResult
    public mutating func add(_ issue: CaseFileIssue) -> Bool {
        if issues.count < Self.maximumIssues { issues.append(issue); return true }
        if issue.severity == .error { suppressedErrors += 1 } else { suppressedWarnings += 1 }
        return false
    }

    /// How many errors the file has, kept or counted.
    public var errorCount: Int { errors.count + suppressedErrors }

    /// Only the errors.
    public var errors: [CaseFileIssue] { issues.filter { $0.severity == .error } }
    /// Only the warnings.
    public var warnings: [CaseFileIssue] { issues.filter { $0.severity == .warning } }
}

/// Reads case files: one JSON object, a JSON array of objects, or JSON Lines (one object a line).
///
/// Malformed input of any kind becomes issues naming file, line and field; nothing traps.
public enum CaseFileReader {
    /// Reads and decodes a file; `seenOrderIDs` carries ids across files to catch duplicates.
    public static func read(path: String, seenOrderIDs: inout [String: String]) -> CaseFileContents {
        switch readBytes(path: path) {
        case .success(let bytes): return parse(bytes, file: path, seenOrderIDs: &seenOrderIDs)
        case .failure(let reason):
            var c = CaseFileContents(file: path)
            c.add(CaseFileIssue(file: path, line: 0, field: nil, message: "cannot read the file: \(reason.message)"))
            return c
        }
    }

    /// The most petdesk reads from a stream of unknown size (standard input, a FIFO, a device):
    /// an endless one like /dev/zero is refused instead of exhausting memory. A regular file's
    /// size is known, so it is read whole.
    public static let maximumBytes = 1 << 30

    /// The longest JSON Lines line petdesk reads: a case is a few kilobytes.
    public static let maximumLineBytes = 8 << 20

    /// Why a file could not be read, in words.
    public struct ReadFailure: Error { public var message: String }

    /// Reads a whole file, FIFO or `/dev/fd/N` through a descriptor (so `<(cat f)` works),
    /// at most `limit` bytes; the failure says why in the system's words.
    public static func readBytes(path: String, limit: Int = maximumBytes) -> Result<[UInt8], ReadFailure> {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return .failure(ReadFailure(message: "it is a folder; name a case file"))
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return .failure(ReadFailure(message: String(cString: strerror(errno)).lowercased())) }
        defer { close(fd) }
        let type = (try? FileManager.default.attributesOfItem(atPath: path)[.type]) as? FileAttributeType
        return readBytes(descriptor: fd, limit: type == .typeRegular ? Int.max : limit)
    }

    /// Reads a descriptor to its end, at most `limit` bytes.
    public static func readBytes(descriptor fd: Int32, limit: Int = maximumBytes) -> Result<[UInt8], ReadFailure> {
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: false)
        var bytes: [UInt8] = []
        while true {
            let chunk: Data?
            do {
                chunk = try handle.read(upToCount: 1 << 16)
            } catch {
                return .failure(ReadFailure(message: (error as NSError).localizedFailureReason ?? "read error"))
            }
            guard let chunk, !chunk.isEmpty else { return .success(bytes) }
            guard bytes.count + chunk.count <= limit else {
                return .failure(ReadFailure(message: "larger than \(limit >> 20) MiB; split it into smaller files"))
            }
            bytes.append(contentsOf: chunk)
        }
    }

    /// Decodes bytes; `file` names them in messages.
    public static func parse(_ input: [UInt8], file: String, seenOrderIDs: inout [String: String]) -> CaseFileContents {
        var contents = CaseFileContents(file: file)
        var start = 0
        if input.count >= 3, input[0] == 0xEF, input[1] == 0xBB, input[2] == 0xBF { start = 3 }
        guard let first = (start..<input.count).first(where: { !isSpace(input[$0]) }) else {
            contents.add(CaseFileIssue(file: file, line: 1, field: nil,
                message: "the file is empty; expected a case object, an array of cases or JSON Lines"))
            return contents
        }
        var decoder = CaseDecoder(file: file)
        func add(_ node: JSONNode, text: () -> String) {
            decode(node, text: text, decoder: &decoder, into: &contents, seenOrderIDs: &seenOrderIDs)
        }
        let lines = lineRanges(input, from: start)
        if input[first] == UInt8(ascii: "{"), looksLikeJSONLines(input, lines) {
            let spans = lines.map { LineSpan(number: $0.0, range: $0.1, isTruncated: $0.0 == lines.last?.0 && input.last != 0x0A) }
            decodeLines(input, spans, file: file) { settle($0, text: $1, into: &contents, seenOrderIDs: &seenOrderIDs) }
            return contents
        }
        if let bad = firstInvalidUTF8(input, start..<input.count) {
            let line = 1 + input[start..<bad].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            contents.add(CaseFileIssue(file: file, line: line, field: nil,
                message: "invalid UTF-8 (byte 0x\(String(input[bad], radix: 16))); save the file as UTF-8"))
            return contents
        }
        guard input[first] == UInt8(ascii: "{") || input[first] == UInt8(ascii: "[") else {
            let line = 1 + input[start..<first].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            contents.add(CaseFileIssue(file: file, line: line, field: nil,
                message: "not JSON: expected a case object '{', an array '[' or JSON Lines"))
            return contents
        }
        var parser = JSONParser(bytes: input, range: start..<input.count)
        do {
            repeat {
                let node = try parser.parseValue(requireEnd: false)
                if case .array(let items) = node.value {
                    for item in items { add(item) { JSONWriter.string(item.value, pretty: false) } }
                } else {
                    add(node) { JSONWriter.string(node.value, pretty: false) }
                }
            } while !parser.isAtEnd()
        } catch {
            contents.add(CaseFileIssue(file: file, line: error.line, field: nil,
                message: "not JSON: \(error.message) at column \(error.column); nothing after this point was read"))
        }
        return contents
    }

    /// A line of a JSON Lines file: its number, its bytes without the newline, and whether it
    /// is the file's last with no newline after it.
    struct LineSpan {
        var number: Int
        var range: Range<Int>
        var isTruncated: Bool
    }

    /// Lines of a JSON Lines file decoded on up to `most` threads, then settled in
    /// file order (the duplicate check and the cap on issues read the lines before each):
    /// `body` gets each line's result with its text. Decoding is nearly all of reading a case
    /// file, and each line is decoded on its own.
    static func decodeLines(_ input: [UInt8], _ lines: [LineSpan], file: String, workers most: Int = maximumWorkers,
                            _ body: (DecodedRecord, _ text: () -> String) throws -> Void) rethrows {
        let workers = max(1, min(most, lines.count / linesPerWorker))
        var results = [DecodedRecord](repeating: .blank, count: lines.count)
        if workers == 1 {
            var decoder = CaseDecoder(file: file)
            for i in lines.indices { results[i] = decodeAlone(input, lines[i], decoder: &decoder) }
        } else {
            results.withUnsafeMutableBufferPointer { out in
                let slots = DisjointSlots(base: out.baseAddress!)
                DispatchQueue.concurrentPerform(iterations: workers) { w in
                    var decoder = CaseDecoder(file: file)
                    for i in (lines.count * w / workers)..<(lines.count * (w + 1) / workers) {
                        slots.base[i] = decodeAlone(input, lines[i], decoder: &decoder)
                    }
                }
            }
        }
        for (line, result) in zip(lines, results) {
            try body(result) { String(decoding: input[line.range], as: UTF8.self) }
        }
    }

    /// Result slots that workers fill at once: each worker writes only its own contiguous share,
    /// so no slot is touched by two threads (and the caller reads them after all are done).
    private struct DisjointSlots<T>: @unchecked Sendable {
        let base: UnsafeMutablePointer<T>
    }

    /// Threads that decode one file's lines at once: the machine's cores, at most four.
    static let maximumWorkers = min(4, max(1, ProcessInfo.processInfo.activeProcessorCount))
    /// Fewer lines than this a worker are decoded on the calling thread (starting a thread
    /// costs more than a few lines).
    static let linesPerWorker = 32

    /// One record decoded on its own: everything but what needs the records before it (a
    /// duplicate order id, the file's cap on listed issues), so that records can be decoded in
    /// parallel and settled in file order.
    enum DecodedRecord: Sendable {
        case blank
        /// A line too long to be a case: its issue; its text is not kept.
        case tooLong(CaseFileIssue)
        /// A line that is not JSON (or not UTF-8): its issue, always given with the rejected record.
        case unreadable(CaseFileIssue)
        /// A value that is not an object: its issue, given with the rejected record when listed.
        case notObject(CaseFileIssue)
        /// A case object: the case when it has no error, the decoder's issues, the line the
        /// object and its order id start on, and petdesk's own extension fields.
        case object(Case?, issues: [CaseFileIssue], line: Int, orderIDLine: Int, extensions: [String: JSONNode])
    }

    /// Parses and decodes one line on its own.
    static func decodeAlone(_ input: [UInt8], _ line: LineSpan, decoder: inout CaseDecoder) -> DecodedRecord {
        let (range, number) = (line.range, line.number)
        guard range.contains(where: { !isSpace(input[$0]) }) else { return .blank }
        let file = decoder.file
        // One case is a few kilobytes: a line this long is not a case, and its text is not kept.
        guard range.count <= maximumLineBytes else { return tooLong(file: file, line: number, bytes: range.count) }
        // A line that parses is valid UTF-8 (the parser validates every string, and accepts
        // only ASCII outside them), so the line is searched for invalid bytes only when its
        // parse fails: that error is named first, as before (searching every line first was
        // 6 % of reading a case file).
        var parser = JSONParser(bytes: input, range: range, firstLine: number)
        do {
            return decodeAlone(try parser.parseValue(), decoder: &decoder)
        } catch {
            if let bad = firstInvalidUTF8(input, range) {
                return .unreadable(CaseFileIssue(file: file, line: number, field: nil,
                                                 message: "invalid UTF-8 (byte 0x\(String(input[bad], radix: 16)) at column \(bad - range.lowerBound + 1))"))
            }
            let truncated = line.isTruncated && error.message.hasPrefix("unexpected end")
            return .unreadable(CaseFileIssue(file: file, line: number, field: nil,
                message: truncated ? "truncated last line: \(error.message)" : "not JSON: \(error.message) at column \(error.column)"))
        }
    }

    /// A line of `bytes` bytes, too long to be a case.
    static func tooLong(file: String, line: Int, bytes: Int) -> DecodedRecord {
        .tooLong(CaseFileIssue(file: file, line: line, field: nil,
                               message: "a line of \(bytes) bytes; a case line is at most \(maximumLineBytes >> 20) MiB"))
    }

    /// Decodes one value on its own.
    static func decodeAlone(_ node: JSONNode, decoder: inout CaseDecoder) -> DecodedRecord {
        guard case .object(let members) = node.value else {
            return .notObject(CaseFileIssue(file: decoder.file, line: node.line, field: nil,
                                            message: "expected a case object, found \(node.value.typeName)"))
        }
        let kase = decoder.decode(node)
        var extensions: [String: JSONNode] = [:]
        if kase != nil { for m in members where CaseDecoder.isExtensionKey(m.key) { extensions[m.key] = m.value } }
        return .object(kase, issues: decoder.issues, line: node.line, orderIDLine: orderIDLine(node), extensions: extensions)
    }

    /// Adds a record decoded on its own to `contents`, in file order: a case whose order id was
    /// seen before is rejected, and issues past the file's cap are counted, not listed.
    static func settle(_ decoded: DecodedRecord, text: () -> String, into contents: inout CaseFileContents,
                       seenOrderIDs: inout [String: String]) {
        switch decoded {
        case .blank:
            return
        case .tooLong(let issue):
            if contents.add(issue) { contents.rejected.append(RejectedRecord(line: issue.line, text: "", errors: [issue])) }
        case .unreadable(let issue):
            contents.add(issue)
            contents.rejected.append(RejectedRecord(line: issue.line, text: text(), errors: [issue]))
        case .notObject(let issue):
            let kept = contents.add(issue)
            contents.rejected.append(RejectedRecord(line: issue.line, text: text(), errors: kept ? [issue] : []))
        case .object(var kase, var issues, let line, let orderIDLine, let extensions):
            if let k = kase {
                if let previous = seenOrderIDs[k.orderID] {
                    issues.append(CaseFileIssue(file: contents.file, line: orderIDLine, field: "order_id",
                                                message: "duplicate order id \"\(k.orderID)\" (first at \(previous))"))
                    kase = nil
                } else {
                    seenOrderIDs[k.orderID] = "\(contents.file):\(line)"
                }
            }
            var keptAll = true
            for issue in issues where !contents.add(issue) { keptAll = false }
            if let kase {
                contents.records.append(CaseRecord(kase: kase, line: line, extensions: extensions))
            } else {
                contents.rejected.append(RejectedRecord(line: line, text: text(),
                                                        errors: keptAll ? issues.filter { $0.severity == .error } : []))
            }
        }
    }

    /// Decodes one record that is already JSON (a file's element, or a row another format built):
    /// a case, or a rejected record with its errors; duplicate order ids are caught across calls.
    public static func decode(_ node: JSONNode, text: () -> String, decoder: inout CaseDecoder,
                              into contents: inout CaseFileContents, seenOrderIDs: inout [String: String]) {
        settle(decodeAlone(node, decoder: &decoder), text: text, into: &contents, seenOrderIDs: &seenOrderIDs)
    }

    /// JSON Lines when the first line holds a whole value and more follows, or when every non-blank
    /// line starts with `{` and all but the last end with `}` (so one broken line hides no other).
    private static func looksLikeJSONLines(_ input: [UInt8], _ lines: [(Int, Range<Int>)]) -> Bool {
        let nonBlank = lines.compactMap { line -> (first: UInt8, last: UInt8, range: Range<Int>)? in
            guard let f = line.1.first(where: { !isSpace(input[$0]) }),
                  let l = line.1.last(where: { !isSpace(input[$0]) }) else { return nil }
            return (input[f], input[l], line.1)
        }
        guard nonBlank.count > 1 else { return false }
        var p = JSONParser(bytes: input, range: nonBlank[0].range)
        if (try? p.parseValue()) != nil { return true }
        return nonBlank.allSatisfy { $0.first == UInt8(ascii: "{") }
            && nonBlank.dropLast().allSatisfy { $0.last == UInt8(ascii: "}") }
    }

    private static func orderIDLine(_ node: JSONNode) -> Int {
        if case .object(let members) = node.value, let m = members.first(where: { $0.key == "order_id" }) { return m.value.line }
        return node.line
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// The first newline in `bytes` at or after `start`, found by `memchr` (`petdesk import
    /// --dry-run` of 2,000 cases, searched a byte at a time: 864.6 M -> 832.9 M instructions).
    static func newline(in bytes: [UInt8], from start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, let found = memchr(base + start, 0x0A, buffer.count - start) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// (line number, byte range without the newline) for every line.
    private static func lineRanges(_ input: [UInt8], from start: Int) -> [(Int, Range<Int>)] {
        var result: [(Int, Range<Int>)] = []
        var lineStart = start
        var number = 1
        while let i = newline(in: input, from: lineStart) {
            result.append((number, lineStart..<i))
            number += 1
            lineStart = i + 1
        }
        if lineStart < input.count { result.append((number, lineStart..<input.count)) }
        return result
    }

    private static func firstInvalidUTF8(_ input: [UInt8], _ range: Range<Int>) -> Int? {
        if UTF8Text.validated(input[range]) != nil { return nil }
        var iterator = input[range].makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = range.lowerBound
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}
