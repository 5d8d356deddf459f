import Foundation

/// How a page of a filtered queue is read, by how many cases the filter's index finds.
enum FilterRead: Sendable {
    /// Few: read the matches through the index and sort them.
    case sortMatches
    /// Many: walk the queue's index, testing each entry against the set of matches.
    case walkIndex
    /// Most: walk the queue, checking each case's columns; a page fills within a few thousand.
    case walkCheck
}

/// The `FilterRead` of recent filters. A filter's count changes only with imports (this store's
/// forget them; another process's import leaves them stale), and a stale entry costs speed,
/// never a wrong row: every read still applies the filter exactly.
final class FilterReadCache: @unchecked Sendable {
    private let lock = NSLock()
    private var reads: [String: FilterRead] = [:]

    /// Forgets every filter (after an import).
    func removeAll() { lock.withLock { reads.removeAll() } }

    subscript(filter: String) -> FilterRead? {
        get { lock.withLock { reads[filter] } }
        set {
            lock.withLock {
                // Bounded: an agent types a few hundred filters in a shift.
                if reads.count >= 512 { reads.removeAll() }
                reads[filter] = newValue
            }
        }
    }
}
