import Foundation

/// Hands batches from one thread to another, holding at most `capacity`: the reader of a file
/// decodes the next batch while the store writes this one (two cores at work, memory bounded).
final class BatchPipe<Batch: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var batches: [Batch] = []
    private var isClosed = false
    private var isCancelled = false
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// Adds a batch, waiting while the pipe is full; false once the taker has given up.
    func put(_ batch: Batch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= capacity && !isCancelled { condition.wait() }
        guard !isCancelled else { return false }
        batches.append(batch)
        condition.broadcast()
        return true
    }

    /// The next batch, waiting for one; nil when the giver has closed the pipe and it is empty.
    func take() -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !isClosed { condition.wait() }
        guard !batches.isEmpty else { return nil }
        let batch = batches.removeFirst()
        condition.broadcast()
        return batch
    }

    /// No more batches will come.
    func close() {
        condition.lock()
        isClosed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The taker stops: pending and future `put`s return false.
    func cancel() {
        condition.lock()
        isCancelled = true
        batches.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
