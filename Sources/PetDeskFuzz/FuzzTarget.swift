import Foundation
import PetDeskRules
import PetDeskStore

/// One fuzz input through the reader chosen by `$PETDESK_FUZZ_TARGET`: `json` (the case-file
/// reader, the default) or `csv` (the orders CSV importer; after a line `--tracking--`, the
/// rest is the tracking file). Whatever the bytes, the readers must not trap.
func fuzzOne(_ bytes: [UInt8], target: String) {
    var seen: [String: String] = [:]
    if target == "csv" {
        let marker = Array("\n--tracking--\n".utf8)
        var orders = bytes, tracking: [UInt8]?
        if let at = bytes.firstRange(of: marker) {
            orders = Array(bytes[..<at.lowerBound])
            tracking = Array(bytes[at.upperBound...])
        }
        _ = CSVCases.parse(orders: orders, file: "orders.csv", tracking: tracking, seenOrderIDs: &seen)
    } else {
        let contents = CaseFileReader.parse(bytes, file: "fuzz.json", seenOrderIDs: &seen)
        // Every case read is evaluated too: the rules must not trap on any case the reader accepts.
        for record in contents.records {
            let v = RulePack.ksPet2022.evaluate(record.kase, at: record.kase.paidAt.adding(seconds: 9 * 86_400))
            _ = VerdictEncoder.json(v)
        }
    }
}

let fuzzTarget = ProcessInfo.processInfo.environment["PETDESK_FUZZ_TARGET"] ?? "json"

#if FUZZING
/// libFuzzer's entry point (built with `-sanitize=fuzzer,address -DFUZZING`; see Fuzz/run.sh).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    fuzzOne(Array(UnsafeBufferPointer(start: data, count: size)), target: fuzzTarget)
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

/// The executable's entry (SwiftPM links `main` to it): hands over to libFuzzer's driver.
@_cdecl("PetDeskFuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in
        fuzzOne(Array(UnsafeBufferPointer(start: data, count: size)), target: fuzzTarget)
        return 0
    }
}
#else
/// Without libFuzzer: replays the files named (a corpus, or crashes found) through the target,
/// so a crash once found stays a regression input.
@main
enum FuzzReplay {
    static func main() {
        var count = 0
        for path in CommandLine.arguments.dropFirst() {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            let files = isDirectory.boolValue
                ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map { path + "/" + $0 }
                : [path]
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                fuzzOne([UInt8](data), target: fuzzTarget)
                count += 1
            }
        }
        print("replayed \(count) inputs through the \(fuzzTarget) target without a trap")
    }
}
#endif
