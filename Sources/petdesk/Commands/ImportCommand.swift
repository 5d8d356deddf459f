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

    @OptionGroup var store: StoreOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("Name at least one file to import.") }
        if tracking != nil && !files.contains(where: { $0.lowercased().hasSuffix(".csv") }) {
            throw ValidationError("--tracking goes with an orders .csv file")
        }
    }

    func run() throws {
        var seen: [String: String] = [:]
        var records: [ImportRecord] = []
        var rejected: [(file: String, record: RejectedRecord)] = []
        var errorCount = 0
        for file in files {
            let contents = file.lowercased().hasSuffix(".csv")
                ? CSVCases.read(orders: file, tracking: tracking, seenOrderIDs: &seen)
                : CaseFiles.read(file, seenOrderIDs: &seen)
            for issue in contents.issues { Output.error(issue.description) }
            contents.reportSuppressed()
            errorCount += contents.errorCount
            rejected += contents.rejected.map { (file, $0) }
            for r in contents.records {
                let extras = ExportFormat.extras(of: r, file: file)
                if extras.issues.isEmpty {
                    records.append(ImportRecord(kase: r.kase, marks: extras.marks, decisions: extras.decisions, audit: extras.audit))
                } else {
                    for issue in extras.issues { Output.error(issue.description) }
                    errorCount += extras.issues.count
                    rejected.append((file, RejectedRecord(line: r.line, text: JSONWriter.string(CaseEncoder.json(r.kase), pretty: false),
                                                          errors: extras.issues)))
                }
            }
        }
        if dryRun {
            Output.error("dry run: \(records.count) valid record(s), \(rejected.count) invalid; nothing was imported")
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
        let db = try store.open(creating: true)
        let at = SystemClock.now()
        let total = records.count
        let summary = try storeCall {
            try db.importRecords(records, agent: store.agent(for: db), at: at, source: files.joined(separator: " ")) { done in
                Output.error("imported \(done)/\(total)…")
            }
        }
        Output.line("imported into \(db.location): \(summary.inserted) new, \(summary.merged) merged, \(summary.unchanged) unchanged")
        if !rejected.isEmpty {
            let path = rejectsPath
            try writeRejects(rejected, to: path)
            Output.error("\(rejected.count) record(s) rejected; written with their errors to \(path)")
        }
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

