import GRDB
import PetDeskRules

/// The schema: append-only migrations named by intent. Constraints live here, not in Swift; a
/// migration's CHECK lists are literal text, so adding an outcome or a status later takes a new
/// migration instead of silently changing one that databases in the field already ran.
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1 create cases and their facts") { db in
            try db.execute(sql: """
            CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
            CREATE TABLE cases (
              order_id TEXT PRIMARY KEY NOT NULL CHECK (length(order_id) > 0),
              version INTEGER NOT NULL CHECK (version >= 1),
              category_path TEXT NOT NULL,
              item_kind TEXT CHECK (item_kind IN ('live_pet','animal_seedling','other')),
              title TEXT, buyer TEXT, merchant TEXT,
              total_fen INTEGER NOT NULL CHECK (total_fen >= 0),
              paid_at INTEGER NOT NULL,
              contacts_known INTEGER NOT NULL CHECK (contacts_known IN (0, 1)),
              buyer_first_reply_at INTEGER,
              has_cancellation INTEGER NOT NULL CHECK (has_cancellation IN (0, 1)),
              cancel_requested_at INTEGER, cancel_consent_at INTEGER,
              cancel_consent_channel TEXT CHECK (cancel_consent_channel IN ('detail_page','platform','off_platform')),
              agreement_kind TEXT CHECK (agreement_kind IN ('days', 'hours', 'date')),
              agreement_value TEXT, agreement_agreed_at INTEGER,
              agreement_channel TEXT CHECK (agreement_channel IN ('detail_page','platform','off_platform')),
              shipped_at INTEGER, first_scan_at INTEGER, carrier TEXT, waybill TEXT,
              tracking_known INTEGER NOT NULL CHECK (tracking_known IN (0, 1)),
              offered_at INTEGER, signed_at INTEGER, refused_at INTEGER,
              claim_type TEXT CHECK (claim_type IN ('refuse','return_refund','refund_only','no_reason_return','mismatch','doa','illness','late_shipment')),
              claim_at INTEGER, claim_reason TEXT,
              claim_item TEXT CHECK (claim_item IN ('purchase_process','identity','vaccination','birth_date','age','sex','breed','pedigree','other_fees','health_check','full_video','ship_time','packaging_video','transport_method','arrival_window','care_notes')), claim_actual TEXT,
              suggested_outcome TEXT NOT NULL CHECK (suggested_outcome IN ('OUT_OF_SCOPE','FULL_REFUND','BUYER_MAY_REFUSE','BUYER_LIABLE_CAPPED','NOT_DELAYED_SHIPMENT','CLAIM_NOT_SUPPORTED','DEFER_GENERAL','NEEDS_EVIDENCE','MONITOR')),
              due_at INTEGER,
              updated_at INTEGER NOT NULL,
              CHECK ((claim_type IS NULL) = (claim_at IS NULL)),
              CHECK ((agreement_kind IS NULL) = (agreement_value IS NULL))
            );
            CREATE INDEX cases_by_urgency ON cases(due_at, order_id);
            CREATE INDEX cases_by_paid ON cases(paid_at, order_id);
            CREATE TABLE checklist_items (
              order_id TEXT NOT NULL REFERENCES cases(order_id) ON DELETE CASCADE,
              item TEXT NOT NULL CHECK (item IN ('purchase_process','identity','vaccination','birth_date','age','sex','breed','pedigree','other_fees','health_check','full_video','ship_time','packaging_video','transport_method','arrival_window','care_notes')),
              status TEXT NOT NULL CHECK (status IN ('done','missing','off_platform','unknown')),
              at INTEGER, kind TEXT CHECK (kind IN ('chip', 'nose_print', 'other')),
              value TEXT, note TEXT, channel TEXT CHECK (channel IN ('detail_page','platform','off_platform')),
              PRIMARY KEY (order_id, item)
            ) WITHOUT ROWID;
            CREATE TABLE contacts (
              order_id TEXT NOT NULL REFERENCES cases(order_id) ON DELETE CASCADE,
              seq INTEGER NOT NULL, at INTEGER NOT NULL, channel TEXT CHECK (channel IN ('detail_page','platform','off_platform')),
              PRIMARY KEY (order_id, seq)
            ) WITHOUT ROWID;
            CREATE TABLE tracking_events (
              order_id TEXT NOT NULL REFERENCES cases(order_id) ON DELETE CASCADE,
              seq INTEGER NOT NULL, at INTEGER NOT NULL, text TEXT NOT NULL,
              PRIMARY KEY (order_id, seq)
            ) WITHOUT ROWID;
            CREATE TABLE stall_replies (
              order_id TEXT NOT NULL REFERENCES cases(order_id) ON DELETE CASCADE,
              seq INTEGER NOT NULL, at INTEGER NOT NULL, reason TEXT, courier_result TEXT,
              channel TEXT CHECK (channel IN ('detail_page','platform','off_platform')),
              PRIMARY KEY (order_id, seq)
            ) WITHOUT ROWID;
            CREATE TABLE messages (
              order_id TEXT NOT NULL REFERENCES cases(order_id) ON DELETE CASCADE,
              seq INTEGER NOT NULL, at INTEGER, sender TEXT NOT NULL, text TEXT NOT NULL,
              PRIMARY KEY (order_id, seq)
            ) WITHOUT ROWID;
            """)
        }
        m.registerMigration("v1 create marks, decisions and the audit log") { db in
            try db.execute(sql: """
            CREATE TABLE marks (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              order_id TEXT NOT NULL REFERENCES cases(order_id) ON DELETE CASCADE,
              item TEXT NOT NULL CHECK (item IN ('purchase_process','identity','vaccination','birth_date','age','sex','breed','pedigree','other_fees','health_check','full_video','ship_time','packaging_video','transport_method','arrival_window','care_notes')),
              status TEXT NOT NULL CHECK (status IN ('done','missing','off_platform','unknown')),
              note TEXT,
              agent TEXT NOT NULL CHECK (length(agent) > 0),
              at INTEGER NOT NULL,
              undone_at INTEGER, undone_by TEXT,
              CHECK ((undone_at IS NULL) = (undone_by IS NULL))
            );
            CREATE INDEX marks_by_case ON marks(order_id, id);
            CREATE TABLE decisions (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              order_id TEXT NOT NULL REFERENCES cases(order_id) ON DELETE CASCADE,
              outcome TEXT NOT NULL CHECK (outcome IN ('OUT_OF_SCOPE','FULL_REFUND','BUYER_MAY_REFUSE','BUYER_LIABLE_CAPPED','NOT_DELAYED_SHIPMENT','CLAIM_NOT_SUPPORTED','DEFER_GENERAL','NEEDS_EVIDENCE','MONITOR')),
              suggested_outcome TEXT NOT NULL CHECK (suggested_outcome IN ('OUT_OF_SCOPE','FULL_REFUND','BUYER_MAY_REFUSE','BUYER_LIABLE_CAPPED','NOT_DELAYED_SHIPMENT','CLAIM_NOT_SUPPORTED','DEFER_GENERAL','NEEDS_EVIDENCE','MONITOR')),
              pack TEXT NOT NULL,
              is_override INTEGER NOT NULL CHECK (is_override IN (0, 1)),
              reason TEXT,
              agent TEXT NOT NULL CHECK (length(agent) > 0),
              at INTEGER NOT NULL,
              CHECK (is_override = (outcome <> suggested_outcome)),
              CHECK (is_override = 0 OR length(trim(coalesce(reason, ''))) > 0)
            );
            CREATE INDEX decisions_by_case ON decisions(order_id, id);
            CREATE TABLE audit_log (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              at INTEGER NOT NULL,
              agent TEXT NOT NULL CHECK (length(agent) > 0),
              order_id TEXT NOT NULL,
              action TEXT NOT NULL CHECK (action IN ('import', 'merge', 'mark', 'undo', 'decide', 'claim', 'release')),
              field TEXT, old_value TEXT, new_value TEXT
            );
            CREATE INDEX audit_by_case ON audit_log(order_id, id);
            CREATE TRIGGER audit_log_is_append_only_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
            CREATE TRIGGER audit_log_is_append_only_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
            CREATE TABLE leases (
              order_id TEXT PRIMARY KEY NOT NULL REFERENCES cases(order_id) ON DELETE CASCADE,
              agent TEXT NOT NULL CHECK (length(agent) > 0),
              acquired_at INTEGER NOT NULL,
              expires_at INTEGER NOT NULL CHECK (expires_at > acquired_at)
            ) WITHOUT ROWID;
            """)
        }
        m.registerMigration("v2 a claim may lack its instant") { db in
            // Standard v1.1 §8.17: `claim.at` may be absent. SQLite cannot drop a CHECK, so the
            // table is rebuilt (foreign keys are off while a migration runs). Lists are literal:
            // this migration's text never changes.
            try db.execute(sql: """
            CREATE TABLE cases_v2 (
              order_id TEXT PRIMARY KEY NOT NULL CHECK (length(order_id) > 0),
              version INTEGER NOT NULL CHECK (version >= 1),
              category_path TEXT NOT NULL,
              item_kind TEXT CHECK (item_kind IN ('live_pet','animal_seedling','other')),
              title TEXT, buyer TEXT, merchant TEXT,
              total_fen INTEGER NOT NULL CHECK (total_fen >= 0),
              paid_at INTEGER NOT NULL,
              contacts_known INTEGER NOT NULL CHECK (contacts_known IN (0, 1)),
              buyer_first_reply_at INTEGER,
              has_cancellation INTEGER NOT NULL CHECK (has_cancellation IN (0, 1)),
              cancel_requested_at INTEGER, cancel_consent_at INTEGER,
              cancel_consent_channel TEXT CHECK (cancel_consent_channel IN ('detail_page','platform','off_platform')),
              agreement_kind TEXT CHECK (agreement_kind IN ('days', 'hours', 'date')),
              agreement_value TEXT, agreement_agreed_at INTEGER,
              agreement_channel TEXT CHECK (agreement_channel IN ('detail_page','platform','off_platform')),
              shipped_at INTEGER, first_scan_at INTEGER, carrier TEXT, waybill TEXT,
              tracking_known INTEGER NOT NULL CHECK (tracking_known IN (0, 1)),
              offered_at INTEGER, signed_at INTEGER, refused_at INTEGER,
              claim_type TEXT CHECK (claim_type IN ('refuse','return_refund','refund_only','no_reason_return',
                                                    'mismatch','doa','illness','late_shipment')),
              claim_at INTEGER CHECK (claim_at IS NULL OR claim_type IS NOT NULL), claim_reason TEXT,
              claim_item TEXT CHECK (claim_item IN ('purchase_process','identity','vaccination','birth_date','age','sex',
                                                    'breed','pedigree','other_fees','health_check','full_video','ship_time',
                                                    'packaging_video','transport_method','arrival_window','care_notes')),
              claim_actual TEXT,
              suggested_outcome TEXT NOT NULL CHECK (suggested_outcome IN ('OUT_OF_SCOPE','FULL_REFUND','BUYER_MAY_REFUSE',
                'BUYER_LIABLE_CAPPED','NOT_DELAYED_SHIPMENT','CLAIM_NOT_SUPPORTED','DEFER_GENERAL','NEEDS_EVIDENCE','MONITOR')),
              due_at INTEGER,
              updated_at INTEGER NOT NULL,
              CHECK ((agreement_kind IS NULL) = (agreement_value IS NULL))
            );
            INSERT INTO cases_v2 SELECT * FROM cases;
            DROP TABLE cases;
            ALTER TABLE cases_v2 RENAME TO cases;
            CREATE INDEX cases_by_urgency ON cases(due_at, order_id);
            CREATE INDEX cases_by_paid ON cases(paid_at, order_id);
            """)
        }
        m.registerMigration("v3 cases keep their urgency and when to re-evaluate it") { db in
            // Standard §9: the stored suggestion holds until `refresh_at`; reads re-evaluate the
            // cases whose instant has passed (0: every existing case, on the first read).
            // The queue orders by class (open disputes, watch, quiet, decided), then deadline.
            try db.execute(sql: """
            ALTER TABLE cases ADD COLUMN refresh_at INTEGER;
            ALTER TABLE cases ADD COLUMN urgency_rank INTEGER NOT NULL DEFAULT 2 CHECK (urgency_rank BETWEEN 0 AND 3);
            ALTER TABLE cases ADD COLUMN due_timer TEXT CHECK (due_timer IN ('delivery','stall','stall_reply','buyer_silent'));
            UPDATE cases SET refresh_at = 0;
            CREATE INDEX cases_by_refresh ON cases(refresh_at) WHERE refresh_at IS NOT NULL;
            DROP INDEX cases_by_urgency;
            CREATE INDEX cases_by_queue ON cases(urgency_rank, coalesce(due_at, 9223372036854775807), order_id);
            """)
        }
        m.registerMigration("v4 the filter searches a trigram index") { db in
            // Issue 13: `LIKE '%x%'` over six columns scanned every case (1.6 s at a million).
            // FTS5's trigram tokenizer indexes every three-character substring, Chinese
            // included, case-insensitively; triggers keep it in step with `cases`.
            try db.execute(sql: """
            CREATE VIRTUAL TABLE cases_text USING fts5(text, tokenize = 'trigram');
            INSERT INTO cases_text (rowid, text)
              SELECT rowid, coalesce(order_id, '') || char(10) || coalesce(buyer, '') || char(10) || coalesce(title, '')
                || char(10) || coalesce(category_path, '') || char(10) || coalesce(merchant, '') || char(10) || coalesce(waybill, '')
              FROM cases;
            CREATE TRIGGER cases_text_insert AFTER INSERT ON cases BEGIN
              INSERT INTO cases_text (rowid, text) VALUES (new.rowid,
                coalesce(new.order_id, '') || char(10) || coalesce(new.buyer, '') || char(10) || coalesce(new.title, '')
                || char(10) || coalesce(new.category_path, '') || char(10) || coalesce(new.merchant, '') || char(10) || coalesce(new.waybill, ''));
            END;
            CREATE TRIGGER cases_text_update AFTER UPDATE OF order_id, buyer, title, category_path, merchant, waybill ON cases BEGIN
              UPDATE cases_text SET text =
                coalesce(new.order_id, '') || char(10) || coalesce(new.buyer, '') || char(10) || coalesce(new.title, '')
                || char(10) || coalesce(new.category_path, '') || char(10) || coalesce(new.merchant, '') || char(10) || coalesce(new.waybill, '')
              WHERE rowid = new.rowid;
            END;
            CREATE TRIGGER cases_text_delete AFTER DELETE ON cases BEGIN
              DELETE FROM cases_text WHERE rowid = old.rowid;
            END;
            """)
        }
        m.registerMigration("v5 a mark may carry the instant the item was confirmed") { db in
            // Issue 11: the rules compare when an item was confirmed with the shipment; an agent
            // who marks an item says when it happened (default: now). Null: the imported instant stands.
            try db.execute(sql: "ALTER TABLE marks ADD COLUMN confirmed_at INTEGER")
        }
        m.registerMigration("v6 short filters search an index of characters and pairs") { db in
            // Issue 13: a filter of one or two characters is below the trigram index and scanned
            // every case (1–1.5 s at a million). `cases_grams` holds each case's distinct
            // characters and pairs of them (`SearchGrams`), contentless and without positions:
            // a short filter is one token of it. The outcome index serves a filter that names an
            // outcome (全额退款, REFUND).
            try db.execute(sql: """
            CREATE VIRTUAL TABLE cases_grams USING fts5(grams, tokenize = 'ascii', detail = 'none', content = '');
            INSERT INTO cases_grams (rowid, grams)
              SELECT rowid, petdesk_grams(order_id, buyer, title, category_path, merchant, waybill) FROM cases;
            CREATE TRIGGER cases_grams_insert AFTER INSERT ON cases BEGIN
              INSERT INTO cases_grams (rowid, grams)
                VALUES (new.rowid, petdesk_grams(new.order_id, new.buyer, new.title, new.category_path, new.merchant, new.waybill));
            END;
            CREATE TRIGGER cases_grams_update AFTER UPDATE OF order_id, buyer, title, category_path, merchant, waybill ON cases BEGIN
              INSERT INTO cases_grams (cases_grams, rowid, grams)
                VALUES ('delete', old.rowid, petdesk_grams(old.order_id, old.buyer, old.title, old.category_path, old.merchant, old.waybill));
              INSERT INTO cases_grams (rowid, grams)
                VALUES (new.rowid, petdesk_grams(new.order_id, new.buyer, new.title, new.category_path, new.merchant, new.waybill));
            END;
            CREATE TRIGGER cases_grams_delete AFTER DELETE ON cases BEGIN
              INSERT INTO cases_grams (cases_grams, rowid, grams)
                VALUES ('delete', old.rowid, petdesk_grams(old.order_id, old.buyer, old.title, old.category_path, old.merchant, old.waybill));
            END;
            CREATE INDEX cases_by_outcome ON cases(suggested_outcome);
            """)
        }
        m.registerMigration("v7 an import indexes its new cases' text once a batch") { db in
            // Issue 13: FTS5 writes what it holds to disk at every statement of a transaction
            // (its savepoints), so triggers that indexed each inserted case made an import write
            // a small index segment per statement and merge them again (callgrind, importing
            // 2,000 exported cases, one statement each: 29 % of it). While `text_index_deferred` holds a rowid, the triggers leave the cases
            // above it to the import, which indexes them in one statement a batch
            // (`indexDeferredText`); every other write is indexed by the triggers as before.
            try db.execute(sql: "CREATE TABLE text_index_deferred (after_rowid INTEGER NOT NULL);\n" + textTriggers)
        }
        return m
    }

    /// The searched text of the case row `row` (`new`, `old`, `cases`): order id, buyer, title,
    /// category, merchant and waybill, one per line, as migration v4 indexed it.
    private static func searchedText(_ row: String) -> String {
        ["order_id", "buyer", "title", "category_path", "merchant", "waybill"].map { "coalesce(\(row).\($0), '')" }
            .joined(separator: " || char(10) || ")
    }

    /// The same columns as `petdesk_grams`' arguments (migration v6).
    private static func grams(_ row: String) -> String {
        "petdesk_grams(" + ["order_id", "buyer", "title", "category_path", "merchant", "waybill"].map { "\(row).\($0)" }
            .joined(separator: ", ") + ")"
    }

    /// Migration v7's triggers: those of v4 and v6, each skipping a case above the rowid an
    /// import keeps in `text_index_deferred`.
    private static var textTriggers: String {
        func unlessDeferred(_ row: String) -> String {
            "WHEN NOT EXISTS (SELECT 1 FROM text_index_deferred WHERE \(row).rowid > after_rowid)"
        }
        let searched = "order_id, buyer, title, category_path, merchant, waybill"
        return """
        DROP TRIGGER cases_text_insert;
        DROP TRIGGER cases_text_update;
        DROP TRIGGER cases_text_delete;
        DROP TRIGGER cases_grams_insert;
        DROP TRIGGER cases_grams_update;
        DROP TRIGGER cases_grams_delete;
        CREATE TRIGGER cases_text_insert AFTER INSERT ON cases \(unlessDeferred("new")) BEGIN
          INSERT INTO cases_text (rowid, text) VALUES (new.rowid, \(searchedText("new")));
        END;
        CREATE TRIGGER cases_text_update AFTER UPDATE OF \(searched) ON cases \(unlessDeferred("new")) BEGIN
          UPDATE cases_text SET text = \(searchedText("new")) WHERE rowid = new.rowid;
        END;
        CREATE TRIGGER cases_text_delete AFTER DELETE ON cases \(unlessDeferred("old")) BEGIN
          DELETE FROM cases_text WHERE rowid = old.rowid;
        END;
        CREATE TRIGGER cases_grams_insert AFTER INSERT ON cases \(unlessDeferred("new")) BEGIN
          INSERT INTO cases_grams (rowid, grams) VALUES (new.rowid, \(grams("new")));
        END;
        CREATE TRIGGER cases_grams_update AFTER UPDATE OF \(searched) ON cases \(unlessDeferred("new")) BEGIN
          INSERT INTO cases_grams (cases_grams, rowid, grams) VALUES ('delete', old.rowid, \(grams("old")));
          INSERT INTO cases_grams (rowid, grams) VALUES (new.rowid, \(grams("new")));
        END;
        CREATE TRIGGER cases_grams_delete AFTER DELETE ON cases \(unlessDeferred("old")) BEGIN
          INSERT INTO cases_grams (cases_grams, rowid, grams) VALUES ('delete', old.rowid, \(grams("old")));
        END;
        """
    }

    /// Run first in an import's transaction: the cases it inserts from now on (rowids above the
    /// largest so far) are left unindexed by the triggers.
    static let deferTextIndex = """
        DELETE FROM text_index_deferred;
        INSERT INTO text_index_deferred (after_rowid) SELECT coalesce(max(rowid), 0) FROM cases
        """

    /// Run last in an import's transaction: indexes the cases the triggers left, in one statement
    /// for each index, and lets the triggers index every case again.
    static let indexDeferredText = """
        INSERT INTO cases_text (rowid, text) SELECT rowid, \(searchedText("cases")) FROM cases
          WHERE rowid > (SELECT after_rowid FROM text_index_deferred);
        INSERT INTO cases_grams (rowid, grams) SELECT rowid, \(grams("cases")) FROM cases
          WHERE rowid > (SELECT after_rowid FROM text_index_deferred);
        DELETE FROM text_index_deferred
        """
}

extension SQLiteSchema {
    /// The schema (every `sqlite_master` entry's SQL, by name) after each migration in turn,
    /// applied to an empty database: what a frozen migration must keep producing.
    static func schemaAfterEachMigration() throws -> [(migration: String, schema: String)] {
        var config = Configuration()
        config.prepareDatabase { db in db.add(function: SearchGrams.function) }
        let queue = try DatabaseQueue(configuration: config)
        let m = migrator
        return try m.migrations.map { id in
            try m.migrate(queue, upTo: id)
            let schema = try queue.read { db in
                try String.fetchAll(db, sql: "SELECT coalesce(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' "
                                    + "AND name NOT LIKE 'grdb_%' AND name NOT LIKE 'cases_text_%' "
                                    + "AND NOT (type = 'table' AND name LIKE 'cases_grams_%') ORDER BY type, name")
            }
            return (id, schema.joined(separator: ";\n"))
        }
    }
}
