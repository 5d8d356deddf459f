import PetDeskRules

/// How the queue is ordered.
/// Where a page of the queue starts.
public enum QueuePage: Sendable {
    /// After skipping this many rows (costs a step per row skipped).
    case offset(Int)
    /// Right after this row, as the sort orders them (an index seek).
    case after(QueueRow)
    /// The rows right before this row, ending next to it (an index seek, read backwards).
    case before(QueueRow)
    /// The last rows of the queue (the index read backwards).
    case last
}

public enum QueueSort: String, Sendable, CaseIterable {
    /// Breached first (most overdue on top), then the nearest deadline; nothing running last.
    case urgency
    /// Most recently paid first.
    case paid
    /// By order id.
    case order

    /// The next sort (the dashboard's `s` key).
    public var next: QueueSort {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}

/// One row of the queue.
public struct QueueRow: Hashable, Sendable {
    /// The platform's order id.
    public var orderID: String
    /// The listing title (display only; empty when the export has none).
    public var title: String
    /// The masked buyer name (empty when unknown).
    public var buyer: String
    /// The most specific category level (the species).
    public var species: String
    /// What the rules suggest now (re-evaluated when its `valid_until` passes).
    public var suggestedOutcome: Outcome
    /// The deadline that makes the case urgent, if any.
    public var dueAt: Instant?
    /// What the buyer claims; nil before any claim.
    public var claimType: ClaimType?
    /// Who holds an unexpired lease on the case.
    public var claimedBy: String?
    /// The last decision recorded, if any.
    public var decidedOutcome: Outcome?
    /// When the order was paid.
    public var paidAt: Instant
    /// The case version (bumped by every change).
    public var version: Int
    /// Which timer `dueAt` belongs to.
    public var dueTimer: TimerKind? = nil
    /// The case's class in the queue.
    public var urgencyRank: UrgencyRank = .quiet
    /// Where the row stands in the stored order (its urgency class and deadline as last
    /// written), which a page after or before it seeks from. A row whose suggestion expired
    /// shows its urgency computed now but is still found, until re-evaluated, where it was
    /// written: seeking from the fresh values repeated or skipped pages.
    var storedPlace: StoredPlace?
    /// Until when the row is what the store and the rules say without reading it again: the
    /// instant its suggestion expires or its holder's lease runs out, whichever is first; nil
    /// when neither can happen. A row computed in memory holds only for the instant it was read.
    public internal(set) var validUntil: Instant?

    /// The row as this agent's own lease, running until `until`, makes it (`claimedBy` set
    /// by the caller): it holds no longer than the lease.
    public mutating func claimLease(until: Instant) {
        validUntil = validUntil.map { min($0, until) } ?? until
    }

    /// An urgency class and deadline as the store last wrote them.
    struct StoredPlace: Hashable, Sendable {
        var rank: UrgencyRank
        var dueAt: Instant?
    }

    /// A row as the queue lists it.
    public init(orderID: String, title: String, buyer: String, species: String, suggestedOutcome: Outcome, dueAt: Instant?,
                claimType: ClaimType?, claimedBy: String?, decidedOutcome: Outcome?, paidAt: Instant, version: Int,
                dueTimer: TimerKind? = nil, urgencyRank: UrgencyRank = .quiet) {
        self.orderID = orderID
        self.title = title
        self.buyer = buyer
        self.species = species
        self.suggestedOutcome = suggestedOutcome
        self.dueAt = dueAt
        self.claimType = claimType
        self.claimedBy = claimedBy
        self.decidedOutcome = decidedOutcome
        self.paidAt = paidAt
        self.version = version
        self.dueTimer = dueTimer
        self.urgencyRank = urgencyRank
    }
}

/// An agent's mark on a checklist item.
public struct Mark: Hashable, Sendable {
    /// The store's row id: marks of a case in the order they were made.
    public var id: Int64
    /// The checklist item marked.
    public var item: ChecklistKey
    /// The status the agent gave it.
    public var status: ItemStatus
    /// The agent's note on the item; nil keeps the note the case had.
    public var note: String?
    /// Who marked it (in team mode, a database login).
    public var agent: String
    /// When the agent marked it.
    public var at: Instant
    /// When the item was confirmed, as the agent entered it; nil: the instant the case already
    /// records for the item stands.
    public var confirmedAt: Instant?
    /// When it was undone, if it was.
    public var undoneAt: Instant?
    /// Who undid it; nil while it stands.
    public var undoneBy: String?

