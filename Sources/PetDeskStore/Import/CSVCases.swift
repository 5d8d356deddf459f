import Foundation
import PetDeskRules

/// The platform's flat CSV exports: an orders file and, optionally, a tracking-events file.
/// Each row becomes a petdesk.case/1 object and goes through the same decoder as JSON, so the
/// rules for good and bad values are the same; errors name the CSV line and column.
public enum CSVCases {
    /// Order columns: case-format path, then accepted headers (English, Chinese).
    /// The orders file's columns.
    public static let orderColumns: [(path: String, headers: [String])] = [
        ("order_id", ["order_id", "订单号", "订单编号"]),
        ("category_path", ["category", "category_path", "类目"]),
        ("item_kind", ["item_kind", "商品类型"]),
        ("title", ["title", "商品名称", "商品标题"]),
        ("buyer", ["buyer", "买家"]),
        ("merchant", ["merchant", "商家", "店铺"]),
        ("total_amount", ["total_amount", "订单金额", "实付金额"]),
        ("paid_at", ["paid_at", "付款时间", "支付时间"]),
        ("buyer_first_reply_at", ["buyer_first_reply_at", "买家首次回复时间"]),
        ("cancellation.requested_at", ["cancel_requested_at", "取消申请时间"]),
        ("shipment.shipped_at", ["shipped_at", "发货时间"]),
        ("shipment.first_scan_at", ["first_scan_at", "揽收时间"]),
        ("shipment.carrier", ["carrier", "快递公司", "物流公司"]),
        ("shipment.waybill", ["waybill", "运单号", "快递单号"]),
        ("delivery.offered_at", ["offered_at", "派送时间"]),
        ("delivery.signed_at", ["signed_at", "签收时间"]),
        ("delivery.refused_at", ["refused_at", "拒收时间"]),
        ("claim.type", ["claim_type", "售后类型"]),
        ("claim.at", ["claim_at", "售后申请时间"]),
        ("claim.reason", ["claim_reason", "售后原因"]),
    ]
    /// The tracking file's columns.
    public static let trackingColumns: [(path: String, headers: [String])] = [
        ("order_id", ["order_id", "订单号", "订单编号"]),
        ("at", ["at", "time", "时间", "物流时间"]),
        ("text", ["text", "description", "物流信息", "轨迹"]),
    ]

    struct Table {
        var header: [String]
        /// The data records (the header excluded), each with the line it starts on.
        var rows: [CSVReader.Record]
        /// For each path, the column index.
        var columns: [String: Int]
    }

    private static func load(_ path: String, columns spec: [(path: String, headers: [String])], required: [String],
                              issues: inout [CaseFileIssue]) -> Table? {
        switch CaseFileReader.readBytes(path: path) {
        case .success(let bytes): return table(bytes, file: path, columns: spec, required: required, issues: &issues)
        case .failure(let failure):
            issues.append(CaseFileIssue(file: path, line: 0, field: nil, message: "cannot read the file: \(failure.message)"))
            return nil
        }
    }

