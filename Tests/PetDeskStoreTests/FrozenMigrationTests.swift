@testable import PetDeskStore
import Testing

/// An applied migration's text never changes: databases in the field ran the old text, and a
/// change to it would leave them different from new ones. Change the schema with a new
/// migration; add its digest here.
struct FrozenMigrationTests {
    /// FNV-1a, 64 bits: enough to notice any change.
    static func digest(_ text: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return String(h, radix: 16)
    }

    @Test func sqliteMigrationsStillProduceTheSchemaTheyProducedWhenReleased() throws {
        let steps = try SQLiteSchema.schemaAfterEachMigration()
        let digests = steps.map { "\($0.migration): \(Self.digest($0.schema))" }
        #expect(digests == [
            "v1 create cases and their facts: bbe92ac547695d9d",
            "v1 create marks, decisions and the audit log: 6b034fa58bdf32a5",
            "v2 a claim may lack its instant: 286b571e3361f46",
            "v3 cases keep their urgency and when to re-evaluate it: 81c4414e0254c2a9",
            "v4 the filter searches a trigram index: 4bee3a2c4e64e812",
            "v5 a mark may carry the instant the item was confirmed: 9c66e4680451ae77",
            "v6 short filters search an index of characters and pairs: fbb4b2a9958d6a4f",
            "v7 an import indexes its new cases' text once a batch: 72ef72c50fda8905",
        ], "new digests:\n\(digests.joined(separator: "\n"))")
    }

    @Test func postgresMigrationsAreTheTextTheyWereWhenReleased() {
        let digests = PostgresSchema.migrations.map { "\($0.id): \(Self.digest($0.sql))" }
        #expect(digests == [
            "v1 create the team schema: 515a0c473e06acfd",
            "v2 the filter searches a trigram index: 5eb774f26ca55d43",
            "v3 a mark may carry the instant the item was confirmed: 5c25a9a267d93ef",
            "v4 short filters search an index of characters and pairs: 2c025540c6d15f8",
        ], "new digests:\n\(digests.joined(separator: "\n"))")
    }
}
