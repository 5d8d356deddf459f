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

    /// Two handles on one new database, as two agents' processes have (SQLite: a file).
    func makeTwoHandles() throws -> (CaseStore, CaseStore) {
        switch self {
        case .sqlite:
            let path = NSTemporaryDirectory() + "petdesk-two-\(UUID().uuidString).sqlite"
            return (try CaseStore.open(at: path), try CaseStore.open(at: path))
        case .postgres:
            let url = try TestPostgres.freshDatabase()
            return (try CaseStore.connect(to: url, migrate: true), try CaseStore.connect(to: url))
        }
    }
}
