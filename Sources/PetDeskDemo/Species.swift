import PetDeskRules

/// What a kind of animal is sold as on the platform: its category, who sells it, what its
/// checklist can truthfully say (a dog's vaccines are not a cat's; a chick has no pedigree) and
/// what it costs.
struct Species: Sendable {
    /// One listing: its title, the breed the merchant confirms, and its price range in yuan.
    struct Listing: Sendable {
        var title: String
        var breed: String
        var yuan: ClosedRange<Int>
    }

    /// The platform category path (levels 1–3 or 1–4).
    var category: [String]
    var kind: ItemKind
    /// Shops that sell this species and nothing else.
    var merchants: [String]
    var listings: [Listing]
    /// Values a merchant confirms for `vaccination`.
    var vaccines: [String]
    /// Values a merchant confirms for `pedigree`.
    var pedigrees: [String]
    /// How the animal is identified, and the prefix of its id text.
    var identity: IdentityKind
    var identityPrefix: String
    /// Age at sale, in days.
    var ageDays: ClosedRange<Int>
    /// Values a merchant confirms for `sex`.
    var sexes: [String]
    var transport: String
    var care: String
    /// The checklist item a mismatch claim names, and what the buyer says arrived instead.
    var mismatch: (item: ChecklistKey, actual: String)

