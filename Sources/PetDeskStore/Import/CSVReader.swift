/// Reads CSV text (RFC 4180: comma, double quotes, CRLF or LF) into records that know the line
/// they start on, so every problem is reported where it is, in petdesk's words.
public enum CSVReader {
    /// One record: the physical line it starts on (1-based) and its fields.
    public struct Record: Equatable, Sendable {
        /// The line it starts on.
        public var line: Int
        /// Its fields.
        public var fields: [String]
    }

    /// What is wrong with the text, and where.
    public struct Failure: Error, Equatable, Sendable {
        /// Where.
        public var line: Int
        /// What is wrong.
        public var message: String
    }

    /// The records of `text`, or the first structural problem. A quoted field may span lines;
    /// one whose quote never closes, or that closes with text glued to it, is an error at the
    /// line where the field started.
    public static func records(_ text: String) -> Result<[Record], Failure> {
        var records: [Record] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var line = 1, recordLine = 1
        var inQuotes = false, quoteLine = 0, wasQuoted = false, afterQuote = false
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let p = pending { pending = nil; return p }
            return scalars.next()
        }
        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            wasQuoted = false
            afterQuote = false
        }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
            fields = []
        }
        while let c = next() {
            if inQuotes {
                if c == "\"" {
                    if let n = next() {
                        if n == "\"" { field.append("\""); continue }
                        pending = n
                    }
                    inQuotes = false
                    afterQuote = true
                } else {
                    if c == "\n" { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case ",":
                endField()
            case "\r":
                if let n = next(), n != "\n" { pending = n }
                endRecord(); line += 1; recordLine = line
            case "\n":
                endRecord(); line += 1; recordLine = line
            case "\"" where field.isEmpty && !wasQuoted:
                inQuotes = true
                wasQuoted = true
                quoteLine = line
            default:
                if afterQuote {
                    return .failure(Failure(line: quoteLine, message: "text after the closing quote of a field that starts here; "
                        + "a quote inside a field is written as two quotes (\"\")"))
                }
                field.append(c)
            }
        }
        if inQuotes {
            return .failure(Failure(line: quoteLine, message: "a quoted field starting here never closes; "
                + "it would swallow every row after it: close its quote"))
        }
        if !field.isEmpty || !fields.isEmpty || wasQuoted { endRecord() }
        return .success(records)
    }
}
