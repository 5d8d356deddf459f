import ArgumentParser
import PetDeskStore

/// `petdesk migrate`: bring a database's schema up to date.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Bring the database's schema up to date (run by its owner).",
        discussion: """
        Applies the migrations the database lacks, in one transaction, and lists them. Refuses a \
        database migrated by a newer petdesk (upgrade petdesk instead). Agents' roles cannot \
        migrate: their privileges exclude DDL. A SQLite file is migrated whenever it is opened.

        EXAMPLES:
          petdesk migrate --db postgresql://owner@db.example/petdesk?sslmode=require
        """)

    @OptionGroup var store: StoreOptions

    func run() throws {
        let location = store.resolvedPath
        let db: CaseStore
        if CaseStore.isServerURL(location) {
            db = try storeCall { try CaseStore.connect(to: location, migrate: false, checkSchema: false) }
        } else {
            db = try store.open(creating: true)
        }
        let applied = try storeCall { try db.migrate() }
        if applied.isEmpty {
            Output.line("\(db.location): schema is up to date")
        } else {
            for id in applied { Output.line("applied: \(id)") }
            Output.line("\(db.location): schema is up to date (\(applied.count) migration(s) applied)")
        }
    }
}