    /// Creates a mark (the store assigns `id` when it saves one).
    public init(id: Int64, item: ChecklistKey, status: ItemStatus, note: String?, agent: String, at: Instant,
                confirmedAt: Instant? = nil, undoneAt: Instant?, undoneBy: String? = nil) {
        self.confirmedAt = confirmedAt
        self.undoneBy = undoneBy
        self.id = id
        self.item = item
        self.status = status
        self.note = note
        self.agent = agent
        self.at = at
        self.undoneAt = undoneAt
    }
}

/// An agent's decision on a case.
public struct Decision: Hashable, Sendable {
    /// What the agent decided.
    public var outcome: Outcome
    /// What the rules suggested at that moment (an override differs from it).
    public var suggestedOutcome: Outcome
    /// The rule pack that made the suggestion (`KS-PET-2022`).
    public var pack: String
    /// Whether override.
    public var isOverride: Bool
    /// Why, in the agent's words; required for an override, nil when a suggestion is accepted.
    public var reason: String?
    /// Who decided.
    public var agent: String
    /// When it was decided.
    public var at: Instant

    /// Creates a decision.
    public init(outcome: Outcome, suggestedOutcome: Outcome, pack: String, isOverride: Bool, reason: String?, agent: String, at: Instant) {
        self.outcome = outcome
        self.suggestedOutcome = suggestedOutcome
        self.pack = pack
        self.isOverride = isOverride
        self.reason = reason
        self.agent = agent
        self.at = at
    }
}

/// A lease on a case: who works it, until when.
public struct Lease: Hashable, Sendable {
    /// The case held.
    public var orderID: String
    /// Who holds it.
    public var agent: String
    /// When the lease lapses unless renewed.
    public var expiresAt: Instant
}

/// One audit log entry: who did what to which case, old → new.
public struct AuditEntry: Hashable, Sendable {
    /// The row id: entries in the order they were written (0 before it is stored).
    public var id: Int64
    /// When it happened.
    public var at: Instant
    /// Who acted.
    public var agent: String
    /// The case acted on.
    public var orderID: String
    /// What was done: `import`, `mark`, `undo`, `decide`, `claim`, `release`, `merge`.
    public var action: String
    /// The case-format path changed (`checklist.identity`); nil for a whole-case action.
    public var field: String?
    /// The value before; nil when there was none.
    public var oldValue: String?
    /// The value after; nil when it was removed.
    public var newValue: String?

    /// Creates an entry (the store assigns `id` when it saves one).
    public init(id: Int64, at: Instant, agent: String, orderID: String, action: String, field: String?, oldValue: String?,
                newValue: String?) {
        self.id = id
        self.at = at
        self.agent = agent
        self.orderID = orderID
        self.action = action
        self.field = field
        self.oldValue = oldValue
        self.newValue = newValue
    }

    /// The actions the audit log records.
    public static let actions = ["import", "merge", "mark", "undo", "decide", "claim", "release"]

