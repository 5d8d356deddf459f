import Foundation

/// Who is about to write a SQLite store, across processes: a writer holds a shared `flock` on
/// the side file `<database>-writers` from just before its transaction begins until the write
/// lock is its own. An import asks between its batches whether anyone holds one, and leaves a
/// gap for them only then: an import nobody waits behind runs its batches back to back (the
/// gaps were 8 % of an import), and a waiting writer still gets in after at most one batch.
///
/// `flock` locks, not the `fcntl` ones SQLite takes on the database, so neither sees the
/// other's; they belong to the open file, so two stores open in one process see each other
/// too. Where the side file cannot be opened, everyone is taken to be waiting (a gap every
/// batch, as before).
final class WriterQueue: @unchecked Sendable {
    /// The side file's descriptor, -1 when it could not be opened. Writes through one store
    /// are one at a time (GRDB's writer), so its lock is never taken twice at once.
    private let fd: Int32

    init(databasePath: String) {
        fd = open(databasePath + "-writers", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Says this store is about to wait for the write lock.
    func arrive() { if fd >= 0 { _ = flock(fd, LOCK_SH) } }

    /// Says this store holds the write lock, or gave up waiting.
    func leave() { if fd >= 0 { _ = flock(fd, LOCK_UN) } }

    /// Whether another store (this process or another) is waiting to write.
    func othersWaiting() -> Bool {
        guard fd >= 0 else { return true }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { return true }
        _ = flock(fd, LOCK_UN)
        return false
    }
}
