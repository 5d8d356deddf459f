/// Where something was said or done (case format: `channel`).
public enum Channel: String, Sendable, CaseIterable {
    /// The product detail page (counts as on the platform).
    case detailPage = "detail_page"
    /// Platform customer-service messages.
    case platform
    /// Off the platform: WeChat, phone. Never counts as done (standard §3).
    case offPlatform = "off_platform"

    /// Whether the platform itself holds the evidence.
    public var isOnPlatform: Bool { self != .offPlatform }
}

/// The status an agent gives a checklist item (standard §3).
public enum ItemStatus: String, Sendable, CaseIterable {
    /// Done, with the evidence on the platform.
    case done
    /// Not done.
    case missing
    /// Claimed done, but only off the platform: counts as not done.
    case offPlatform = "off_platform"
    /// Nobody has checked yet.
    case unknown
}

/// How a pet's identity was given (KS-PET-ID).
public enum IdentityKind: String, Sendable, CaseIterable {
    /// A microchip code.
    case chip
    /// A nose print.
    case nosePrint = "nose_print"
    /// A leg ring, ear tag or batch id: satisfies the item with flag `identity_other` [reading].
    case other
}

/// The part of the standard a checklist item belongs to.
public enum ChecklistGroup: String, Sendable, CaseIterable {
    /// KS-PET-DISCLOSE: purchase process and notes.
    case disclosure
    /// KS-PET-CONFIRM: confirmed with the buyer after the order.
    case confirmation
    /// KS-PET-PRESHIP: the delivery standard told before shipping.
    case preShipment
}

/// Every checklist item of standard §3, in display order.
public enum ChecklistKey: String, Sendable, CaseIterable, Hashable {
    case purchaseProcess = "purchase_process"
    case identity, vaccination
    case birthDate = "birth_date"
    case age, sex, breed, pedigree
    case otherFees = "other_fees"
    case healthCheck = "health_check"
    case fullVideo = "full_video"
    case shipTime = "ship_time"
    case packagingVideo = "packaging_video"
    case transportMethod = "transport_method"
    case arrivalWindow = "arrival_window"
    case careNotes = "care_notes"

    /// The group of the standard this item belongs to.
    public var group: ChecklistGroup {
        switch self {
        case .purchaseProcess: .disclosure
        case .identity, .vaccination, .birthDate, .age, .sex, .breed, .pedigree, .otherFees: .confirmation
        default: .preShipment
        }
    }

    /// The standard's Chinese wording.
    public var chineseName: String {
        switch self {
        case .purchaseProcess: "购买流程和须知"
        case .identity: "宠物身份信息(芯片码或鼻纹)"
        case .vaccination: "疫苗接种情况"
        case .birthDate: "出生日期"
        case .age: "年龄"
        case .sex: "性别"
        case .breed: "品种"
        case .pedigree: "血统证明"
        case .otherFees: "其他费用"
        case .healthCheck: "宠物全面体检和排畸"
        case .fullVideo: "宠物全面视频"
        case .shipTime: "发货时间"
        case .packagingVideo: "包装视频"
        case .transportMethod: "运输方式"
        case .arrivalWindow: "预计到货时间区间"
        case .careNotes: "宠物注意事项"
        }
    }

    /// A short English name.
    public var englishName: String {
        switch self {
        case .purchaseProcess: "Purchase process & notes"
        case .identity: "Identity (chip or nose print)"
        case .vaccination: "Vaccination"
        case .birthDate: "Birth date"
        case .age: "Age"
        case .sex: "Sex"
        case .breed: "Breed"
        case .pedigree: "Pedigree"
        case .otherFees: "Other fees"
        case .healthCheck: "Health check & deformity screen"
        case .fullVideo: "Full video of the pet"
        case .shipTime: "Shipping time"
        case .packagingVideo: "Packaging video"
        case .transportMethod: "Transport method"
        case .arrivalWindow: "Expected arrival window"
        case .careNotes: "Care notes"
        }
    }

    /// Every item in display order (a stored array: `allCases` builds a new one on each call).
    public static let all: [ChecklistKey] = allCases

    /// The case-format path of this item: `checklist.identity`.
    public var path: String { "checklist." + rawValue }

