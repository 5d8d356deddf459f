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
        /// v1.1 keys: each is checked only where the entry has it.
        var groundsExact: [String]?
        var flagsExclude: [String]
        var timers: [[String: String]]
        var validUntil: String??
        var steps: [[String: String]]
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
                liabilityCap: e["liability_cap"] as? String, groundsExact: e["grounds_exact"] as? [String],
                flagsExclude: e["flags_exclude"] as? [String] ?? [],
                timers: (e["timers_include"] as? [[String: Any]] ?? []).map(flatten),
                validUntil: e.keys.contains("valid_until") ? .some(e["valid_until"] as? String) : .none,
                steps: (e["next_steps_include"] as? [[String: Any]] ?? []).map(flatten),
                note: e["note"] as? String ?? "")
        }
    }()

    /// A JSON object's members as text: null as "null", a list of strings joined by commas.
    static func flatten(_ object: [String: Any]) -> [String: String] {
        object.mapValues { value in
            if value is NSNull { return "null" }
            if let list = value as? [String] { return list.joined(separator: ",") }
            return "\(value)"
        }
    }

    /// An instant's text compared as an instant ("null" stays "null").
    static func same(_ want: String, _ got: Instant?) -> Bool {
        want == "null" ? got == nil : got == instant(want)
    }

    @Test func allPublicCasesAreCovered() {
        #expect(Self.expectations.count == 22)
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
        if let exact = e.groundsExact { #expect(v.grounds.map(\.rawValue) == exact) }
        for f in e.flagsExclude { #expect(!v.flags.map(\.description).contains(f), "flags \(v.flags)") }
        for t in e.timers {
            #expect(v.timers.contains { timer in
                timer.kind.rawValue == t["id"] && timer.state.rawValue == t["state"]
                    && t["closed_at"].map { Self.same($0, timer.closedAt) } ?? true
                    && t["start"].map { Self.same($0, timer.start) } ?? true
                    && t["deadline"].map { Self.same($0, timer.deadline?.instant) } ?? true
            }, "timer \(t) not in \(v.timers)")
        }
        if case .some(let until) = e.validUntil { #expect(Self.same(until ?? "null", v.validUntil), "valid_until \(String(describing: v.validUntil))") }
        for s in e.steps {
            #expect(v.nextSteps.contains { step in
                step.action.rawValue == s["action"]
                    && s["party"].map { $0 == step.party.rawValue } ?? true
                    && s["by"].map { Self.same($0, step.by) } ?? true
                    && s["rule"].map { $0 == (step.rule?.rawValue ?? "null") } ?? true
                    && s["paths"].map { Set($0.split(separator: ",").map(String.init)).isSubset(of: step.paths.map(\.path)) } ?? true
            }, "step \(s) not in \(v.nextSteps)")
        }
    }
}