    static let all: [Species] = [
        Species(category: ["宠物生活", "宠物活体", "猫"], kind: .livePet,
                merchants: ["云朵布偶猫舍", "蓝猫乐园猫舍", "橘子家猫舍"],
                listings: [Listing(title: "英短蓝猫 幼猫 疫苗齐全", breed: "英国短毛猫（蓝猫）", yuan: 1800...3500),
                           Listing(title: "布偶猫 海双色 双血统", breed: "布偶猫（海双色）", yuan: 4500...9000),
                           Listing(title: "英短金渐层 可看猫", breed: "英国短毛猫（金渐层）", yuan: 3000...6000),
                           Listing(title: "暹罗猫 重点色 两个月", breed: "暹罗猫", yuan: 1500...3000),
                           Listing(title: "缅因猫 银虎斑 大骨架", breed: "缅因猫（银虎斑）", yuan: 5000...12000)],
                vaccines: ["猫三联第一针", "猫三联两针", "猫三联三针+狂犬疫苗"],
                pedigrees: ["CFA血统证书", "无血统证书"],
                identity: .chip, identityPrefix: "900", ageDays: 60...120, sexes: ["公", "母"],
                transport: "顺丰特快（活体专运，航空箱）", care: "到家先隔离观察3天，一周内不洗澡",
                mismatch: (.pedigree, "无血统证书")),
        Species(category: ["宠物生活", "宠物活体", "狗"], kind: .livePet,
                merchants: ["汪星球犬舍", "柯基小镇犬舍", "京城名犬舍"],
                listings: [Listing(title: "柯基犬 三色 两个月", breed: "威尔士柯基犬", yuan: 2500...5000),
                           Listing(title: "柴犬 赤色 纯种", breed: "柴犬（赤色）", yuan: 4000...8000),
                           Listing(title: "比熊犬 纯种 疫苗齐全", breed: "比熊犬", yuan: 1500...3500),
                           Listing(title: "金毛幼犬 赛级血统", breed: "金毛寻回犬", yuan: 3000...8000),
                           Listing(title: "边境牧羊犬 黑白 聪明", breed: "边境牧羊犬", yuan: 2000...5000)],
                vaccines: ["犬四联第一针", "犬四联两针", "犬四联三针+狂犬疫苗"],
                pedigrees: ["CKU血统证书", "无血统证书"],
                identity: .nosePrint, identityPrefix: "鼻纹档案 NP", ageDays: 55...100, sexes: ["公", "母"],
                transport: "顺丰特快（活体专运，航空箱）", care: "到家先隔离观察3天，少食多餐",
                mismatch: (.pedigree, "无血统证书")),
        Species(category: ["宠物生活", "宠物活体", "水族"], kind: .livePet,
                merchants: ["锦鲤世家渔场", "鱼乐水族馆"],
                listings: [Listing(title: "锦鲤 红白 15cm 两条", breed: "锦鲤（红白）", yuan: 300...800),
                           Listing(title: "孔雀鱼 一对 包活", breed: "孔雀鱼（蓝草尾）", yuan: 30...80)],
                vaccines: ["不适用（观赏鱼无疫苗）"], pedigrees: ["不适用（观赏鱼无血统证书）"],
                identity: .other, identityPrefix: "批次号 SY", ageDays: 120...300, sexes: ["未鉴别", "一公一母"],
                transport: "顺丰特快（氧气袋+泡沫箱）", care: "到家先过水温30分钟再入缸",
                mismatch: (.breed, "普通红鲤")),
        Species(category: ["宠物生活", "宠物活体", "小宠"], kind: .livePet,
                merchants: ["萌兔小屋"],
                listings: [Listing(title: "垂耳兔 幼兔 侏儒", breed: "荷兰垂耳兔", yuan: 300...900),
                           Listing(title: "迷你兔 狮子头 幼兔", breed: "狮子兔", yuan: 200...600)],
                vaccines: ["兔瘟疫苗一针", "兔瘟疫苗两针"], pedigrees: ["无血统证书"],
                identity: .other, identityPrefix: "编号 TZ", ageDays: 40...90, sexes: ["公", "母"],
                transport: "顺丰特快（透气运输盒）", care: "到家先静养一天，勿频繁抓取",
                mismatch: (.sex, "性别不符")),
        Species(category: ["宠物生活", "宠物活体", "小宠"], kind: .livePet,
                merchants: ["仓鼠星球"],
                listings: [Listing(title: "金丝熊仓鼠 一只 送笼", breed: "金丝熊仓鼠", yuan: 30...90),
                           Listing(title: "布丁仓鼠 一对", breed: "布丁仓鼠", yuan: 30...80)],
                vaccines: ["不适用（仓鼠无需疫苗）"], pedigrees: ["无血统证书"],
                identity: .other, identityPrefix: "编号 CS", ageDays: 30...60, sexes: ["公", "母"],
                transport: "顺丰特快（透气运输盒）", care: "到家先静养一天，垫料保持干燥",
                mismatch: (.sex, "性别不符")),
        Species(category: ["宠物生活", "宠物活体", "鸟"], kind: .livePet,
                merchants: ["鹦语鸟园"],
                listings: [Listing(title: "玄凤鹦鹉 手养 会说话", breed: "玄凤鹦鹉", yuan: 200...600),
                           Listing(title: "虎皮鹦鹉 一对 手养", breed: "虎皮鹦鹉", yuan: 80...200)],
                vaccines: ["不适用（鹦鹉无常规疫苗）"], pedigrees: ["无血统证书"],
                identity: .other, identityPrefix: "脚环号 JH", ageDays: 60...150, sexes: ["公", "母", "未鉴别"],
                transport: "顺丰特快（透气鸟笼箱）", care: "到家后保温，先喂小米和温水",
                mismatch: (.breed, "品种不符")),
        Species(category: ["农资绿植", "畜牧养殖", "动物种苗", "鸡苗"], kind: .animalSeedling,
                merchants: ["鑫旺禽苗孵化场", "金鸡苗孵化基地"],
                listings: [Listing(title: "三黄鸡苗 出壳3天 100只 包活", breed: "三黄鸡", yuan: 350...600),
                           Listing(title: "芦花鸡苗 50只", breed: "芦花鸡", yuan: 200...350)],
                vaccines: ["马立克疫苗已免疫", "马立克+新城疫疫苗已免疫"], pedigrees: ["不适用（禽苗无血统证书）"],
                identity: .other, identityPrefix: "批次号 JM", ageDays: 1...4, sexes: ["公母混苗", "母苗"],
                transport: "德邦特快（禽苗专用透气箱）", care: "到家后保温32℃，先饮温糖水",
                mismatch: (.sex, "公苗过半")),
        Species(category: ["农资绿植", "畜牧养殖", "动物种苗", "鸭苗"], kind: .animalSeedling,
                merchants: ["绿野鸭苗基地"],
                listings: [Listing(title: "麻鸭苗 30只 包邮", breed: "麻鸭", yuan: 120...240)],
                vaccines: ["鸭病毒性肝炎疫苗已免疫"], pedigrees: ["不适用（禽苗无血统证书）"],
                identity: .other, identityPrefix: "批次号 YM", ageDays: 1...4, sexes: ["公母混苗"],
                transport: "德邦特快（禽苗专用透气箱）", care: "到家后保温30℃，三天内不下水",
                mismatch: (.breed, "品种不符")),
    ]

    /// Goods that are not live pets (out of scope of the standard), and the shops that sell them.
    static let goods: [(category: [String], title: String, yuan: ClosedRange<Int>, merchant: String)] = [
        (["宠物生活", "宠物主粮", "猫主粮"], "皇家幼猫粮 K36 10kg 整箱装", 380...520, "宠粮旗舰店"),
        (["宠物生活", "宠物用品", "猫砂"], "豆腐猫砂 6L×4 包", 60...110, "宠物用品优选店"),
    ]
}
