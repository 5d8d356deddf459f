import PetDeskRules
import Testing

/// One test per class of bad input: every error names file, line and field; nothing traps; good
/// records beside bad ones are kept.
struct BadInputTests {
    static let good = #"{"order_id":"A1","category_path":["宠物生活","宠物活体","猫"],"total_amount":"3000.00","paid_at":"2022-08-01T10:00:00+08:00"}"#

    static func line(_ replacing: String, with: String) -> String { good.replacingOccurrences(of: replacing, with: with) }

    private func errors(_ text: String, name: String = "cases.jsonl") -> [String] {
        Fixtures.parse(text, name: name).errors.map(\.description)
    }

    @Test func wrongType() {
        let text = Self.good + "\n" + Self.line(#""total_amount":"3000.00""#, with: #""total_amount":true"#).replacingOccurrences(of: "A1", with: "A2")
        let c = Fixtures.parse(text)
        #expect(c.errors.map(\.description) == ["cases.jsonl:2: total_amount: expected an amount (a decimal string or number), found a boolean"])
        #expect(c.records.map(\.kase.orderID) == ["A1"])
        #expect(c.rejected.map(\.line) == [2])
    }

    @Test func controlCharactersInIdentifiersAreRefused() {
        // A NUL merged "A\0B" and "A\0C" into one case at the database.
        let text = Self.line(#""A1""#, with: #""A\u0000B""#) + "\n" + Self.line(#""A1""#, with: #""A\u001bC""#) + "\n"
            + Self.line(#""paid_at""#, with: #""shipment":{"waybill":"SF\u0007"},"paid_at""#)
        #expect(errors(text) == [
            "cases.jsonl:1: order_id: contains the control character U+0000; identifiers must be printable",
            "cases.jsonl:2: order_id: contains the control character U+001B; identifiers must be printable",
            "cases.jsonl:3: shipment.waybill: contains the control character U+0007; identifiers must be printable",
        ])
    }

    @Test func invalidInstant() {
        #expect(errors(Self.line("2022-08-01T10:00:00+08:00", with: "2022-13-01")) == [#"cases.jsonl:1: paid_at: "2022-13-01" is not a valid instant"#])
    }

    @Test func dateWhereAnInstantIsRequired() {
        #expect(errors(Self.line("2022-08-01T10:00:00+08:00", with: "2022-08-01")) == [#"cases.jsonl:1: paid_at: "2022-08-01" is a date without a time; an instant is required"#])
    }

    @Test func unknownEnumValue() {
        let text = Self.line(#""paid_at""#, with: #""claim":{"type":"refund_all","at":"2022-08-02T10:00:00"},"paid_at""#)
        #expect(errors(text) == ["cases.jsonl:1: claim.type: unknown value \"refund_all\"; expected one of refuse, return_refund, refund_only, no_reason_return, mismatch, doa, illness, late_shipment"])
    }

    @Test func nestedPathsNameTheIndex() {
        let text = Self.line(#""paid_at""#, with: #""tracking":[{"at":"2022-08-02T10:00:00"},{"at":"soon"}],"paid_at""#)
        #expect(errors(text) == [#"cases.jsonl:1: tracking[1].at: "soon" is not a valid instant"#])
    }

    @Test func missingRequiredField() {
        #expect(errors(Self.line(#","paid_at":"2022-08-01T10:00:00+08:00""#, with: "")) == ["cases.jsonl:1: paid_at: required field is missing"])
    }

    @Test func everyErrorOfARecordIsReported() {
        let text = #"{"order_id":"","category_path":"猫","total_amount":"-3","paid_at":null}"#
        #expect(errors(text) == [
            "cases.jsonl:1: order_id: must not be empty",
            "cases.jsonl:1: category_path: expected an array, found a string",
            #"cases.jsonl:1: total_amount: "-3" is not a valid amount (non-negative yuan, at most 2 decimals)"#,
            "cases.jsonl:1: paid_at: required field is missing",
        ])
    }

    @Test func duplicateOrderID() {
        let c = Fixtures.parse(Self.good + "\n" + Self.good + "\n")
        #expect(c.errors.map(\.description) == [#"cases.jsonl:2: order_id: duplicate order id "A1" (first at cases.jsonl:1)"#])
        #expect(c.records.count == 1)
    }

    @Test func duplicateOrderIDAcrossFiles() {
        var seen: [String: String] = [:]
        _ = CaseFileReader.parse(Array(Self.good.utf8), file: "a.json", seenOrderIDs: &seen)
        let second = CaseFileReader.parse(Array(Self.good.utf8), file: "b.json", seenOrderIDs: &seen)
        #expect(second.errors.map(\.description) == [#"b.json:1: order_id: duplicate order id "A1" (first at a.json:1)"#])
    }

    @Test func notJSON() {
        let c = Fixtures.parse(Self.good + "\n" + "order_id=A2\n" + Self.good.replacingOccurrences(of: "A1", with: "A3"))
        #expect(c.errors.map(\.description) == ["cases.jsonl:2: not JSON: unexpected character 'o' at column 1"])
        #expect(c.records.map(\.kase.orderID) == ["A1", "A3"])
    }

    @Test func brokenLineInJSONLinesKeepsTheOthers() {
        let c = Fixtures.parse(Self.good + "\n" + #"{"order_id": "A2", "#  + "\n" + Self.good.replacingOccurrences(of: "A1", with: "A3") + "\n")
        #expect(c.records.map(\.kase.orderID) == ["A1", "A3"])
        #expect(c.errors.map(\.description) == ["cases.jsonl:2: not JSON: unexpected end of input in an object at column 20"])
    }

    @Test func plainTextFile() {
        #expect(errors("hello\n", name: "notes.txt") == ["notes.txt:1: not JSON: expected a case object '{', an array '[' or JSON Lines"])
    }

    @Test func emptyFile() {
        #expect(errors("", name: "empty.json") == ["empty.json:1: the file is empty; expected a case object, an array of cases or JSON Lines"])
        #expect(errors(" \n\n", name: "blank.json") == ["blank.json:1: the file is empty; expected a case object, an array of cases or JSON Lines"])
    }

    @Test func invalidUTF8() {
        var bytes = Array((Self.good + "\n").utf8)
        bytes += Array(Self.good.replacingOccurrences(of: "A1", with: "A2").utf8)
        let i = bytes.lastIndex(of: "猫".utf8.first!)!
        bytes[i] = 0xFF
        var seen: [String: String] = [:]
        let c = CaseFileReader.parse(bytes, file: "cases.jsonl", seenOrderIDs: &seen)
        #expect(c.records.map(\.kase.orderID) == ["A1"])
        #expect(c.errors.count == 1)
        #expect(c.errors.first?.description.hasPrefix("cases.jsonl:2: invalid UTF-8 (byte 0xff at column") == true)
    }

    /// A line is searched for invalid bytes only when it fails to parse: wherever one invalid
    /// byte stands (in a string, in an escaped string, between members, in a number), the error
    /// names it, at its column, and nothing of the line is read.
    @Test(arguments: [UInt8(0xFF), 0xC3, 0x80, 0xED])
    func anInvalidByteAnywhereInALineIsNamedAtItsColumn(_ invalid: UInt8) {
        let line = Array(#"{"order_id":"A2","title":"猫\n\u732b 布偶","total_amount":"12.50","tracking":[]}"#.utf8)
        for position in line.indices {
            var bytes = Array((Self.good + "\n").utf8)
            var bad = line
            bad[position] = invalid
            // Where the malformed sequence starts (inside a character: at its first byte); a
            // byte that still makes valid text (0xC3 before a continuation byte) is skipped.
            var iterator = bad.makeIterator(), parser = Unicode.UTF8.ForwardParser(), offset = 0
            var start: Int?
            scan: while true {
                switch parser.parseScalar(from: &iterator) {
                case .valid(let scalar): offset += scalar.count
                case .emptyInput: break scan
                case .error: start = offset; break scan
                }
            }
            guard let start else { continue }
            bytes += bad
            var seen: [String: String] = [:]
            let c = CaseFileReader.parse(bytes, file: "cases.jsonl", seenOrderIDs: &seen)
            #expect(c.records.map(\.kase.orderID) == ["A1"])
            #expect(c.errors.map(\.description) == ["cases.jsonl:2: invalid UTF-8 (byte 0x\(String(bad[start], radix: 16)) at column \(start + 1))"],
                    "byte \(position)")
        }
    }

    @Test func invalidUTF8InAPrettyFile() {
        var bytes = Array("{\n  \"order_id\": \"A1\",\n  \"title\": \"".utf8)
        bytes += [0xC3, 0x28]
        bytes += Array("\"\n}\n".utf8)
        var seen: [String: String] = [:]
        let c = CaseFileReader.parse(bytes, file: "case.json", seenOrderIDs: &seen)
        #expect(c.errors.map(\.description) == ["case.json:3: invalid UTF-8 (byte 0xc3); save the file as UTF-8"])
    }

    @Test func truncatedLastLine() {
        let text = Self.good + "\n" + String(Self.good.replacingOccurrences(of: "A1", with: "A2").prefix(40))
        let c = Fixtures.parse(text)
        #expect(c.records.count == 1)
        #expect(c.errors.map(\.description).first?.hasPrefix("cases.jsonl:2: truncated last line: unexpected end of input") == true)
    }

    @Test func unknownFieldsAreWarnings() {
        let c = Fixtures.parse(Self.line(#""paid_at""#, with: #""colour":"blue","checklist":{"identiy":{"status":"done"}},"paid_at""#))
        #expect(c.errors.isEmpty)
        #expect(c.records.count == 1)
        #expect(c.warnings.map(\.description) == [
            "cases.jsonl:1: colour: warning: unknown field",
            "cases.jsonl:1: checklist.identiy: warning: unknown checklist item (known: purchase_process, identity, vaccination, birth_date, age, sex, breed, pedigree, other_fees, health_check, full_video, ship_time, packaging_video, transport_method, arrival_window, care_notes)",
        ])
    }

    @Test func anAgreedDateMayBeWrittenAsAnInstant() {
        let c = Fixtures.parse(Self.line(#""paid_at""#, with: #""agreement":{"kind":"date","value":"2022-08-05T00:00:00Z","agreed_at":"2022-08-01T11:00:00","channel":"platform"},"paid_at""#))
        #expect(c.errors.isEmpty)
        #expect(c.records.first?.kase.agreement?.period == .date(LocalDate(year: 2022, month: 8, day: 5)!))
        let bad = Fixtures.parse(Self.line(#""paid_at""#, with: #""agreement":{"kind":"date","value":"soon"},"paid_at""#))
        #expect(bad.errors.map(\.description) == [#"cases.jsonl:1: agreement.value: "soon" is not a valid date (YYYY-MM-DD)"#])
    }

    @Test func duplicateKey() {
        #expect(errors(Self.line(#""paid_at""#, with: #""order_id":"A9","paid_at""#)) == ["cases.jsonl:1: order_id: duplicate key"])
    }

    @Test func aChecklistItemNamedTwiceIsAnError() {
        // Known items, the first of them null: the second is still the same item named again.
        let known = Fixtures.parse(Self.line(#""paid_at""#, with: #""checklist":{"sex":null,"breed":{"status":"done"},"sex":{"status":"done"}},"paid_at""#))
        #expect(known.errors.map(\.description) == ["cases.jsonl:1: checklist.sex: duplicate key"])
        #expect(known.records.isEmpty)
        // An unknown item named twice: a warning for the first, an error for the second.
        let unknown = Fixtures.parse(Self.line(#""paid_at""#, with: #""checklist":{"identiy":{"status":"done"},"identiy":{}},"paid_at""#))
        #expect(unknown.errors.map(\.description) == ["cases.jsonl:1: checklist.identiy: duplicate key"])
        #expect(unknown.warnings.count == 1)
        let distinct = Fixtures.parse(Self.line(#""paid_at""#, with: #""checklist":{"sex":{"status":"done"},"breed":{"status":"missing"}},"paid_at""#))
        #expect(distinct.errors.isEmpty)
        #expect(distinct.records.first?.kase.checklist[.breed].status == .missing)
    }

    @Test(arguments: [10, 62, 63, 64, 65, 70, 300])
    func anObjectOfManyMembersIsCheckedAsAFewAre(_ unknown: Int) {
        // Members past the first 64 are kept another way: both must read alike.
        let extra = (0..<unknown).map { #""x\#($0)":\#($0)"# }.joined(separator: ",")
        let once = Fixtures.parse(Self.line(#""paid_at""#, with: extra + #","title":"猫","shipment":{"#
                                            + extra + #","carrier":"顺丰"},"paid_at""#))
        #expect(once.errors.isEmpty)
        #expect(once.warnings.count + once.suppressedWarnings == 2 * unknown)
        if 2 * unknown <= CaseFileContents.maximumIssues {
            #expect(once.warnings.last?.description == "cases.jsonl:1: shipment.x\(unknown - 1): warning: unknown field")
        }
        #expect(once.records.first?.kase.title == "猫")
        #expect(once.records.first?.kase.shipment.carrier == "顺丰")
        let twice = Fixtures.parse(Self.line(#""paid_at""#, with: #""title":"猫","# + extra + #","title":"狗","shipment":{"carrier":"顺丰","#
                                             + extra + #","carrier":"圆通"},"paid_at""#))
        #expect(twice.errorCount == 2 && twice.records.isEmpty)
        #expect(twice.warnings.count + twice.suppressedWarnings == 2 * unknown)
        if 2 * unknown + 2 <= CaseFileContents.maximumIssues {
            #expect(twice.errors.map(\.description) == ["cases.jsonl:1: title: duplicate key", "cases.jsonl:1: shipment.carrier: duplicate key"])
        }
    }

    @Test func linesPointAtTheFieldInAPrettyFile() {
        let text = """
        [
          {
            "order_id": "A1",
            "category_path": ["宠物生活", "宠物活体", "猫"],
            "total_amount": "3000.00",
            "paid_at": "2022-08-01T10:00:00+08:00",
            "shipment": {
              "shipped_at": "2022-08-01 25:00"
            }
          },
          7
        ]
        """
        #expect(errors(text, name: "cases.json") == [
            #"cases.json:8: shipment.shipped_at: "2022-08-01 25:00" is not a valid instant"#,
            "cases.json:11: expected a case object, found a number",
        ])
    }

    @Test func unsupportedFormat() {
        #expect(errors(Self.line(#"{"order_id""#, with: #"{"format":"petdesk.case/2","order_id""#))
                == [#"cases.jsonl:1: format: unsupported format "petdesk.case/2"; expected "petdesk.case/1""#])
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(errors(deep, name: "deep.json") == ["deep.json:1: not JSON: nesting deeper than 64 levels at column 65; nothing after this point was read"])
    }

    @Test func loneSurrogate() {
        #expect(errors(Self.line(#""A1""#, with: #""\ud800""#)).first?.contains("lone surrogate") == true)
    }

    @Test func byteOrderMarkIsAccepted() {
        var seen: [String: String] = [:]
        let c = CaseFileReader.parse([0xEF, 0xBB, 0xBF] + Array(Self.good.utf8), file: "bom.json", seenOrderIDs: &seen)
        #expect(c.issues.isEmpty)
        #expect(c.records.count == 1)
    }

    @Test func unreadableFile() {
        var seen: [String: String] = [:]
        let c = CaseFileReader.read(path: "/nonexistent/cases.json", seenOrderIDs: &seen)
        #expect(c.errors.first?.description.hasPrefix("/nonexistent/cases.json: cannot read the file") == true)
    }

    @Test func randomMutationsNeverTrap() throws {
        let original = try Fixtures.bytes("P11.json")
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                let i = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: bytes[i] = UInt8.random(in: 0...255, using: &rng)
                case 1: bytes.remove(at: i)
                case 2: bytes.insert(UInt8.random(in: 0...255, using: &rng), at: i)
                default: bytes = Array(bytes.prefix(i))
                }
                if bytes.isEmpty { break }
            }
            var seen: [String: String] = [:]
            let c = CaseFileReader.parse(bytes, file: "m.json", seenOrderIDs: &seen)
            // Either it decoded, or it says why at a real line; every case still evaluates.
            #expect(!c.records.isEmpty || !c.errors.isEmpty)
            for issue in c.issues { #expect(issue.line >= 1) }
            for r in c.records { _ = RulePack.ksPet2022.evaluate(r.kase, at: instant("2022-08-10T00:00:00")) }
        }
    }
}

struct RoundTripTests {
    @Test(arguments: ["P01.json", "P02.json", "P06.json", "P11.json", "P12.json", "P22.json", "P31.json", "P34.json", "P42.json"])
    func encodeThenDecodeGivesTheSameCase(_ name: String) throws {
        let original = try Fixtures.kase(name)
        let text = JSONWriter.string(CaseEncoder.json(original), pretty: false)
        let back = Fixtures.parse(text)
        #expect(back.issues.isEmpty)
        #expect(back.records.first?.kase == original)
    }

    @Test func everyOptionalShapeRoundTrips() {
        var c = Base.confirmed()
        c.agreement = Agreement(period: .date(LocalDate(year: 2022, month: 8, day: 5)!), agreedAt: nil, channel: nil)
        c.cancellation = Cancellation(requestedAt: instant("2022-08-01T12:00:00"), consentAt: nil, consentChannel: .offPlatform)
        c.stallReplies = [Base.reply("2022-08-05T12:00:00+08:00", channel: nil, courierResult: nil)]
        c.claim = Claim(type: .mismatch, at: instant("2022-08-05T12:00:00"), reason: "x\n\"y\"", item: .pedigree, actual: "无")
        c.messages = [Message(at: nil, from: "buyer", text: "\u{1b}[2J \u{202E}")]
        c.tracking = nil
        c.contacts = nil
        let back = Fixtures.parse(JSONWriter.string(CaseEncoder.json(c), pretty: false))
        #expect(back.records.first?.kase == c)
    }
}

/// Memory stays bounded by what a case file can need, whatever the input.
struct BoundedInputTests {
    @Test func issuesBeyondTheCapAreCountedNotKept() {
        let text = "[" + Array(repeating: "1", count: 300).joined(separator: ",") + "]"
        let c = Fixtures.parse(text, name: "many.json")
        #expect(c.issues.count == CaseFileContents.maximumIssues)
        #expect(c.suppressedErrors == 300 - CaseFileContents.maximumIssues && c.errorCount == 300)
        #expect(c.rejected.count == 300, "every rejected element is kept for the rejects file")
    }

    @Test func anArrayOfMoreThanAMillionElementsIsRefusedEarly() {
        let text = "[" + String(repeating: "1,", count: JSONParser.maximumArrayElements) + "1]"
        let c = Fixtures.parse(text, name: "huge.json")
        #expect(c.records.isEmpty)
        #expect(c.errors.first?.description.contains("more than 1000000 elements in one array") == true)
    }
}

/// A JSON Lines line far longer than any case is refused, naming its line, and the rest is read.
struct LongLineTests {
    @Test func aHugeLineIsRefusedAndTheOthersAreKept() {
        let huge = #"{"order_id":"X","title":""# + String(repeating: "a", count: CaseFileReader.maximumLineBytes) + #""}"#
        let c = Fixtures.parse(BadInputTests.good + "\n" + huge + "\n" + BadInputTests.good.replacingOccurrences(of: "A1", with: "A3") + "\n")
        #expect(c.records.map(\.kase.orderID) == ["A1", "A3"])
        #expect(c.errors.map(\.description) == ["cases.jsonl:2: a line of \(huge.utf8.count) bytes; a case line is at most 8 MiB"])
    }
}
