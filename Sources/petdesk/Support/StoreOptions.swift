import ArgumentParser
import Foundation
import PetDeskRules
import PetDeskStore

/// `--db PATH` and `--agent NAME`, shared by every command that touches the store.
struct StoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The database file. Default: $PETDESK_DB, else $XDG_DATA_HOME/petdesk/petdesk.sqlite.", valueName: "PATH"))
    var db: String?

    @Option(help: ArgumentHelp("Who is working: default $PETDESK_AGENT, else the login name.", valueName: "NAME"))
    var agent: String?

    /// The agent id used in marks, decisions, leases and the audit log.
    var agentID: String {
        if let agent, !agent.isEmpty { return agent }
        let env = ProcessInfo.processInfo.environment
        if let a = env["PETDESK_AGENT"], !a.isEmpty { return a }
        if let u = env["USER"], !u.isEmpty { return u }
        let name = ProcessInfo.processInfo.userName
        return name.isEmpty ? "agent" : name
    }

    /// Where the database is, and whether the user chose it.
    var location: (path: String, isExplicit: Bool) {
        if let db, !db.isEmpty { return (db, true) }
        if let env = ProcessInfo.processInfo.environment["PETDESK_DB"], !env.isEmpty { return (env, true) }
        return (DataDirectory.url.appendingPathComponent("petdesk.sqlite").path, false)
    }

    /// Opens the store, or exits with one clear line.
    func open() throws -> CaseStore {
        do {
            return try CaseStore.open(at: location.path)
        } catch {
            throw CommandFailure(error.description, status: 1)
        }
    }
}

/// The XDG data directory of petdesk: `$XDG_DATA_HOME/petdesk`, else `~/.local/share/petdesk`.
enum DataDirectory {
    static var url: URL {
        let env = ProcessInfo.processInfo.environment
        let base = env["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/share")
        return base.appendingPathComponent("petdesk")
    }
}

/// A command failed: print one line to stderr and exit with `status`.
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    var status: Int32
    init(_ message: String, status: Int32) {
        self.message = message
        self.status = status
    }
    var description: String { message }
}

extension StoreError {
    /// Exit status: 3 for a stale-version conflict, 1 otherwise.
    var exitStatus: Int32 {
        if case .conflict = self { return 3 }
        return 1
    }
}

/// Runs a store operation, turning its error into one line and an exit status.
func storeCall<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as StoreError {
        throw CommandFailure("petdesk: \(error.description)", status: error.exitStatus)
    }
}
