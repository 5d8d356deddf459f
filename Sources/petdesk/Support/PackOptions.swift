import ArgumentParser
import PetDeskRules

/// `--param NAME=VALUE` and `--at INSTANT`, shared by the commands that evaluate.
struct PackOptions: ParsableArguments {
    @Option(name: .customLong("param"), help: ArgumentHelp(
        "Set a pack parameter (repeatable); see 'petdesk rules'.", valueName: "NAME=VALUE"))
    var parameters: [String] = []

    @Option(help: ArgumentHelp(
        "Evaluate at this instant (RFC 3339; no offset means +08:00). Default: now.", valueName: "INSTANT"))
    var at: String?

    func validate() throws {
        _ = try pack()
        _ = try instant()
    }

    /// The pack with the parameters applied.
    func pack() throws -> RulePack {
        var pack = RulePack.ksPet2022
        for assignment in parameters {
            guard let eq = assignment.firstIndex(of: "=") else {
                throw ValidationError("--param expects NAME=VALUE, got '\(assignment)'")
            }
            do {
                pack = try pack.setting(String(assignment[..<eq]), to: String(assignment[assignment.index(after: eq)...]))
            } catch {
                throw ValidationError(error.description)
            }
        }
        return pack
    }

    /// The evaluation instant; the system clock is read here, never inside the rules library.
    func instant() throws -> Instant {
        guard let at else { return SystemClock.now() }
        switch PlatformTime.parseInstant(at) {
        case .success(let i): return i
        case .failure: throw ValidationError("--at '\(at)' is not a valid instant (e.g. 2022-08-06T16:00:00+08:00)")
        }
    }
}
