import Foundation
import PetDeskUI
import PetDeskRules

/// A flag one thread raises and the dashboard loop lowers (a change pushed by the server).
public final class ChangeSignal: @unchecked Sendable {
    /// A signal that is down.
    public init() {}
    private let lock = NSLock()
    private var raised = false
    public func raise() { lock.withLock { raised = true } }
    /// Whether it was raised since the last call.
    public func lower() -> Bool { lock.withLock { defer { raised = false }; return raised } }
}

/// Events handed from a background thread to the dashboard loop.
public final class EventInbox: @unchecked Sendable {
    /// An empty inbox.
    public init() {}
    private let lock = NSLock()
    private var events: [Event] = []
    private var acknowledged = false
    public func post(_ event: Event) { lock.withLock { events.append(event) } }
    /// The filter whose count the dashboard waits for, queued or running.
    private var countWanted: String?

    /// Asks for `filter`'s count; false when it is already asked for (queued or running).
    public func wantCount(of filter: String) -> Bool {
        lock.withLock {
            guard countWanted != filter else { return false }
            countWanted = filter
            return true
        }
    }

    /// Whether `filter`'s count is still the one asked for.
    public func isCountWanted(_ filter: String) -> Bool { lock.withLock { countWanted == filter } }

    /// `filter`'s count is done (or failed): a later ask counts again.
    public func countDone(_ filter: String) { lock.withLock { if countWanted == filter { countWanted = nil } } }

    /// A background write that has no event of its own (a lease) is done.
    public func acknowledge() { lock.withLock { acknowledged = true } }
    /// Whether any such write was done since the last call.
    public func takeAcknowledgements() -> Bool { lock.withLock { defer { acknowledged = false }; return acknowledged } }
    /// Everything posted since the last call, oldest first.
    public func drain() -> [Event] { lock.withLock { defer { events = [] }; return events } }
}

/// The case a dashboard wants to hold and the one its writer last claimed. Leases are written
/// in the background; moving through ten cases before the writer comes round to them claims
/// the last and releases the first, not ten claims and ten releases (each a commit, a disk
/// flush and an audit row, on a writer the keystrokes share two cores with).
public final class LeaseIntent: @unchecked Sendable {
    /// Nothing wanted, nothing held.
    public init() {}
    private let lock = NSLock()
    private var wanted: String?
    private var held: String?
    private var at = Instant(secondsSinceEpoch: 0)

    /// The dashboard opened `orderID` at `at`: it wants it claimed.
    public func claim(_ orderID: String, at: Instant) { lock.withLock { (wanted, self.at) = (orderID, at) } }

    /// The dashboard left `orderID` at `at`: released, unless another case is wanted since.
    public func release(_ orderID: String, at: Instant) { lock.withLock { if wanted == orderID { (wanted, self.at) = (nil, at) } } }

    /// What the writer must do now to hold what is wanted: the case to release, the case to
    /// claim and the instant the latest of them was asked at; nil when it holds it already.
    /// The writer then holds what is wanted (`claimFailed` says when it could not).
    public func nextMove() -> (release: String?, claim: String?, at: Instant)? {
        lock.withLock {
            guard wanted != held else { return nil }
            defer { held = wanted }
            return (held, wanted, at)
        }
    }

    /// The claim of `orderID` was refused (another agent holds it): the writer holds nothing.
    public func claimFailed(_ orderID: String) { lock.withLock { if held == orderID { held = nil } } }
}
