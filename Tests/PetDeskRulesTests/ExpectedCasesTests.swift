import Foundation
import PetDeskRules
import Testing

/// Every case of shared/cases/expected.json, through the library.
struct ExpectedCasesTests {
    struct Expectation: Sendable, CustomTestStringConvertible {
        var name: String
        var file: String
        var at: String?
        var params: [String: String]
        var outcome: String
        var grounds: [String]
        var missing: [String]
        var flags: [String]
        var liabilityCap: String?
        var note: String
        var testDescription: String { "\(name): \(note)" }
    }

    static let expectations: [Expectation] = {
        let data = try! Data(contentsOf: Fixtures.directory.appendingPathComponent("expected.json"))
        let object = try! JSONSerialization.jsonObject(with: data) as! [String: [String: Any]]
        return object.keys.sorted().map { name in
            let e = object[name]!
            return Expectation(
                name: name, file: e["file"] as? String ?? "\(name).json", at: e["at"] as? String,
                params: (e["params"] as? [String: Any] ?? [:]).mapValues { "\($0)" },
                outcome: e["outcome"] as! String, grounds: e["grounds_include"] as! [String],
                missing: e["missing_include"] as! [String], flags: e["flags_include"] as! [String],
                liabilityCap: e["liability_cap"] as? String, note: e["note"] as? String ?? "")
        }
    }()

    @Test func allPublicCasesAreCovered() {
        #expect(Self.expectations.count == 18)
    }

    @Test(arguments: expectations)
    func expectedVerdict(_ e: Expectation) throws {
        let kase = try Fixtures.kase(e.file)
        // A case with a claim is decided at its claim's instants; "now" stands for a null `at`.
        let v = try verdict(kase, at: e.at ?? "2026-11-27T12:00:00+08:00", params: e.params)
        #expect(v.outcome.rawValue == e.outcome)
        for g in e.grounds { #expect(v.grounds.map(\.rawValue).contains(g), "grounds \(v.grounds)") }
        for m in e.missing { #expect(v.missing.map(\.path).contains(m), "missing \(v.missing)") }
        for f in e.flags { #expect(v.flags.map(\.description).contains(f), "flags \(v.flags)") }
        if e.grounds.isEmpty, e.outcome == "CLAIM_NOT_SUPPORTED" { #expect(v.grounds.isEmpty) }
        if let cap = e.liabilityCap { #expect(v.liabilityCap?.description == cap) }
        if e.outcome == "OUT_OF_SCOPE" { #expect(v.flags.isEmpty && v.timers.isEmpty) }
    }
}
