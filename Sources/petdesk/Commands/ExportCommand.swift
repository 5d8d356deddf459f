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
            Output.data(CSVCases.orderColumns.map { $0.headers[0] }.joined(separator: ","))
            var events = "order_id,at,text\n"
            try storeCall {
                try db.exportRecords { batch in
                    for record in batch {
                        Output.data(CSVCases.orderRow(record.kase).map(CSVCases.quoted).joined(separator: ","))
                        guard tracking != nil else { continue }
                        for e in record.kase.tracking ?? [] {
                            events += [record.kase.orderID, e.at.description, e.text].map(CSVCases.quoted).joined(separator: ",") + "\n"
                        }
                    }
                }
            }
            if let tracking {
                do {
                    try Data(events.utf8).write(to: URL(fileURLWithPath: tracking), options: .atomic)
                } catch {
                    throw CommandFailure("petdesk: cannot write \(tracking): \(error.localizedDescription)", status: 1)
                }
            }
        }
    }
}
