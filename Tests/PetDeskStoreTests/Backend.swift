import Foundation
import PetDeskStore
import PetDeskTestSupport
import Testing

/// The two backends every conformance test runs against: the same calls must behave the same.
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// A fresh, empty store: in-memory SQLite, or a new database on the test cluster.
    func makeStore() throws -> CaseStore {
        switch self {
        case .sqlite: try CaseStore.inMemory()
        case .postgres: try CaseStore.connect(to: TestPostgres.freshDatabase(), migrate: true)
        }
    }

    /// Two handles on one new database, as two agents' processes have (SQLite: a file, removed
    /// when the returned scratch file is released).
    func makeTwoHandles() throws -> (CaseStore, CaseStore, ScratchFile?) {
        switch self {
        case .sqlite:
            let scratch = ScratchFile("petdesk-two")
            return (try CaseStore.open(at: scratch.path), try CaseStore.open(at: scratch.path), scratch)
        case .postgres:
            let url = try TestPostgres.freshDatabase()
            return (try CaseStore.connect(to: url, migrate: true), try CaseStore.connect(to: url), nil)
        }
    }
}

/// A database file in the temporary directory, removed with its WAL side files on release
/// (tests left one per run behind).
final class ScratchFile {
    let path: String

    init(_ prefix: String) {
        path = NSTemporaryDirectory() + "\(prefix)-\(UUID().uuidString).sqlite"
    }

    deinit {
        for suffix in ["", "-wal", "-shm", "-writers"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
