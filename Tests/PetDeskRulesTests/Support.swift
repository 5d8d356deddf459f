import Foundation
import PetDeskRules
import Testing

/// Test helpers: fixtures and instants.
enum Fixtures {
    static var directory: URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// The one case in a fixture file.
    static func kase(_ name: String) throws -> Case {
        var seen: [String: String] = [:]
        let contents = CaseFileReader.parse(try bytes(name), file: name, seenOrderIDs: &seen)
        #expect(contents.errors.isEmpty, "\(contents.errors)")
        return try #require(contents.records.first?.kase)
    }

    /// Parses bytes as a case file under the name `name`.
    static func parse(_ text: String, name: String = "cases.jsonl") -> CaseFileContents {
        var seen: [String: String] = [:]
        return CaseFileReader.parse(Array(text.utf8), file: name, seenOrderIDs: &seen)
    }
}

/// An instant from RFC 3339 text; traps in tests only.
func instant(_ text: String) -> Instant {
    guard case .success(let i) = PlatformTime.parseInstant(text) else { fatalError("bad test instant \(text)") }
    return i
}

/// The verdict of a case under KS-PET-2022 with optional parameters.
func verdict(_ kase: Case, at: String, params: [String: String] = [:]) throws -> Verdict {
    var pack = RulePack.ksPet2022
    for (k, v) in params { pack = try pack.setting(k, to: v) }
    return pack.evaluate(kase, at: instant(at))
}

extension Verdict {
    /// What a rule concluded: its finding's result; a deciding rule without a finding fired.
    func result(of rule: String) -> FindingResult {
        if let finding = findings.first(where: { $0.rule.rawValue == rule }) { return finding.result }
        return grounds.contains(where: { $0.rawValue == rule }) ? .fired : .notFired
    }
}
