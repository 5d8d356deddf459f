import Foundation
import PetDeskUI

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
