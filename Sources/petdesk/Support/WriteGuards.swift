import ArgumentParser

/// `--expect-version` and `--force`: what guards a write to a case (mark, undo, decide).
struct WriteGuards: ParsableArguments {
    @Option(help: "Refuse the write unless the case is at this version.") var expectVersion: Int?
    @Flag(help: "Write even though another agent holds the case (recorded in the audit log).") var force = false
}
