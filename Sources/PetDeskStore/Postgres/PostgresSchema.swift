/// The team schema on PostgreSQL: append-only migrations named by intent, applied in order by
/// `petdesk migrate` and recorded in `petdesk_schema`. Their text is frozen once released (a
/// test compares it with a digest): a change is a new migration.
///
/// The same tables as the SQLite schema, plus what a shared server needs:
/// - `recorded_by`: the authenticated database user who wrote a mark, decision or audit row,
///   set by trigger from `session_user` whatever the client sends;
/// - an agent's role may write only in its own name (`agent` = `session_user`), by trigger; the
///   owner's may write any (restoring a backup brings every agent's marks);
/// - the audit log refuses UPDATE, DELETE and TRUNCATE by trigger, for every role;
/// - every audit row notifies `petdesk_changes` (collapsed to one per transaction), which open
///   dashboards LISTEN to.
enum PostgresSchema {
    static let migrations: [(id: String, sql: String)] = [
        ("v1 create the team schema", """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE cases (
          order_id TEXT PRIMARY KEY CHECK (length(order_id) > 0),
          version INTEGER NOT NULL CHECK (version >= 1),
          category_path TEXT NOT NULL,
          item_kind TEXT CHECK (item_kind IN ('live_pet','animal_seedling','other')),
          title TEXT, buyer TEXT, merchant TEXT,
          total_fen BIGINT NOT NULL CHECK (total_fen >= 0),
          paid_at BIGINT NOT NULL,
          contacts_known INTEGER NOT NULL CHECK (contacts_known IN (0, 1)),
          buyer_first_reply_at BIGINT,
          has_cancellation INTEGER NOT NULL CHECK (has_cancellation IN (0, 1)),
          cancel_requested_at BIGINT, cancel_consent_at BIGINT,
          cancel_consent_channel TEXT CHECK (cancel_consent_channel IN ('detail_page','platform','off_platform')),
          agreement_kind TEXT CHECK (agreement_kind IN ('days', 'hours', 'date')),
          agreement_value TEXT, agreement_agreed_at BIGINT,
          agreement_channel TEXT CHECK (agreement_channel IN ('detail_page','platform','off_platform')),
          shipped_at BIGINT, first_scan_at BIGINT, carrier TEXT, waybill TEXT,
          tracking_known INTEGER NOT NULL CHECK (tracking_known IN (0, 1)),
          offered_at BIGINT, signed_at BIGINT, refused_at BIGINT,
          claim_type TEXT CHECK (claim_type IN ('refuse','return_refund','refund_only','no_reason_return',
                                                'mismatch','doa','illness','late_shipment')),
          claim_at BIGINT CHECK (claim_at IS NULL OR claim_type IS NOT NULL), claim_reason TEXT,
          claim_item TEXT CHECK (claim_item IN ('purchase_process','identity','vaccination','birth_date','age','sex',
                                                'breed','pedigree','other_fees','health_check','full_video','ship_time',
                                                'packaging_video','transport_method','arrival_window','care_notes')),
          claim_actual TEXT,
          suggested_outcome TEXT NOT NULL CHECK (suggested_outcome IN ('OUT_OF_SCOPE','FULL_REFUND','BUYER_MAY_REFUSE',
            'BUYER_LIABLE_CAPPED','NOT_DELAYED_SHIPMENT','CLAIM_NOT_SUPPORTED','DEFER_GENERAL','NEEDS_EVIDENCE','MONITOR')),
          due_at BIGINT,
          updated_at BIGINT NOT NULL,
          refresh_at BIGINT,
          urgency_rank INTEGER NOT NULL DEFAULT 2 CHECK (urgency_rank BETWEEN 0 AND 3),
          due_timer TEXT CHECK (due_timer IN ('delivery','stall','stall_reply','buyer_silent')),
          CHECK ((agreement_kind IS NULL) = (agreement_value IS NULL))
        );
        CREATE INDEX cases_by_queue ON cases (urgency_rank, coalesce(due_at, 9223372036854775807), order_id);
        CREATE INDEX cases_by_paid ON cases (paid_at, order_id);
        CREATE INDEX cases_by_refresh ON cases (refresh_at) WHERE refresh_at IS NOT NULL;
        CREATE TABLE checklist_items (
          order_id TEXT NOT NULL REFERENCES cases (order_id) ON DELETE CASCADE,
          item TEXT NOT NULL CHECK (item IN ('purchase_process','identity','vaccination','birth_date','age','sex',
                                             'breed','pedigree','other_fees','health_check','full_video','ship_time',
                                             'packaging_video','transport_method','arrival_window','care_notes')),
          status TEXT NOT NULL CHECK (status IN ('done','missing','off_platform','unknown')),
          at BIGINT, kind TEXT CHECK (kind IN ('chip', 'nose_print', 'other')),
          value TEXT, note TEXT, channel TEXT CHECK (channel IN ('detail_page','platform','off_platform')),
          PRIMARY KEY (order_id, item)
        );
        CREATE TABLE contacts (
          order_id TEXT NOT NULL REFERENCES cases (order_id) ON DELETE CASCADE,
          seq INTEGER NOT NULL, at BIGINT NOT NULL, channel TEXT CHECK (channel IN ('detail_page','platform','off_platform')),
          PRIMARY KEY (order_id, seq)
        );
        CREATE TABLE tracking_events (
          order_id TEXT NOT NULL REFERENCES cases (order_id) ON DELETE CASCADE,
          seq INTEGER NOT NULL, at BIGINT NOT NULL, text TEXT NOT NULL,
          PRIMARY KEY (order_id, seq)
        );
        CREATE TABLE stall_replies (
          order_id TEXT NOT NULL REFERENCES cases (order_id) ON DELETE CASCADE,
          seq INTEGER NOT NULL, at BIGINT NOT NULL, reason TEXT, courier_result TEXT,
          channel TEXT CHECK (channel IN ('detail_page','platform','off_platform')),
          PRIMARY KEY (order_id, seq)
        );
        CREATE TABLE messages (
          order_id TEXT NOT NULL REFERENCES cases (order_id) ON DELETE CASCADE,
          seq INTEGER NOT NULL, at BIGINT, sender TEXT NOT NULL, text TEXT NOT NULL,
          PRIMARY KEY (order_id, seq)
        );
        CREATE TABLE marks (
          id BIGSERIAL PRIMARY KEY,
          order_id TEXT NOT NULL REFERENCES cases (order_id) ON DELETE CASCADE,
          item TEXT NOT NULL CHECK (item IN ('purchase_process','identity','vaccination','birth_date','age','sex',
                                             'breed','pedigree','other_fees','health_check','full_video','ship_time',
                                             'packaging_video','transport_method','arrival_window','care_notes')),
          status TEXT NOT NULL CHECK (status IN ('done','missing','off_platform','unknown')),
          note TEXT,
          agent TEXT NOT NULL CHECK (length(agent) > 0),
          at BIGINT NOT NULL,
          undone_at BIGINT, undone_by TEXT,
          recorded_by TEXT NOT NULL DEFAULT session_user,
          CHECK ((undone_at IS NULL) = (undone_by IS NULL))
        );
        CREATE INDEX marks_by_case ON marks (order_id, id);
        CREATE TABLE decisions (
          id BIGSERIAL PRIMARY KEY,
          order_id TEXT NOT NULL REFERENCES cases (order_id) ON DELETE CASCADE,
          outcome TEXT NOT NULL CHECK (outcome IN ('OUT_OF_SCOPE','FULL_REFUND','BUYER_MAY_REFUSE','BUYER_LIABLE_CAPPED',
            'NOT_DELAYED_SHIPMENT','CLAIM_NOT_SUPPORTED','DEFER_GENERAL','NEEDS_EVIDENCE','MONITOR')),
          suggested_outcome TEXT NOT NULL CHECK (suggested_outcome IN ('OUT_OF_SCOPE','FULL_REFUND','BUYER_MAY_REFUSE',
            'BUYER_LIABLE_CAPPED','NOT_DELAYED_SHIPMENT','CLAIM_NOT_SUPPORTED','DEFER_GENERAL','NEEDS_EVIDENCE','MONITOR')),
          pack TEXT NOT NULL,
          is_override INTEGER NOT NULL CHECK (is_override IN (0, 1)),
          reason TEXT,
          agent TEXT NOT NULL CHECK (length(agent) > 0),
          at BIGINT NOT NULL,
          recorded_by TEXT NOT NULL DEFAULT session_user,
          CHECK ((is_override = 1) = (outcome <> suggested_outcome)),
          CHECK (is_override = 0 OR length(trim(coalesce(reason, ''))) > 0)
        );
        CREATE INDEX decisions_by_case ON decisions (order_id, id);
        CREATE TABLE audit_log (
          id BIGSERIAL PRIMARY KEY,
          at BIGINT NOT NULL,
          agent TEXT NOT NULL CHECK (length(agent) > 0),
          order_id TEXT NOT NULL,
          action TEXT NOT NULL CHECK (action IN ('import', 'merge', 'mark', 'undo', 'decide', 'claim', 'release')),
          field TEXT, old_value TEXT, new_value TEXT,
          recorded_by TEXT NOT NULL DEFAULT session_user
        );
        CREATE INDEX audit_by_case ON audit_log (order_id, id);
        CREATE TABLE leases (
          order_id TEXT PRIMARY KEY REFERENCES cases (order_id) ON DELETE CASCADE,
          agent TEXT NOT NULL CHECK (length(agent) > 0),
          acquired_at BIGINT NOT NULL,
          expires_at BIGINT NOT NULL CHECK (expires_at > acquired_at)
        );
        CREATE FUNCTION petdesk_recorded_by() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN NEW.recorded_by := session_user; RETURN NEW; END $$;
        CREATE TRIGGER marks_recorded_by BEFORE INSERT OR UPDATE ON marks
          FOR EACH ROW EXECUTE FUNCTION petdesk_recorded_by();
        CREATE TRIGGER decisions_recorded_by BEFORE INSERT ON decisions
          FOR EACH ROW EXECUTE FUNCTION petdesk_recorded_by();
        CREATE TRIGGER audit_log_recorded_by BEFORE INSERT ON audit_log
          FOR EACH ROW EXECUTE FUNCTION petdesk_recorded_by();
        CREATE FUNCTION petdesk_agent_is_login() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE named TEXT := to_jsonb(NEW) ->> TG_ARGV[0];
        BEGIN
          IF named IS DISTINCT FROM session_user::text AND named IS NOT NULL
             AND NOT pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER') THEN
            RAISE EXCEPTION 'you are %, the database login; you cannot write as %', session_user, named
              USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER marks_agent_is_login BEFORE INSERT ON marks
          FOR EACH ROW EXECUTE FUNCTION petdesk_agent_is_login('agent');
        CREATE TRIGGER marks_undoer_is_login BEFORE UPDATE ON marks
          FOR EACH ROW EXECUTE FUNCTION petdesk_agent_is_login('undone_by');
        CREATE TRIGGER decisions_agent_is_login BEFORE INSERT ON decisions
          FOR EACH ROW EXECUTE FUNCTION petdesk_agent_is_login('agent');
        CREATE TRIGGER audit_log_agent_is_login BEFORE INSERT ON audit_log
          FOR EACH ROW EXECUTE FUNCTION petdesk_agent_is_login('agent');
        CREATE TRIGGER leases_agent_is_login BEFORE INSERT OR UPDATE ON leases
          FOR EACH ROW EXECUTE FUNCTION petdesk_agent_is_login('agent');
        CREATE FUNCTION petdesk_audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege'; END $$;
        CREATE TRIGGER audit_log_is_append_only BEFORE UPDATE OR DELETE ON audit_log
          FOR EACH ROW EXECUTE FUNCTION petdesk_audit_is_append_only();
        CREATE TRIGGER audit_log_is_never_truncated BEFORE TRUNCATE ON audit_log
          FOR EACH STATEMENT EXECUTE FUNCTION petdesk_audit_is_append_only();
        CREATE FUNCTION petdesk_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM pg_notify('petdesk_changes', ''); RETURN NULL; END $$;
        CREATE TRIGGER audit_log_notifies AFTER INSERT ON audit_log
          FOR EACH STATEMENT EXECUTE FUNCTION petdesk_notify_change();
        """),
        ("v2 the filter searches a trigram index", """
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE INDEX cases_text_trigrams ON cases USING gin ((coalesce(order_id, '') || chr(10) || coalesce(buyer, '') || chr(10)
          || coalesce(title, '') || chr(10) || coalesce(category_path, '') || chr(10) || coalesce(merchant, '') || chr(10)
          || coalesce(waybill, '')) gin_trgm_ops);
        """),
        ("v3 a mark may carry the instant the item was confirmed", """
        ALTER TABLE marks ADD COLUMN confirmed_at BIGINT;
        """),
        ("v4 short filters search an index of characters and pairs", """
        CREATE FUNCTION petdesk_grams(VARIADIC parts text[]) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
          SELECT coalesce(array_agg(DISTINCT g), '{}') FROM (
            SELECT lower(substr(p, i, n)) AS g
            FROM unnest(parts) AS p, generate_series(1, 2) AS n, generate_series(1, length(p) - n + 1) AS i
          ) AS grams
        $$;
        CREATE INDEX cases_grams ON cases USING gin (petdesk_grams(order_id, buyer, title, category_path, merchant, waybill));
        CREATE INDEX cases_by_outcome ON cases (suggested_outcome);
        """),
    ]

