import Foundation
import PetDeskRules

extension CaseStore {
    /// How many cases match `filter` (all when nil or empty: the total kept by imports).
    public func count(filter: String? = nil) throws(StoreError) -> Int {
        guard let f = filterPredicates(filter) else {
            return try read { db in
                if let kept = try db.text("SELECT value FROM meta WHERE key = 'case_count'"), let n = Int(kept) { return n }
                return Int(try db.int("SELECT count(*) FROM cases") ?? 0)
            }
        }
        return try read { db in try countMatches(db, f, upTo: nil) }
    }

    /// How many cases match `filter`, counting no further than `limit`: exact when below it,
    /// and cheap either way (a dashboard asks this on the key path and counts a filter that
    /// matches more off it: counting a million matches takes 50–350 ms even through an index).
    public func count(filter: String?, upTo limit: Int) throws(StoreError) -> (count: Int, isExact: Bool) {
        guard let f = filterPredicates(filter), let key = filter else { return (try count(), true) }
        let n = try read { db in try countMatches(db, f, upTo: (limit, key)) }
        return (n, n < limit)
    }

    /// The cases `f` matches: all of them, reading each match (nil `limit`); or at most
    /// `limit.count`, walking the queue as a page of the filter (`key`) would.
    private func countMatches(_ db: any SQLSession, _ f: FilterPredicates, upTo limit: (count: Int, key: String)?) throws -> Int {
        let cap = limit.map { " LIMIT \($0.count)" } ?? ""
        // An exact text index counts its own entries, never reading a case.
        if let text = f.textIndex, text.isExact, f.outcomes.isEmpty {
            return Int(try db.int("SELECT count(*) FROM (\(text.sql)\(cap)) AS matches", text.arguments) ?? 0)
        }
        let (clause, args) = try limit.map { try pagePredicate(db, f, key: $0.key) } ?? f.indexed ?? f.scan
        return Int(try db.int("SELECT count(*) FROM (SELECT 1 FROM cases c WHERE \(clause)\(cap)) AS matches", args) ?? 0)
    }

    /// A filter as the store can find it: a substring of the order id, buyer, title, category
    /// (species), merchant or waybill, or of the outcome label a row shows (全额退款, REFUND,
    /// FULL_REFUND…).
    struct FilterPredicates {
        /// The predicate over a case's row `c`: exact, checked case by case.
        var scan: (String, [SQLValue])
        /// The same cases found through indexes (the text index, the outcome index), each read
        /// by its rowid; nil when no index holds the filter.
        var indexed: (String, [SQLValue])?
        /// The text index's query for the filter's rowids, and whether it finds exactly the
        /// cases whose columns hold the filter (else a superset, checked by `scan`'s text part).
        var textIndex: (sql: String, arguments: [SQLValue], isExact: Bool)?
        /// The outcomes whose labels hold the filter.
        var outcomes: [Outcome]
        /// The predicate that walks the queue's index testing each entry against the set of
        /// the text index's matches (SQLite); nil where the backend cannot.
        var walkIndexed: (String, [SQLValue])?

        /// The predicate that reads the filter's cases the way `read` says; each finds exactly
        /// the same cases.
        func predicate(_ read: FilterRead) -> (String, [SQLValue]) {
            guard let indexed else { return scan }
            switch read {
            case .sortMatches: return indexed
            case .walkIndex: return outcomes.isEmpty ? walkIndexed ?? scan : scan
            case .walkCheck: return scan
            }
        }
    }

