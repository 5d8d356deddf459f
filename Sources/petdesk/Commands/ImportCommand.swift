import ArgumentParser
import Foundation
import PetDeskRules
import PetDeskStore

/// `petdesk import FILE...`: load the platform's exports (or petdesk's own) into the store.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import cases into the store: petdesk.case/1 JSON (object, array, JSON Lines) or the flat CSV export.",
        discussion: """
        All or nothing: a file with any error imports nothing and every error is printed as \
        FILE:LINE: field: problem. Re-importing is harmless (idempotent by order id); a newer \
        export of a case merges its new tracking events and facts, keeping agents' marks.

        EXAMPLES:
          petdesk import orders.jsonl
          petdesk import --dry-run orders.jsonl
          petdesk import --skip-invalid --rejects bad.jsonl orders.jsonl
          petdesk import orders.csv --tracking tracking.csv     (columns: see README)
        """
    )

    @Argument(help: ArgumentHelp("Files to import ('-' for standard input).", valueName: "FILE"))
    var files: [String]

    @Flag(help: "Import the valid records; write the rejected ones with their errors to a rejects file.")
    var skipInvalid = false

    @Flag(help: "Only validate; change nothing.")
    var dryRun = false

    @Option(help: ArgumentHelp("Where --skip-invalid writes rejected records (default: FILE.rejects.jsonl).", valueName: "PATH"))
    var rejects: String?

    @Option(help: ArgumentHelp("With an orders .csv: the tracking-events CSV of the same export.", valueName: "CSV"))
    var tracking: String?

    @Option(help: ArgumentHelp("How many valid records to keep in memory between checking and importing; a larger file is read twice instead.", valueName: "N"))
    var keep = ImportCommand.keptRecords

    @OptionGroup var store: StoreOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("Name at least one file to import.") }
        if tracking != nil && !files.contains(where: { $0.lowercased().hasSuffix(".csv") }) {
            throw ValidationError("--tracking goes with an orders .csv file")
        }
        if keep < 0 { throw ValidationError("--keep is a number of records, 0 or more") }
    }

    /// Valid records per batch of a streamed file: what a JSON Lines import holds in memory.
    static let streamBatch = 5_000
    /// Records pass 1 keeps for pass 2 by default (about 100 MB): a file within it is decoded
    /// once; a larger one is decoded again in pass 2, so memory stays bounded whatever its size.
    static let keptRecords = 20_000

    /// What pass 1 found: every file checked, all or nothing.
    struct Checked {
        /// The valid records kept for pass 2, by the file's place in `files` (a file not here
        /// is read again; a file named twice is two places).
        var held: [Int: [ImportRecord]] = [:]
        var rejected: [(file: String, record: RejectedRecord)] = []
        var errorCount = 0
        var validCount = 0

        /// The record to import, or nil (reported and rejected) when its marks or decisions are bad.
        mutating func check(_ r: CaseRecord, file: String) -> ImportRecord? {
            switch Self.importRecord(r, file: file) {
            case .success(let record):
                validCount += 1
                return record
            case .failure(let failure):
                for issue in failure.issues { Output.error(issue.description) }
                errorCount += failure.issues.count
                rejected.append((file, RejectedRecord(line: r.line, text: JSONWriter.string(CaseEncoder.json(r.kase), pretty: false),
                                                      errors: failure.issues)))
                return nil
            }
        }

        /// Why a decoded case cannot be imported: its marks or decisions are bad.
        struct BadExtras: Error { var issues: [CaseFileIssue] }

        /// A decoded case with the marks, decisions and audit of petdesk's own export, ready to import.
        static func importRecord(_ r: CaseRecord, file: String) -> Result<ImportRecord, BadExtras> {
            let extras = ExportFormat.extras(of: r, file: file)
            guard extras.issues.isEmpty else { return .failure(BadExtras(issues: extras.issues)) }
            return .success(ImportRecord(kase: r.kase, marks: extras.marks, decisions: extras.decisions, audit: extras.audit))
        }

        /// Reports a file's issues and keeps its rejected records.
        mutating func report(_ contents: CaseFileContents, file: String) {
            for issue in contents.issues { Output.error(issue.description) }
            contents.reportSuppressed()
            errorCount += contents.errorCount
            rejected += contents.rejected.map { (file, $0) }
        }
    }

    /// Pass 1: validates every file. A JSON Lines file is streamed and keeps no records (pass 2
    /// reads it again); any other file is read whole and its valid records kept.
    func checkFiles() -> Checked {
        var checked = Checked()
        var seen: [String: String] = [:]
        for (place, file) in files.enumerated() {
            if streams(file) {
                var kept: [ImportRecord]? = []
                let contents = CaseLineStream.read(path: file, batchSize: Self.streamBatch, seenOrderIDs: &seen) { batch in
                    for r in batch {
                        guard let record = checked.check(r, file: file) else { continue }
                        kept?.append(record)
                    }
                    if let n = kept?.count, n + checked.held.values.reduce(0, { $0 + $1.count }) > keep { kept = nil }
                }
                checked.report(contents, file: file)
                if let kept { checked.held[place] = kept }
            } else {
                let contents = file.lowercased().hasSuffix(".csv")
                    ? CSVCases.read(orders: file, tracking: tracking, seenOrderIDs: &seen)
                    : CaseFiles.read(file, seenOrderIDs: &seen)
                checked.report(contents, file: file)
                let records = contents.records.compactMap { checked.check($0, file: file) }
                checked.held[place] = records
            }
        }
        return checked
    }

    func run() throws {
        let checked = checkFiles()
        let (held, rejected, errorCount, validCount) = (checked.held, checked.rejected, checked.errorCount, checked.validCount)
        if dryRun {
            Output.error("dry run: \(validCount) valid record(s), \(rejected.count) invalid; nothing was imported")
            if errorCount > 0 { throw ExitCode(1) }
            return
        }
        // The rejects file must be writable before anything is committed.
        if skipInvalid, !rejected.isEmpty {
            let path = rejectsPath
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            let writable = FileManager.default.fileExists(atPath: path)
                ? FileManager.default.isWritableFile(atPath: path) : FileManager.default.isWritableFile(atPath: folder)
            if !writable {
                throw CommandFailure("petdesk: nothing was imported: cannot write the rejects file \(path); pass --rejects PATH in a writable folder",
                                     status: 1)
            }
        }
        if errorCount > 0 && !skipInvalid {
            throw CommandFailure("petdesk: nothing was imported: \(errorCount) error(s) in \(rejected.count) record(s); fix them, or pass --skip-invalid", status: 1)
        }
        // Pass 2 imports the valid records, a batch at a time, with a progress bar on stderr.
        let db = try store.open(creating: true)
        let at = SystemClock.now()
        let agent = store.agent(for: db)
        var summary = ImportSummary(), done = 0
        var progress = ProgressBar("importing", total: validCount)
        func importBatch(_ records: [ImportRecord]) throws {
            guard !records.isEmpty else { return }
            let part = try storeCall {
                try db.importRecords(records, agent: agent, at: at, source: files.joined(separator: " "), total: validCount,
                                     completes: done + records.count >= validCount)
            }
            summary.inserted += part.inserted
            summary.merged += part.merged
            summary.unchanged += part.unchanged
            done += records.count
            progress.update(done)
        }
        // A second thread reads and decodes the next batch while this one is written.
        let pipe = BatchPipe<[ImportRecord]>(capacity: 2)
        let readerDone = DispatchSemaphore(value: 0)
        let (fileList, heldRecords, batchSize) = (files, held, Self.streamBatch)
        let reader = Thread {
            defer { pipe.close(); readerDone.signal() }
            var seenAgain: [String: String] = [:]
            for (place, file) in fileList.enumerated() {
                if let records = heldRecords[place] {
                    for r in records where seenAgain[r.kase.orderID] == nil { seenAgain[r.kase.orderID] = file }
                    for start in stride(from: 0, to: records.count, by: batchSize) {
                        guard pipe.put(Array(records[start..<min(records.count, start + batchSize)])) else { return }
                    }
                    continue
                }
                struct Stop: Error {}
                do {
                    _ = try CaseLineStream.read(path: file, batchSize: batchSize, seenOrderIDs: &seenAgain) { batch in
                        // Pass 1 reported the records that fail here; they are left out again.
                        let records = batch.compactMap { try? Checked.importRecord($0, file: file).get() }
                        guard pipe.put(records) else { throw Stop() }
                    }
                } catch {
                    return
                }
            }
        }
        reader.start()
        while let batch = pipe.take() {
            do {
                try importBatch(batch)
            } catch {
                pipe.cancel()
                readerDone.wait()
                progress.finish()
                throw error
            }
        }
        readerDone.wait()
        progress.finish()
        if done != validCount {
            Output.error("warning: \(validCount) valid record(s) were checked but \(done) imported: a file changed during the import; import it again")
        }
        Output.line("imported into \(db.location): \(summary.inserted) new, \(summary.merged) merged, \(summary.unchanged) unchanged")
        if !rejected.isEmpty {
            let path = rejectsPath
            try writeRejects(rejected, to: path)
            Output.error("\(rejected.count) record(s) rejected; written with their errors to \(path)")
        }
    }

    /// Whether `file` is read twice in batches (JSON Lines in a regular file) instead of whole.
    private func streams(_ file: String) -> Bool {
        file != "-" && !file.lowercased().hasSuffix(".csv") && CaseLineStream.isStreamable(path: file)
    }

    /// Where rejected records go: `--rejects`, else beside the first file.
    private var rejectsPath: String {
        rejects ?? ((files.first == "-" ? "stdin" : files.first!) + ".rejects.jsonl")
    }

    private func writeRejects(_ list: [(file: String, record: RejectedRecord)], to path: String) throws {
        var text = ""
        for (file, r) in list {
            var o = JSONObjectBuilder()
            o.add("file", file)
            o.add("line", .number(String(r.line)))
            o.add("errors", .array(r.errors.map { .value(.string($0.description)) }))
            o.add("record", r.text)
            text += JSONWriter.string(o.value, pretty: false) + "\n"
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CommandFailure("petdesk: cannot write the rejects file \(path): \(error.localizedDescription)", status: 1)
        }
    }
}

