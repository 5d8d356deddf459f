import PetDeskRules

/// Why a store operation failed; each reads as one line that says what to do.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The database file could not be opened or created.
    case cannotOpen(path: String, reason: String)
    /// No case has this order id.
    case notFound(orderID: String)
    /// The write was based on an older version of the case.
    case conflict(orderID: String, expected: Int, actual: Int)
    /// Another agent holds the case.
    case claimedByOther(orderID: String, agent: String, until: String)
    /// The agent has no standing mark on the case to undo.
    case nothingToUndo(orderID: String, agent: String)
    /// Overriding the suggestion needs a reason.
    case overrideNeedsReason(suggested: Outcome, outcome: Outcome)
    /// The lease to release belongs to another agent.
    case notYourLease(orderID: String, holder: String)
    /// The database refused the operation.
    case database(String)
    /// The database can only be read by this user: nothing was written.
    case readOnly(path: String)
    /// The database was migrated by a newer petdesk, whose schema this binary does not know.
    case newerSchema(path: String, database: String, binary: String)
    /// In team mode the agent is the database login; a write named someone else.
    case notYourIdentity(agent: String, login: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            path.hasPrefix("postgres")
                ? "cannot open the database \(path): \(reason)"
                : "cannot open the database \(path): \(reason); check the path and permissions, or pass --db"
        case .notFound(let id):
            "no case with order id \(id); 'petdesk list' shows the queue"
        case .conflict(let id, let expected, let actual):
            "conflict: case \(id) is at version \(actual), not \(expected); someone changed it — run 'petdesk show \(id)' and try again"
        case .claimedByOther(let id, let agent, let until):
            "case \(id) is held by \(agent) until \(until); pass --force to write anyway (recorded in the audit log)"
        case .nothingToUndo(let id, let agent):
            "nothing to undo: \(agent) has no mark on \(id)"
        case .overrideNeedsReason(let suggested, let outcome):
            "overriding the suggested \(suggested.rawValue) with \(outcome.rawValue) needs a reason (--reason)"
        case .notYourLease(let id, let holder):
            "\(id) is held by \(holder), not you: nothing was released"
        case .database(let message):
            "database error: \(message)"
        case .readOnly(let path):
            "the database \(path) is read-only for you (file or folder permissions): nothing was written; ask its owner for write access"
        case .newerSchema(let path, let database, let binary):
            "the database \(path) was migrated by a newer petdesk (schema \(database)); this petdesk knows schema \(binary): "
                + "upgrade petdesk before using it (nothing was changed)"
        case .notYourIdentity(let agent, let login):
            "in team mode you are \(login), the database login; you cannot write as \(agent) (drop --agent, or log in as \(agent))"
        }
    }
}