    private static func table(_ input: [UInt8], file path: String, columns spec: [(path: String, headers: [String])], required: [String],
                              issues: inout [CaseFileIssue]) -> Table? {
        var bytes = input
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let line = 1 + (bytes.firstIndex { $0 >= 0x80 }.map { bytes[..<$0].filter { $0 == 0x0A }.count } ?? 0)
            issues.append(CaseFileIssue(file: path, line: line, field: nil, message: "invalid UTF-8; save the file as UTF-8"))
            return nil
        }
        let records: [CSVReader.Record]
        switch CSVReader.records(text) {
        case .success(let r): records = r
        case .failure(let f):
            issues.append(CaseFileIssue(file: path, line: f.line, field: nil, message: f.message))
            return nil
        }
        guard let first = records.first else {
            issues.append(CaseFileIssue(file: path, line: 1, field: nil, message: "empty file: expected a header row"))
            return nil
        }
        let header = first.fields.map { $0.trimmingSpaces() }
        // A record with another number of fields than the header is a broken row (often a quote
        // that closed rows later): report it where it starts rather than guess its columns.
        var broken = false
        for r in records.dropFirst() where r.fields.count != header.count {
            issues.append(CaseFileIssue(file: path, line: r.line, field: nil,
                                        message: "\(r.fields.count) fields where the header has \(header.count); check the quotes on this row"))
            broken = true
        }
        // A quoted field spanning lines is legal, but a continuation line holding a whole row's
        // worth of commas is a row the field swallowed (a quote that closed rows later).
        for r in records.dropFirst() where !broken {
            for field in r.fields where field.contains("\n") {
                let swallowed = field.split(separator: "\n").dropFirst().contains { $0.filter { $0 == "," }.count >= header.count - 1 }
                if swallowed {
                    issues.append(CaseFileIssue(file: path, line: r.line, field: nil,
                        message: "a quoted field on this row runs into the following lines, which look like rows of their own; check its quotes"))
                    broken = true
                    break
                }
            }
        }
        if broken { return nil }
        var columns: [String: Int] = [:]
        for (i, h) in header.enumerated() {
            if let c = spec.first(where: { $0.headers.contains(h) }) {
                columns[c.path] = i
            } else {
                issues.append(CaseFileIssue(file: path, line: 1, field: h, message: "unknown column", severity: .warning))
            }
        }
        for r in required where columns[r] == nil {
            let names = spec.first { $0.path == r }!.headers.joined(separator: " / ")
            issues.append(CaseFileIssue(file: path, line: 1, field: nil, message: "missing required column \(names)"))
        }
        guard required.allSatisfy({ columns[$0] != nil }) else { return nil }
        return Table(header: header, rows: Array(records.dropFirst()), columns: columns)
    }

    static let requiredOrderColumns = ["order_id", "category_path", "total_amount", "paid_at"]
    static let requiredTrackingColumns = ["order_id", "at", "text"]

    /// Reads an orders CSV (and tracking CSV) into the same contents a JSON file gives.
    public static func read(orders: String, tracking: String?, seenOrderIDs: inout [String: String]) -> CaseFileContents {
        var issues: [CaseFileIssue] = []
        let table = load(orders, columns: orderColumns, required: requiredOrderColumns, issues: &issues)
        let trackingTable = tracking.map { load($0, columns: trackingColumns, required: requiredTrackingColumns, issues: &issues) }
        return contents(orders: table, file: orders, tracking: trackingTable, trackingFile: tracking, issues: issues,
                        seenOrderIDs: &seenOrderIDs)
    }

    /// Parses an orders CSV (and tracking CSV) given as bytes, as `read` does files.
    public static func parse(orders: [UInt8], file: String, tracking: [UInt8]?, trackingFile: String = "tracking.csv",
                             seenOrderIDs: inout [String: String]) -> CaseFileContents {
        var issues: [CaseFileIssue] = []
        let ordersTable = table(orders, file: file, columns: orderColumns, required: requiredOrderColumns, issues: &issues)
        let trackingTable = tracking.map { table($0, file: trackingFile, columns: trackingColumns, required: requiredTrackingColumns, issues: &issues) }
        return contents(orders: ordersTable, file: file, tracking: trackingTable, trackingFile: tracking == nil ? nil : trackingFile,
                        issues: issues, seenOrderIDs: &seenOrderIDs)
    }

    private static func contents(orders table: Table?, file orders: String, tracking trackingTable: Table??, trackingFile tracking: String?,
                                 issues: [CaseFileIssue], seenOrderIDs: inout [String: String]) -> CaseFileContents {
        var issues = issues
        var contents = CaseFileContents(file: orders)
        guard let table else {
            for issue in issues { contents.add(issue) }
            return contents
        }
        var events: [String: [JSONNode]]?
        // Orders with a bad tracking row: the row is reported in the tracking file and the order
        // is rejected with a pointer to it, never imported with half its tracking.
        var badTracking: [String: String] = [:]
        if let tracking, let trackingTable {
            guard let t = trackingTable else {
                for issue in issues { contents.add(issue) }
                return contents
            }
            var byOrder: [String: [JSONNode]] = [:]
            for row in t.rows {
                let id = cell(row.fields, t.columns["order_id"]).trimmingSpaces()
                let at = cell(row.fields, t.columns["at"]).trimmingSpaces()
                if case .failure = PlatformTime.parseInstant(at) {
                    let column = t.header[t.columns["at"]!]
                    issues.append(CaseFileIssue(file: tracking, line: row.line, field: column, message: "\"\(at)\" is not a valid instant"))
                    badTracking[id] = badTracking[id] ?? "\(tracking):\(row.line)"
                    continue
                }
                var o = JSONObjectBuilder()
                o.add("at", at)
                o.add("text", cell(row.fields, t.columns["text"]))
                byOrder[id, default: []].append(JSONNode(o.value, line: row.line))
            }
            events = byOrder
        }
        for issue in issues { contents.add(issue) }
        var decoder = CaseDecoder(file: orders)
        for record in table.rows {
            let row = record.fields
            let line = record.line
            var object: [String: JSONValue] = [:]
            var nested: [String: [JSONMember]] = [:]
            for (path, index) in table.columns {
                let value = cell(row, index).trimmingSpaces()
                guard !value.isEmpty else { continue }
                let json: JSONValue = path == "category_path"
                    ? .array(value.split(whereSeparator: { $0 == ">" || $0 == "/" || $0 == "＞" })
                        .map { .value(.string($0.trimmingSpaces())) })
                    : .string(value)
                let parts = path.split(separator: ".").map(String.init)
                if parts.count == 2 { nested[parts[0], default: []].append(JSONMember(parts[1], JSONNode(json, line: line))) }
                else { object[path] = json }
            }
            var members = object.map { JSONMember($0.key, JSONNode($0.value, line: line)) }
            for (key, list) in nested { members.append(JSONMember(key, JSONNode(.object(list), line: line))) }
            if let events {
                let id = cell(row, table.columns["order_id"]).trimmingSpaces()
                members.append(JSONMember("tracking", JSONNode(.array(events[id] ?? []), line: line)))
            }
            // The row is a case object already: decode it directly, keeping the CSV line.
            var one = CaseFileContents(file: orders)
            CaseFileReader.decode(JSONNode(.object(members), line: line), text: { row.joined(separator: ",") },
                                  decoder: &decoder, into: &one, seenOrderIDs: &seenOrderIDs)
            // Name the CSV column beside the case-format path in every message.
            func relocate(_ issue: CaseFileIssue) -> CaseFileIssue {
                var fixed = issue
                if let f = issue.field, let column = columnName(for: f, in: table) { fixed.field = "\(column) (\(f))" }
                return fixed
            }
            let id = cell(row, table.columns["order_id"]).trimmingSpaces()
            if let badRow = badTracking[id] {
                let issue = CaseFileIssue(file: orders, line: line, field: "tracking", message: "its tracking row at \(badRow) is invalid")
                let own = one.issues.map(relocate)
                for i in own + [issue] { contents.add(i) }
                contents.rejected.append(RejectedRecord(line: line, text: row.joined(separator: ","),
                                                        errors: own.filter { $0.severity == .error } + [issue]))
                continue
            }
            for i in one.issues.map(relocate) { contents.add(i) }
            contents.records += one.records
            contents.rejected += one.rejected.map { RejectedRecord(line: $0.line, text: $0.text, errors: $0.errors.map(relocate)) }
        }
        return contents
    }

    /// A case as a row of the orders file, in `orderColumns` order: each cell is the value the
    /// case-format encoder writes at the column's path (the category path joined with `>`), so
    /// a column added to `orderColumns` is exported with no code of its own.
    public static func orderRow(_ k: Case) -> [String] {
        guard case .object(let members) = CaseEncoder.json(k) else { return [] }
        return orderColumns.map { cell(at: $0.path.split(separator: "."), in: members) }
    }

    /// The text at a case-format path (`shipment.waybill`) of an encoded case; empty when absent.
    private static func cell(at path: [Substring], in members: [JSONMember]) -> String {
        guard let first = path.first, let value = members.first(where: { $0.key == first })?.value.value else { return "" }
        switch value {
        case .object(let inner) where path.count > 1: return cell(at: Array(path.dropFirst()), in: inner)
        case .string(let s) where path.count == 1, .number(let s) where path.count == 1: return s
        case .bool(let b) where path.count == 1: return b ? "true" : "false"
        case .array(let items) where path.count == 1:
            return items.compactMap { if case .string(let s) = $0.value { s } else { nil } }.joined(separator: ">")
        default: return ""
        }
    }

    /// A cell as written by export: a leading `= + - @`, tab or carriage return is prefixed
    /// with `'` so a spreadsheet shows text instead of running a formula (OWASP CSV injection),
    /// then quoted where CSV needs it.
    public static func quoted(_ s: String) -> String {
        let defused = s.first.map(Self.startsFormula) == true ? "'" + s : s
        return defused.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + defused.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : defused
    }

    /// Whether a cell starting with `c` would be read as a formula by a spreadsheet.
    static func startsFormula(_ c: Character) -> Bool { "=+-@\t\r".contains(c) }

    /// A cell as read by import: the `'` that export put before a formula character is removed.
    private static func cell(_ row: [String], _ index: Int?) -> String {
        guard let index, index < row.count else { return "" }
        let value = row[index]
        if value.hasPrefix("'"), let next = value.dropFirst().first, startsFormula(next) { return String(value.dropFirst()) }
        return value
    }

    private static func columnName(for path: String, in table: Table) -> String? {
        let base = path.split(separator: "[").first.map(String.init) ?? path
        guard let index = table.columns[base] else { return nil }
        return table.header[index]
    }
}
