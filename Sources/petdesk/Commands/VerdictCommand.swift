import ArgumentParser
import Foundation
import PetDeskRules
import PetDeskUI

/// `petdesk verdict FILE...`: the suggested verdict of every case in the files.
struct VerdictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verdict",
        abstract: "Print the suggested verdict of each case in the files.",
        discussion: """
        Files hold petdesk.case/1 cases: one JSON object, a JSON array, or JSON Lines. '-' reads \
        standard input. Bad records are reported on stderr as FILE:LINE: field: problem and the \
        good ones are still evaluated; the exit status is then 1.

        EXAMPLES:
          petdesk verdict P11.json
          petdesk verdict --format json --at 2022-08-09T12:00:00+08:00 cases.jsonl
          petdesk verdict --lang en --param stall_vests_at=established P11.json
        """
    )

    @Argument(help: ArgumentHelp("Case files ('-' for standard input).", valueName: "FILE"))
    var files: [String]

    @OptionGroup var packOptions: PackOptions

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(help: "Language of the text and of findings: zh or en.")
    var lang: Language = .zh

    @Flag(help: "With --format text: add the full rule trace (every finding, the timers, missing evidence).")
    var trace = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("Name at least one case file (or '-' for standard input).") }
    }

    func run() throws {
        let pack = try packOptions.pack()
        let at = try packOptions.instant()
        let loaded = CaseFiles.load(files)
        var results: [(Case, Verdict)] = []
        for kase in loaded.cases { results.append((kase, pack.evaluate(kase, at: at))) }
        switch format {
        case .json:
            let objects = results.map { VerdictEncoder.json($0.1, english: lang == .en) }
            let value: JSONValue = objects.count == 1 ? objects[0] : .array(objects.map { .value($0) })
            if !results.isEmpty || loaded.hadErrors == false { Output.data(JSONWriter.string(value)) }
        case .text:
            for (i, (kase, verdict)) in results.enumerated() {
                if i > 0 { Output.line("") }
                for line in VerdictSummary.lines(for: kase, verdict: verdict, pack: pack, language: lang, trace: trace) { Output.line(line) }
            }
        }
        if loaded.hadErrors { throw ExitCode(1) }
    }
}

/// Output formats of the reporting commands.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

extension Language: ExpressibleByArgument {}

extension CaseFileContents {
    /// One line for the issues beyond the ones shown: "and N more".
    func reportSuppressed() {
        let more = suppressedErrors + suppressedWarnings
        guard more > 0 else { return }
        Output.error("\(file): and \(more) more (\(suppressedErrors) errors, \(suppressedWarnings) warnings); only the first "
            + "\(CaseFileContents.maximumIssues) are shown")
    }
}

/// Loads case files for a command, reporting every issue on stderr.
enum CaseFiles {
    /// One case file; `-` is standard input (named `<stdin>` in messages).
    static func read(_ file: String, seenOrderIDs: inout [String: String]) -> CaseFileContents {
        guard file == "-" else { return CaseFileReader.read(path: file, seenOrderIDs: &seenOrderIDs) }
        switch CaseFileReader.readBytes(descriptor: 0) {
        case .success(let bytes): return CaseFileReader.parse(bytes, file: "<stdin>", seenOrderIDs: &seenOrderIDs)
        case .failure(let failure):
            var contents = CaseFileContents(file: "<stdin>")
            contents.issues.append(CaseFileIssue(file: "<stdin>", line: 0, field: nil, message: "cannot read standard input: \(failure.message)"))
            return contents
        }
    }

    struct Loaded {
        var cases: [Case] = []
        var hadErrors = false
    }

    static func load(_ files: [String]) -> Loaded {
        var seen: [String: String] = [:]
        var loaded = Loaded()
        for file in files {
            let contents = read(file, seenOrderIDs: &seen)
            for issue in contents.issues { Output.error(issue.description) }
            contents.reportSuppressed()
            if contents.errorCount > 0 { loaded.hadErrors = true }
            loaded.cases += contents.records.map(\.kase)
        }
        return loaded
    }
}