    /// What `petdesk agents grant` gives an agent's login role: read everything; write only what
    /// working the queue writes (marks and their undo, decisions, leases, the re-evaluated
    /// suggestion columns, audit rows). No DDL, no import, no UPDATE or DELETE of the audit log.
    static func grants(role: String, database: String) -> [String] {
        [
            "GRANT CONNECT ON DATABASE \(quote(database)) TO \(quote(role))",
            "GRANT USAGE ON SCHEMA public TO \(quote(role))",
            "GRANT SELECT ON meta, petdesk_schema, cases, checklist_items, contacts, tracking_events, stall_replies, messages TO \(quote(role))",
            "GRANT UPDATE (version, updated_at, suggested_outcome, refresh_at, urgency_rank, due_at, due_timer) ON cases TO \(quote(role))",
            "GRANT SELECT, INSERT ON marks, decisions, audit_log TO \(quote(role))",
            "GRANT UPDATE (undone_at, undone_by, recorded_by) ON marks TO \(quote(role))",
            "GRANT SELECT, INSERT, UPDATE, DELETE ON leases TO \(quote(role))",
            "GRANT USAGE ON SEQUENCE marks_id_seq, decisions_id_seq, audit_log_id_seq TO \(quote(role))",
        ]
    }

    /// An SQL identifier, quoted.
    static func quote(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
