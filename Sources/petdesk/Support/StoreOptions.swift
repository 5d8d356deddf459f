import ArgumentParser
import Foundation
import PetDeskRules
import PetDeskStore
import PetDeskUI

/// `--db PATH|URL` and `--agent NAME`, shared by every command that touches the store.
struct StoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The database: a SQLite file, or postgresql://USER@HOST:PORT/DB?sslmode=MODE for a team's shared queue "
            + "(password from PGPASSWORD or ~/.pgpass). Default: $PETDESK_DB, else $XDG_DATA_HOME/petdesk/petdesk.sqlite.",
        valueName: "PATH|URL"))
    var db: String?

    @Option(help: ArgumentHelp("Who is working: default $PETDESK_AGENT, else the login name. In team mode (PostgreSQL) "
        + "the agent is the database login, and this may only repeat it.", valueName: "NAME"))
    var agent: String?

    @Flag(help: "Create the database if it does not exist (import and demo always may).")
    var create = false

    /// Refuses an agent id with control characters (it is written to the audit log).
    func validate() throws {
        if let agent, agent.unicodeScalars.contains(where: \.isControlCharacter) {
            throw ValidationError("--agent must be printable (no control characters)")
        }
    }

    /// The agent every write of this command is made as: in team mode the database login,
    /// else `agentID`.
    func agent(for store: CaseStore) -> String {
        store.authenticatedAgent ?? agentID
    }

    /// The agent the user named (`--agent`, else `PETDESK_AGENT`), if any.
    private var namedAgent: String? {
        if let agent, !agent.isEmpty { return agent }
        if let a = ProcessInfo.processInfo.environment["PETDESK_AGENT"], !a.isEmpty { return a }
        return nil
    }

    /// The agent id used in marks, decisions, leases and the audit log on a SQLite database.
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

    /// The demo database beside the default one.
    static var demoPath: String { DataDirectory.url.appendingPathComponent("demo.sqlite").path }

    /// The database a command works on, resolved as the dashboard does: the one the user chose;
    /// else the default file when it exists; else the demo when it exists; else the default.
    var resolvedPath: String {
        let location = location
        if location.isExplicit || FileManager.default.fileExists(atPath: location.path) { return location.path }
        return FileManager.default.fileExists(atPath: Self.demoPath) ? Self.demoPath : location.path
    }

    /// Opens the store, or exits with one clear line. Only `creating` (import, demo) or
    /// `--create` may make a new database: a mistyped path must not become an empty queue.
    func open(creating: Bool = false) throws -> CaseStore {
        let path = resolvedPath
        if CaseStore.isServerURL(path) {
            // A new team database gets its schema from the commands that fill it (import, demo;
            // run by its owner); everyone else needs it migrated (`petdesk migrate`).
            let store = try storeCall { try CaseStore.connect(to: path, migrate: creating || create) }
            if let login = store.authenticatedAgent, let named = namedAgent, named != login {
                throw CommandFailure("petdesk: \(StoreError.notYourIdentity(agent: Sanitizer.line(named), login: login).description)", status: 1)
            }
            return store
        }
        if !creating, !create, !FileManager.default.fileExists(atPath: path) {
            throw CommandFailure("petdesk: no database at \(Sanitizer.line(path)); check --db, or create one with "
                + "'petdesk import FILE' or 'petdesk demo' (or pass --create)", status: 1)
        }
        let store: CaseStore
        do {
            store = try CaseStore.open(at: path) { migrations in
                Output.error("petdesk: upgrading \(Sanitizer.line(path)) to this version's schema (\(migrations.joined(separator: "; "))); "
                    + "a large database takes a minute or two")
            }
        } catch {
            throw CommandFailure("petdesk: \(error.description)", status: 1)
        }
        if let interrupted = try? store.interruptedImport() {
            Output.error("petdesk: warning: \(interrupted) did not finish; run the same import again to complete it")
        }
        return store
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
