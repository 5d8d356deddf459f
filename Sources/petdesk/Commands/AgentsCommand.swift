import ArgumentParser
import PetDeskStore

/// `petdesk agents`: manage who may work a team's queue.
struct AgentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agents",
        abstract: "Manage the agents of a team's PostgreSQL queue.",
        subcommands: [AgentsGrant.self])
}

/// `petdesk agents grant ROLE...`: give login roles an agent's privileges.
struct AgentsGrant: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grant",
        abstract: "Give existing login roles exactly the privileges an agent needs (run by the database owner).",
        discussion: """
        An agent may read the queue, mark, undo, decide, claim and release, and insert audit \
        rows; nothing more: no import, no schema change, no UPDATE or DELETE of the audit log. \
        Each agent logs in as their own role, which is the name every write is recorded under.

        EXAMPLES:
          psql -c "CREATE ROLE li LOGIN PASSWORD '…'"
          petdesk agents grant li wang --db postgresql://owner@db.example/petdesk
        """)

    @Argument(help: "Login roles to grant.") var roles: [String]
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if roles.isEmpty { throw ValidationError("name at least one role") }
    }

    func run() throws {
        let db = try store.open()
        try storeCall { try db.grantAgents(roles) }
        Output.line("granted agent privileges to \(roles.joined(separator: ", ")) on \(db.location)")
    }
}