    /// The entry as data, whatever row it was stored in.
    var withoutID: AuditEntry {
        var e = self
        e.id = 0
        return e
    }
}

/// A case as stored: its facts with the agents' marks applied, and its state.
public struct StoredCase: Sendable {
    /// The case the rules see: imported facts, marks applied.
    public var kase: Case
    /// The case as imported, without marks.
    public var imported: Case
    /// Bumped by every change.
    public var version: Int
    /// Every mark, oldest first.
    public var marks: [Mark]
    /// Every decision, oldest first.
    public var decisions: [Decision]
    /// The current lease, if unexpired at the time asked.
    public var lease: Lease?
    /// The outcome suggested at the last change.
    public var suggestedOutcome: Outcome
    /// The urgency deadline at the last change.
    public var dueAt: Instant?
    /// The newest audit entry of the case (who changed what last), read with the case by
    /// `storedCase` and by the writes that return one; nil where it was not read.
    public var latestChange: AuditEntry?
}

/// A record to import: a case and, from petdesk's own exports, its marks and decisions.
public struct ImportRecord: Sendable {
    /// The case as imported.
    public var kase: Case
    /// The agents' marks, undone ones included (a backup carries them all).
    public var marks: [Mark]
    /// Every decision, oldest first.
    public var decisions: [Decision]
    /// Creates a record.
    /// The case's audit trail, oldest first (a backup carries it; import restores it).
    public var audit: [AuditEntry]
    public init(kase: Case, marks: [Mark] = [], decisions: [Decision] = [], audit: [AuditEntry] = []) {
        self.audit = audit
        self.kase = kase
        self.marks = marks
        self.decisions = decisions
    }
}

/// What an import did.
public struct ImportSummary: Hashable, Sendable {
    /// Cases new to the store.
    public var inserted = 0
    /// Cases already stored whose facts the import changed (marks and decisions kept).
    public var merged = 0
    /// Cases already stored exactly as imported.
    public var unchanged = 0
    /// Creates an empty summary.
    public init() {}
}

extension Mark {
    /// The mark as data, whatever row it was stored in (what a backup must restore).
    var withoutID: Mark {
        var m = self
        m.id = 0
        if m.undoneAt != nil, m.undoneBy == nil { m.undoneBy = m.agent }
        return m
    }
}

/// How hard a commit waits for the disk.
public enum Durability: Sendable {
    /// Every acknowledged commit survives power loss (the default).
    case full
    /// Faster; the last commits may be lost on power loss (benchmarks compare the two).
    case normal
}

extension Duration {
    /// The duration in seconds, whole and fraction (for `Thread.sleep`).
    var timeInterval: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// The store's tuning numbers, in one place.
public enum StoreTuning {
    /// Cases re-evaluated per transaction when their suggestions expire: small enough that a
    /// dashboard tick or another agent's write never waits long behind it.
    public static let refreshBatch = 500
    /// Cases an export reads at a time (one query per table for them all): memory holds this
    /// many, not the whole store.
    public static let exportBatch = 500
    /// Cases a dashboard clock tick or queue read re-evaluates: at about 3,000 cases a second
    /// (`bench store`, release build) ten take about 3 ms, near the keystroke budget. The rows
    /// on screen are computed fresh in memory meanwhile; only their order waits for the refresh.
    public static let tickRefreshBatch = 10
    /// How long one import batch may hold the write lock: other agents' writes wait at most
    /// about this long during an import.
    public static let importBatch: Duration = .milliseconds(200)
    /// Records an import reads and writes together: the new cases among them go to the
    /// database in one statement per table (each statement costs an engine trip and a
    /// full-text flush); also how many order ids one lookup asks for.
    public static let importChunk = 128
    /// The gap an import leaves between batches when another writer waits (SQLite: one that
    /// holds its `-writers` lock; PostgreSQL: always), longer than `busyPoll`, so the waiting
    /// writer always gets in (measured: without it a mark waited 3 s behind a 3,000-case import).
    public static let importPause: Duration = .milliseconds(20)
    /// How often a writer waiting for the lock tries again.
    public static let busyPoll: Duration = .milliseconds(5)
    /// How long a writer waits for the lock before it reports the database busy.
    public static let busyTimeout: Duration = .seconds(10)
    /// How long a dashboard's hold on the case it shows lasts, in seconds, unless renewed: long
    /// enough to survive a stalled network, short enough that a crashed dashboard frees its case.
    public static let leaseSeconds: Int64 = 300
    /// How often an open dashboard renews its hold (well inside `leaseSeconds`).
    public static let leaseRenewal: Duration = .seconds(60)
    /// A filter that an index finds in fewer cases than this is read through the index and its
    /// matches sorted (about 3 µs a match: 15 ms at the limit), and counted on the key path.
    public static let filterSortLimit = 5_000
    /// A filter found in fewer cases than this (and at least `filterSortLimit`) walks the
    /// queue's index, testing each entry against the set of matches (building the set: about
    /// 0.4 µs a match, 20 ms at the limit); one found in more walks the queue checking each
    /// case's columns (about 7 µs a case read, a page of 130 within 2,600 cases at 5 %).
    /// Measured at a million cases: 金毛 (27,000 matches) 11 ms walking the index, 30–50 ms
    /// checking columns, 80 ms sorted; 猫 (177,000) 63 ms walking the index, 4 ms checking.
    public static let filterWalkLimit = 50_000
}