    /// The ways to find `filter`; nil when there is no filter.
    func filterPredicates(_ filter: String?) -> FilterPredicates? {
        guard let f = filter?.trimmingSpaces(), !f.isEmpty else { return nil }
        let escaped = f.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
        let like = SQLValue.text("%\(escaped)%")
        let needle = f.lowercased()
        let outcomes = Outcome.allCases.filter { o in
            [o.rawValue, o.chineseName, o.englishName, o.shortChineseName, o.shortEnglishName].contains { $0.lowercased().contains(needle) }
        }
        var outcomeClause = ""
        var outcomeArgs: [SQLValue] = []
        if !outcomes.isEmpty {
            outcomeClause = " OR c.suggested_outcome IN (\(outcomes.map { _ in "?" }.joined(separator: ", ")))"
            outcomeArgs = outcomes.map { .text($0.rawValue) }
        }
        switch dialect.textSearch {
        case .trigramExpression(let text):
            // pg_trgm's GIN index on the same text (migration v2) serves ILIKE from three
            // characters; one or two are an element of the case's grams (migration v4).
            var result = FilterPredicates(scan: ("((\(text)) ILIKE ? ESCAPE '\\'\(outcomeClause))", [like] + outcomeArgs), outcomes: outcomes)
            // Counted in scalars, as `substr` counts (a letter with a combining mark is two).
            if f.unicodeScalars.count <= 2 {
                let grams = "petdesk_grams(c.order_id, c.buyer, c.title, c.category_path, c.merchant, c.waybill) @> ARRAY[lower(CAST(? AS TEXT))]"
                result.textIndex = ("SELECT 1 FROM cases c WHERE \(grams)", [.text(f)], true)
                result.indexed = ("(\(grams)\(outcomeClause))", [.text(f)] + outcomeArgs)
            }
            return result
        case .fts5Trigram:
            let columns = ["order_id", "buyer", "title", "category_path", "merchant", "waybill"]
            let likeClause = columns.map { "c.\($0) LIKE ? ESCAPE '\\'" }.joined(separator: " OR ")
            let likeArgs = [SQLValue](repeating: like, count: columns.count)
            var result = FilterPredicates(scan: ("(\(likeClause)\(outcomeClause))", likeArgs + outcomeArgs), outcomes: outcomes)
            let phrase = SQLValue.text("\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
            if f.unicodeScalars.count >= 3 {
                // The trigram index (migration v4) finds any substring of three characters or more.
                result.textIndex = ("SELECT rowid FROM cases_text WHERE cases_text MATCH ?", [phrase], true)
            } else if SearchGrams.isSearchable(f) {
                // One or two characters: the index of characters and pairs (migration v6).
                result.textIndex = ("SELECT rowid FROM cases_grams WHERE cases_grams MATCH ?", [phrase], SearchGrams.isExact(f))
            }
            if let text = result.textIndex {
                let check = text.isExact ? "" : " AND (\(likeClause))"
                result.indexed = ("(c.rowid IN (\(text.sql))\(check)\(outcomeClause))",
                                  text.arguments + (text.isExact ? [] : likeArgs) + outcomeArgs)
                // `+` keeps SQLite from driving the read by rowid: it walks the queue's index and
                // tests each entry's rowid against the matches before reading the case.
                result.walkIndexed = ("(+c.rowid IN (\(text.sql))\(check))", text.arguments + (text.isExact ? [] : likeArgs))
            }
            return result
        }
    }

    /// The predicate for reading a page of the filter `key` (found as `f`), by how many cases
    /// its index finds (`FilterRead`), counted once per filter.
    func pagePredicate(_ db: any SQLSession, _ f: FilterPredicates, key: String) throws -> (String, [SQLValue]) {
        guard f.indexed != nil, let text = f.textIndex else { return f.scan }
        let read: FilterRead
        if let known = filterReads[key] {
            read = known
        } else {
            let (sorted, walked) = (StoreTuning.filterSortLimit, StoreTuning.filterWalkLimit)
            var found = Int(try db.int("SELECT count(*) FROM (\(text.sql) LIMIT \(walked)) AS matches", text.arguments) ?? 0)
            if found < walked, !f.outcomes.isEmpty {
                let marks = f.outcomes.map { _ in "?" }.joined(separator: ", ")
                found += Int(try db.int("SELECT count(*) FROM (SELECT 1 FROM cases WHERE suggested_outcome IN (\(marks)) LIMIT \(walked)) AS matches",
                                        f.outcomes.map { .text($0.rawValue) }) ?? 0)
            }
            read = found < sorted ? .sortMatches : found < walked && f.outcomes.isEmpty ? .walkIndex : .walkCheck
            filterReads[key] = read
        }
        return f.predicate(read)
    }

    /// A page of the queue. Expired suggestions are re-evaluated first: all of them, or at most
    /// `refreshLimit` (a dashboard's keystroke budget), in which case the rows shown that are
    /// still expired are computed in memory.
    public func queue(sort: QueueSort = .urgency, filter: String? = nil, limit: Int, offset: Int = 0,
                      at: Instant, refreshLimit: Int? = nil) throws(StoreError) -> [QueueRow] {
        try queue(sort: sort, filter: filter, limit: limit, page: .offset(offset), at: at, refreshLimit: refreshLimit)
    }

    /// A page of the queue found by where it is: from an offset, right after or before a row
    /// already shown, or at the end. Only `.offset` skips rows one by one; the others seek
    /// through the queue's index, so a page a million rows down costs what the first one does.
    /// `refreshLimit`: how many expired suggestions to re-evaluate and write first (nil: all of
    /// them; 0: none, the rows shown are computed in memory).
    public func queue(sort: QueueSort = .urgency, filter: String? = nil, limit: Int, page: QueuePage,
                      at: Instant, refreshLimit: Int? = nil) throws(StoreError) -> [QueueRow] {
        if let refreshLimit {
            if refreshLimit > 0 { _ = try? refreshExpired(at: at, limit: refreshLimit) }
        } else {
            _ = try? refreshAllExpired(at: at)  // a read-only database is read as it is
        }
        return try read { db in try queueRows(db, sort: sort, filter: filter, limit: limit, page: page, at: at) }
    }

    /// The sort's ORDER BY terms: each term's expression and whether it runs descending.
    private static func orderTerms(_ sort: QueueSort) -> [(String, descending: Bool)] {
        switch sort {
        // One index range scan (cases_by_queue): open disputes, watch, quiet, decided;
        // within each the nearest deadline first (breached ones are the earliest).
        case .urgency: [("c.urgency_rank", false), ("coalesce(c.due_at, 9223372036854775807)", false), ("c.order_id", false)]
        // Both descending, so the paid-at index is read backwards (a mixed direction made
        // SQLite sort a million rows on every `s`: bench ui's 239 ms keystrokes).
        case .paid: [("c.paid_at", true), ("c.order_id", true)]
        case .order: [("c.order_id", false)]
        }
    }

    /// The values of `row` for the sort's terms.
    private static func keyValues(_ row: QueueRow, _ sort: QueueSort) -> [SQLValue] {
        switch sort {
        case .urgency:
            let place = row.storedPlace ?? .init(rank: row.urgencyRank, dueAt: row.dueAt)
            return [.int(Int64(place.rank.rawValue)), .int(place.dueAt?.secondsSinceEpoch ?? Int64.max), .text(row.orderID)]
        case .paid: return [.int(row.paidAt.secondsSinceEpoch), .text(row.orderID)]
        case .order: return [.text(row.orderID)]
        }
    }

    /// One case's queue row as a page would show it at `at`; nil when there is no such case.
    public func queueRow(_ orderID: String, at: Instant) throws(StoreError) -> QueueRow? {
        try read { db in try queueRows(db, sort: .order, filter: nil, limit: 1, page: .offset(0), at: at, only: orderID).first }
    }

    /// Whether two rows of one case stand in the same place in `sort`'s stored order (a write
    /// that leaves it there moves no other row either).
    public static func samePlace(_ a: QueueRow, _ b: QueueRow, in sort: QueueSort) -> Bool {
        a.orderID == b.orderID && keyValues(a, sort) == keyValues(b, sort)
    }

    /// Rows strictly after (`after` true) or before `row` in the sort, as one predicate per
    /// index seek: for terms (a, b, c), `a = ? AND b = ? AND c > ?`, then `a = ? AND b > ?`, then
    /// `a > ?`. Each is an equality prefix and one range on the queue's index; the row value
    /// `(a, b, c) > (?, ?, ?)` made SQLite seek on `a` alone (its index term `b` is an
    /// expression) and walk every row of the row's urgency class: bench ui's PgDn among 194,000
    /// quiet cases took 60 ms. `fixed`: how many leading terms a part holds equal (its ORDER BY
    /// names only the others: naming the fixed ones made SQLite sort the whole range).
    static func seekParts(_ row: QueueRow, _ sort: QueueSort, after: Bool) -> [(predicate: String, arguments: [SQLValue], fixed: Int)] {
        let terms = orderTerms(sort)
        let descending = terms[0].descending
        assert(terms.allSatisfy { $0.descending == descending }, "a seek needs one direction")
        let values = keyValues(row, sort)
        let op = after != descending ? ">" : "<"
        return (0..<terms.count).reversed().map { last in
            let equal = (0..<last).map { "\(terms[$0].0) = ?" }
            return ((equal + ["\(terms[last].0) \(op) ?"]).joined(separator: " AND "), Array(values[...last]), last)
        }
    }

    func queueRows(_ db: any SQLSession, sort: QueueSort, filter: String?, limit: Int, offset: Int, at: Instant,
                   only orderID: String? = nil) throws -> [QueueRow] {
        try queueRows(db, sort: sort, filter: filter, limit: limit, page: .offset(offset), at: at, only: orderID)
    }

    /// The statements that read one page of the queue, run in turn until the page is full, each
    /// ending in `LIMIT ?` (the rows still wanted), and whether they read the queue backwards
    /// (the rows then come in reverse order). A page from an offset or at the end is one
    /// statement; a page after or before a row is one per seek part, each reading the rows
    /// themselves in order (their union, re-read by order id and sorted again, cost three seeks
    /// and a second lookup of every row on every PgDn; the first part alone usually fills it).
    func pageQueries(sort: QueueSort, filter: (String, [SQLValue])?, page: QueuePage, at: Instant,
                     only orderID: String? = nil) -> (statements: [PageStatement], reversed: Bool) {
        var conditions: [String] = []
        // The instant is bound, not written into the text: a text new every second was prepared
        // again on every load (170 k instructions) and cached anew, a statement a second all shift.
        var args: [SQLValue] = [SQLValue(at), SQLValue(at)]
        if let filter {
            conditions.append(filter.0)
            args += filter.1
        }
        if let orderID {
            conditions.append("c.order_id = ?")
            args.append(.text(orderID))
        }
        var reversed = false
        func order(from first: Int = 0) -> String {
            Self.orderTerms(sort).dropFirst(first).map { "\($0.0)\($0.descending != reversed ? " DESC" : "")" }.joined(separator: ", ")
        }
        func statement(_ extra: String?, order: String, suffix: String = "") -> String {
            let all = conditions + (extra.map { [$0] } ?? [])
            return "\(Self.pageSelect) \(all.isEmpty ? "" : "WHERE " + all.joined(separator: " AND ")) ORDER BY \(order) LIMIT ?\(suffix)"
        }
        switch page {
        case .offset(let n):
            return ([PageStatement(sql: statement(nil, order: order(), suffix: " OFFSET ?"), arguments: args, offset: max(0, n))], false)
        case .last:
            reversed = true
            return ([PageStatement(sql: statement(nil, order: order()), arguments: args)], true)
        case .after(let row), .before(let row):
            if case .before = page { reversed = true }
            let parts = Self.seekParts(row, sort, after: !reversed).map { part in
                PageStatement(sql: statement(part.predicate, order: order(from: part.fixed)), arguments: args + part.arguments)
            }
            return (parts, reversed)
        }
    }

    /// One statement reading part of a page: its values, then the rows wanted (`LIMIT ?`) and,
    /// from an offset, the rows skipped (`OFFSET ?`).
    struct PageStatement {
        var sql: String
        var arguments: [SQLValue]
        var offset: Int?

        /// Every value the statement takes, reading at most `limit` rows.
        func arguments(limit: Int) -> [SQLValue] { arguments + [SQLValue(limit)] + (offset.map { [SQLValue($0)] } ?? []) }
    }

    /// The columns of a queue row, over `cases c`; the two `?` take the instant read at. The
    /// lease is joined, one lookup a row (two scalar subqueries, one for its holder and one
    /// for its end, looked it up twice: callgrind of sqlite3 over 200 pages of 40 rows,
    /// 209.7 M → 190.0 M instructions).
    private static let pageSelect =
        """
        SELECT c.order_id, c.title, c.buyer, c.category_path, c.suggested_outcome, c.due_at, c.claim_type, c.paid_at,
               c.version, c.due_timer, c.urgency_rank, CASE WHEN c.refresh_at <= ? THEN 1 ELSE 0 END AS expired,
               l.agent AS claimed_by, l.expires_at AS claimed_until, c.refresh_at,
               (SELECT outcome FROM decisions d WHERE d.order_id = c.order_id ORDER BY d.id DESC LIMIT 1) AS decided
        FROM cases c LEFT JOIN leases l ON l.order_id = c.order_id AND l.expires_at > ?
        """

    func queueRows(_ db: any SQLSession, sort: QueueSort, filter: String?, limit: Int, page: QueuePage, at: Instant,
                   only orderID: String? = nil) throws -> [QueueRow] {
        do {
            let predicate = try filter.flatMap { key in try filterPredicates(key).map { try pagePredicate(db, $0, key: key) } }
            let query = pageQueries(sort: sort, filter: predicate, page: page, at: at, only: orderID)
            var rows: [SQLRow] = []
            for statement in query.statements where rows.count < limit {
                rows += try db.rows(statement.sql, statement.arguments(limit: limit - rows.count))
            }
            if query.reversed { rows.reverse() }
            // Each column's place, found once for the page.
            let place = { (name: String) in rows.first?.position(name) }
            let (id, title, buyer, path, outcome, due, claim, claimed) = (place("order_id"), place("title"), place("buyer"), place("category_path"),
                                                                         place("suggested_outcome"), place("due_at"), place("claim_type"), place("claimed_by"))
            let (decided, paid, version, timer, rank, expiry) = (place("decided"), place("paid_at"), place("version"), place("due_timer"), place("urgency_rank"),
                                                                 place("expired"))
            let (claimedUntil, refresh) = (place("claimed_until"), place("refresh_at"))
            var queue = rows.map { r in
                var row = QueueRow(orderID: r.text(at: id) ?? "", title: r.text(at: title) ?? "", buyer: r.text(at: buyer) ?? "",
                         species: CategoryPath.last(r.text(at: path) ?? "[]"),
                         suggestedOutcome: r.text(at: outcome).flatMap(Outcome.init(rawValue:)) ?? .monitor,
                         dueAt: r.int(at: due).map(Instant.init(secondsSinceEpoch:)), claimType: r.text(at: claim).flatMap(ClaimType.init(rawValue:)),
                         claimedBy: r.text(at: claimed), decidedOutcome: r.text(at: decided).flatMap(Outcome.init(rawValue:)),
                         paidAt: Instant(secondsSinceEpoch: r.int(at: paid) ?? 0), version: Int(r.int(at: version) ?? 1),
                         dueTimer: r.text(at: timer).flatMap(TimerKind.init(rawValue:)),
                         urgencyRank: r.int(at: rank).flatMap { UrgencyRank(rawValue: Int($0)) } ?? .quiet)
                // The earlier of the lease's end and the suggestion's expiry (no array a row).
                row.validUntil = switch (r.int(at: claimedUntil), r.int(at: refresh)) {
                case let (lease?, expiry?): Instant(secondsSinceEpoch: min(lease, expiry))
                case let (lease?, nil): Instant(secondsSinceEpoch: lease)
                case let (nil, expiry?): Instant(secondsSinceEpoch: expiry)
                case (nil, nil): nil
                }
                return row
            }
            // Rows whose stored suggestion has expired (not yet re-evaluated and written, or a
            // read-only database) are computed here, their cases read together.
            let expired = zip(rows, queue.indices).filter { $0.0.int(at: expiry) == 1 }.map(\.1)
            guard !expired.isEmpty else { return queue }
            let cases = try Self.markedCases(db, expired.map { queue[$0].orderID })
            for i in expired {
                guard let kase = cases[queue[i].orderID] else { continue }
                queue[i].storedPlace = .init(rank: queue[i].urgencyRank, dueAt: queue[i].dueAt)
                queue[i].validUntil = at
                let standing = pack.standing(kase, at: at)
                let urgency = standing.urgency(isDecided: queue[i].decidedOutcome != nil)
                (queue[i].suggestedOutcome, queue[i].dueAt, queue[i].dueTimer, queue[i].urgencyRank)
                    = (standing.outcome, urgency.deadline, urgency.timer, urgency.rank)
            }
            return queue
        }
    }

    /// The queue's order by urgency, as the `cases_by_queue` index holds it.
    static let urgencyOrder = orderTerms(.urgency).map(\.0).joined(separator: ", ")

    /// Claims the most urgent undecided case that no one holds, for `duration` seconds, and
    /// returns its queue row (nil: nothing left to claim). Two agents asking at once never get
    /// the same case: SQLite serializes the claims; PostgreSQL's SKIP LOCKED makes the second
    /// skip the row the first is claiming instead of waiting for it.
    public func claimNext(agent: String, at: Instant, duration: Int64) throws(StoreError) -> QueueRow? {
        try checkIdentity(agent)
        _ = try? refreshAllExpired(at: at)
        return try write { db in
            // The candidate's lease is checked again as it is taken: under PostgreSQL's READ
            // COMMITTED the query may not see a lease committed after it began (found by
            // `bench team`: 3 double claims in 10 s with 20 agents). Such a case is passed over.
            var passed: [SQLValue] = []
            while true {
                let skip = passed.isEmpty ? "" : "AND c.order_id NOT IN (\(passed.map { _ in "?" }.joined(separator: ", ")))"
                guard let id = try db.text("""
                    SELECT c.order_id FROM cases c
                    WHERE c.urgency_rank < 3 \(skip)
                      AND NOT EXISTS (SELECT 1 FROM leases l WHERE l.order_id = c.order_id AND l.expires_at > ?)
                    ORDER BY \(Self.urgencyOrder) LIMIT 1\(dialect.skipLocked)
                    """, passed + [SQLValue(at)]) else { return nil }
                if try takeLease(db, id, agent: agent, at: at, duration: duration) != nil {
                    return try queueRows(db, sort: .order, filter: nil, limit: 1, offset: 0, at: at, only: id).first
                }
                passed.append(.text(id))
            }
        }
    }

    /// Where a case sits in the queue sorted by `sort` and narrowed by `filter`: how many rows
    /// come before it. Nil when the filter hides it (or there is no such case).
    public func position(of orderID: String, sort: QueueSort, filter: String?, at: Instant) throws(StoreError) -> Int? {
        try read { db in
            guard let me = try db.row("SELECT urgency_rank, coalesce(due_at, 9223372036854775807) AS due, paid_at FROM cases WHERE order_id = ?",
                                      [.text(orderID)]) else { return nil }
            var (clause, args) = filterPredicates(filter).map { f in f.indexed ?? f.scan }.map { ("WHERE \($0.0)", $0.1) } ?? ("", [])
            if !clause.isEmpty {
                guard try db.exists("SELECT 1 FROM cases c \(clause) AND c.order_id = ?", args + [.text(orderID)]) else { return nil }
            }
            let before: String
            var keys: [SQLValue]
            switch sort {
            case .urgency:
                before = "(c.urgency_rank < ? OR (c.urgency_rank = ? AND (coalesce(c.due_at, 9223372036854775807) < ? "
                    + "OR (coalesce(c.due_at, 9223372036854775807) = ? AND c.order_id < ?))))"
                keys = [me["urgency_rank"], me["urgency_rank"], me["due"], me["due"], .text(orderID)]
            case .paid:
                before = "(c.paid_at > ? OR (c.paid_at = ? AND c.order_id < ?))"
                keys = [me["paid_at"], me["paid_at"], .text(orderID)]
            case .order:
                before = "c.order_id < ?"
                keys = [.text(orderID)]
            }
            clause += clause.isEmpty ? "WHERE \(before)" : " AND \(before)"
            args += keys
            return Int(try db.int("SELECT count(*) FROM cases c \(clause)", args) ?? 0)
        }
    }
}
