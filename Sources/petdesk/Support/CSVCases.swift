import Foundation
import PetDeskRules
import SwiftCSV

/// The platform's flat CSV exports: an orders file and, optionally, a tracking-events file.
/// Each row becomes a petdesk.case/1 object and goes through the same decoder as JSON, so the
/// rules for good and bad values are the same; errors name the CSV line and column.
enum CSVCases {
    /// Order columns: case-format path, then accepted headers (English, Chinese).
    static let orderColumns: [(path: String, headers: [String])] = [
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
    static let trackingColumns: [(path: String, headers: [String])] = [
        ("order_id", ["order_id", "订单号", "订单编号"]),
        ("at", ["at", "time", "时间", "物流时间"]),
        ("text", ["text", "description", "物流信息", "轨迹"]),
    ]

    struct Table {
        var header: [String]
        var rows: [[String]]
        /// For each path, the column index.
        var columns: [String: Int]
    }

    private static func load(_ path: String, columns spec: [(path: String, headers: [String])], required: [String],
                              issues: inout [CaseFileIssue]) -> Table? {
        guard let data = FileManager.default.contents(atPath: path) else {
            issues.append(CaseFileIssue(file: path, line: 0, field: nil, message: "cannot read the file"))
            return nil
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let line = 1 + (bytes.firstIndex { $0 >= 0x80 }.map { bytes[..<$0].filter { $0 == 0x0A }.count } ?? 0)
            issues.append(CaseFileIssue(file: path, line: line, field: nil, message: "invalid UTF-8; save the file as UTF-8"))
            return nil
        }
        let csv: CSV<Enumerated>
        do {
            csv = try CSV<Enumerated>(string: text, delimiter: .comma, loadColumns: false)
        } catch {
            issues.append(CaseFileIssue(file: path, line: 1, field: nil, message: "not CSV: \(error)"))
            return nil
        }
        let header = csv.header.map { $0.trimmingCharacters(in: .whitespaces) }
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
        return Table(header: header, rows: csv.rows, columns: columns)
    }

    /// Reads an orders CSV (and tracking CSV) into the same contents a JSON file gives.
    static func read(orders: String, tracking: String?, seenOrderIDs: inout [String: String]) -> CaseFileContents {
        var issues: [CaseFileIssue] = []
        var contents = CaseFileContents(file: orders)
        guard let table = load(orders, columns: orderColumns, required: ["order_id", "category_path", "total_amount", "paid_at"],
                                issues: &issues) else {
            contents.issues = issues
            return contents
        }
        var events: [String: [JSONNode]]?
        if let tracking, let t = load(tracking, columns: trackingColumns, required: ["order_id", "at", "text"], issues: &issues) {
            var byOrder: [String: [JSONNode]] = [:]
            for (i, row) in t.rows.enumerated() {
                let id = cell(row, t.columns["order_id"]).trimmingCharacters(in: .whitespaces)
                var o = JSONObjectBuilder()
                o.add("at", cell(row, t.columns["at"]))
                o.add("text", cell(row, t.columns["text"]))
                byOrder[id, default: []].append(JSONNode(o.value, line: i + 2))
            }
            events = byOrder
        }
        contents.issues = issues
        var decoder = CaseDecoder(file: orders)
        for (i, row) in table.rows.enumerated() {
            let line = i + 2
            var object: [String: JSONValue] = [:]
            var nested: [String: [JSONMember]] = [:]
            for (path, index) in table.columns {
                let value = cell(row, index).trimmingCharacters(in: .whitespaces)
                guard !value.isEmpty else { continue }
                let json: JSONValue = path == "category_path"
                    ? .array(value.split(whereSeparator: { $0 == ">" || $0 == "/" || $0 == "＞" })
                        .map { .value(.string($0.trimmingCharacters(in: .whitespaces))) })
                    : .string(value)
                let parts = path.split(separator: ".").map(String.init)
                if parts.count == 2 { nested[parts[0], default: []].append(JSONMember(parts[1], JSONNode(json, line: line))) }
                else { object[path] = json }
            }
            var members = object.map { JSONMember($0.key, JSONNode($0.value, line: line)) }
            for (key, list) in nested { members.append(JSONMember(key, JSONNode(.object(list), line: line))) }
            if let events {
                let id = cell(row, table.columns["order_id"]).trimmingCharacters(in: .whitespaces)
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
            contents.issues += one.issues.map(relocate)
            contents.records += one.records
            contents.rejected += one.rejected.map { RejectedRecord(line: $0.line, text: $0.text, errors: $0.errors.map(relocate)) }
        }
        return contents
    }

    /// A case as a row of `orderColumns`.
    static func orderRow(_ k: Case) -> [String] {
        orderColumns.map { column in
            switch column.path {
            case "order_id": k.orderID
            case "category_path": k.categoryPath.joined(separator: ">")
            case "item_kind": k.itemKind?.rawValue ?? ""
            case "title": k.title ?? ""
            case "buyer": k.buyer ?? ""
            case "merchant": k.merchant ?? ""
            case "total_amount": k.totalAmount.description
            case "paid_at": k.paidAt.description
            case "buyer_first_reply_at": k.buyerFirstReplyAt?.description ?? ""
            case "cancellation.requested_at": k.cancellation?.requestedAt?.description ?? ""
            case "shipment.shipped_at": k.shipment.shippedAt?.description ?? ""
            case "shipment.first_scan_at": k.shipment.firstScanAt?.description ?? ""
            case "shipment.carrier": k.shipment.carrier ?? ""
            case "shipment.waybill": k.shipment.waybill ?? ""
            case "delivery.offered_at": k.delivery.offeredAt?.description ?? ""
            case "delivery.signed_at": k.delivery.signedAt?.description ?? ""
            case "delivery.refused_at": k.delivery.refusedAt?.description ?? ""
            case "claim.type": k.claim?.type.rawValue ?? ""
            case "claim.at": k.claim?.at?.description ?? ""
            case "claim.reason": k.claim?.reason ?? ""
            default: ""
            }
        }
    }

    /// A CSV field, quoted when it must be.
    /// A cell as written by export: a leading `= + - @`, tab or carriage return is prefixed
    /// with `'` so a spreadsheet shows text instead of running a formula (OWASP CSV injection),
    /// then quoted where CSV needs it.
    static func quoted(_ s: String) -> String {
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
