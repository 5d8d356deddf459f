import ArgumentParser
import Foundation
import PetDeskRules
import PetDeskStore

/// Formats `petdesk export` writes.
enum ExportFormatOption: String, ExpressibleByArgument, CaseIterable {
    case jsonl, csv
}

/// `petdesk export`: every case with its marks and decisions.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export every case: JSON Lines with marks and decisions (round-trips through import), or flat CSV.",
        discussion: """
        jsonl (default) is petdesk.case/1 plus the agents' marks and decisions: import → export → import \
        gives the same database content. csv writes the flat orders columns of the platform's export \
        (see README) to stdout and, with --tracking, the tracking events to a second file; it carries \
        no checklist, marks or decisions.

        EXAMPLES:
          petdesk export > backup.jsonl
          petdesk export --format csv --tracking tracking.csv > orders.csv
        """
    )

    @Option(help: "jsonl or csv.") var format: ExportFormatOption = .jsonl
    @Option(help: ArgumentHelp("With --format csv: where to write the tracking events.", valueName: "CSV")) var tracking: String?
    @OptionGroup var store: StoreOptions

    func run() throws {
        let db = try store.open()
        // Written a batch at a time as the store hands them over: memory stays flat.
        switch format {
        case .jsonl:
            try storeCall {
                try db.exportRecords { batch in
                    for record in batch { Output.data(JSONWriter.string(ExportFormat.json(record), pretty: false)) }
                }
            }
        case .csv:
            // The tracking file is written beside its final name and put in place at the end,
            // a batch at a time like the orders (it was gathered whole in memory first).
            let events = try tracking.map(TrackingFile.init(path:))
            Output.data(CSVCases.orderColumns.map { $0.headers[0] }.joined(separator: ","))
            do {
                try storeCall {
                    try db.exportRecords { batch in
                        var lines = ""
                        for record in batch {
                            Output.data(CSVCases.orderRow(record.kase).map(CSVCases.quoted).joined(separator: ","))
                            guard events != nil else { continue }
                            for e in record.kase.tracking ?? [] {
                                lines += [record.kase.orderID, e.at.description, e.text].map(CSVCases.quoted).joined(separator: ",") + "\n"
                            }
                        }
                        try events?.write(lines)
                    }
                }
                try events?.finish()
            } catch {
                events?.abandon()
                throw error
            }
        }
    }
}

/// The `--tracking` CSV file, written beside its final name (`PATH.partial`) and moved into
/// place when complete, so a failed export never leaves half a file under the name asked for.
private final class TrackingFile {
    let path: String
    private let partial: String
    private let handle: FileHandle

    init(path: String) throws {
        self.path = path
        partial = path + ".partial"
        guard FileManager.default.createFile(atPath: partial, contents: Data("order_id,at,text\n".utf8)),
              let handle = FileHandle(forWritingAtPath: partial) else {
            throw CommandFailure("petdesk: cannot write \(path): choose a writable --tracking path", status: 1)
        }
        self.handle = handle
        handle.seekToEndOfFile()
    }

    func write(_ lines: String) throws {
        guard !lines.isEmpty else { return }
        do {
            try handle.write(contentsOf: Data(lines.utf8))
        } catch {
            throw CommandFailure("petdesk: cannot write \(path): \(error.localizedDescription)", status: 1)
        }
    }

    func finish() throws {
        try? handle.close()
        guard rename(partial, path) == 0 else {
            abandon()
            throw CommandFailure("petdesk: cannot write \(path): the finished file could not be put in place", status: 1)
        }
    }

    func abandon() {
        try? handle.close()
        try? FileManager.default.removeItem(atPath: partial)
    }
}