    var index: Int {
        switch self {
        case .purchaseProcess: 0
        case .identity: 1
        case .vaccination: 2
        case .birthDate: 3
        case .age: 4
        case .sex: 5
        case .breed: 6
        case .pedigree: 7
        case .otherFees: 8
        case .healthCheck: 9
        case .fullVideo: 10
        case .shipTime: 11
        case .packagingVideo: 12
        case .transportMethod: 13
        case .arrivalWindow: 14
        case .careNotes: 15
        }
    }
}

/// One checklist item as recorded.
public struct ChecklistEntry: Hashable, Sendable {
    /// The recorded status.
    public var status: ItemStatus
    /// When it was done, if known.
    public var at: Instant?
    /// For `identity`: how the identity was given.
    public var kind: IdentityKind?
    /// The confirmed value (e.g. `无血统证书`).
    public var value: String?
    /// An agent's or importer's note.
    public var note: String?
    /// Where it was done.
    public var channel: Channel?

    /// Creates an entry.
    public init(status: ItemStatus = .unknown, at: Instant? = nil, kind: IdentityKind? = nil,
                value: String? = nil, note: String? = nil, channel: Channel? = nil) {
        self.status = status
        self.at = at
        self.kind = kind
        self.value = value
        self.note = note
        self.channel = channel
    }

    /// The status the rules see: `done` on an off-platform channel counts as `off_platform` (§8.11).
    public var effectiveStatus: ItemStatus {
        status == .done && channel == .offPlatform ? .offPlatform : status
    }
}

/// The sixteen checklist items of a case; an item never recorded reads as `unknown`.
public struct Checklist: Hashable, Sendable {
    private var entries: [ChecklistEntry?]
    /// What the rules read of each item, kept beside the entries so evaluation copies no strings.
    private var facts: [ItemFacts]

    /// The parts of an entry the rules read. The instant first: the two one-byte enums then
    /// fit in its optional's padding, 16 bytes an item, not 24 (the sixteen items of a case in
    /// four cache lines, not six).
    struct ItemFacts: Hashable, Sendable {
        var at: Instant?
        var status: ItemStatus = .unknown
        var kind: IdentityKind?
    }

    /// An empty checklist: every item unknown.
    public init() {
        entries = Array(repeating: nil, count: ChecklistKey.all.count)
        facts = Array(repeating: ItemFacts(), count: ChecklistKey.all.count)
    }

    /// The entry for `key` (an unknown entry when none was recorded).
    public subscript(key: ChecklistKey) -> ChecklistEntry {
        get { entries[key.index] ?? ChecklistEntry() }
        set {
            entries[key.index] = newValue
            facts[key.index] = ItemFacts(at: newValue.at, status: newValue.effectiveStatus, kind: newValue.kind)
        }
    }

    /// Whether an entry was recorded for `key` (as opposed to being absent).
    public func isRecorded(_ key: ChecklistKey) -> Bool { entries[key.index] != nil }

    /// Calls `body` with each recorded entry and its key, in display order: one pass over the
    /// entries, not a check and then a copy of each (an import's checklist rows: 2,000 cases,
    /// callgrind 1,789.9 M -> 1,777.2 M instructions).
    public func forEachRecorded(_ body: (ChecklistKey, ChecklistEntry) throws -> Void) rethrows {
        for i in entries.indices {
            if let entry = entries[i] { try body(ChecklistKey.all[i], entry) }
        }
    }

    /// Removes the entry for `key`, so it reads as absent.
    public mutating func remove(_ key: ChecklistKey) {
        entries[key.index] = nil
        facts[key.index] = ItemFacts()
    }

    /// The status the rules see (§8.11), without copying the entry.
    public func effectiveStatus(_ key: ChecklistKey) -> ItemStatus { facts[key.index].status }

    /// The entry's instant (when the item was done), without copying the entry.
    func doneAt(_ key: ChecklistKey) -> Instant? { facts[key.index].at }

    /// The identity kind, without copying the entry.
    func kind(_ key: ChecklistKey) -> IdentityKind? { facts[key.index].kind }

    /// What the rules read of every item, in `ChecklistKey.index` order (one read for a pass
    /// over all sixteen).
    var itemFacts: [ItemFacts] { facts }

    public static func == (lhs: Checklist, rhs: Checklist) -> Bool { lhs.entries == rhs.entries }
    public func hash(into hasher: inout Hasher) { hasher.combine(entries) }
}
