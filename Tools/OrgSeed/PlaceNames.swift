/// Names of communes, wards and villages: real ones from the seeds first (Châu Quế Hạ,
/// Mỏ Vàng, Khe Hóp, …), then two-syllable names built the way Vietnamese place names
/// are (Tân Thịnh, Hòa Bình), and Tày/Thái/Mông-style village names for the hills.
struct PlaceNames: Sendable {
    static let realCommunes = [
        "Châu Quế Hạ", "Mỏ Vàng", "Đông Công", "Đông An", "Tân Hợp", "Mậu A", "Lâm Giang", "An Bình", "Nghĩa Tâm",
        "Sơn Thịnh", "Tú Lệ", "Cát Thịnh", "Trạm Tấu", "Mù Cang Chải", "Púng Luông", "Khau Phạ", "Lục Yên",
        "Yên Thế", "Thác Bà", "Cảm Nhân", "Văn Chấn", "Thượng Bằng La", "Gia Hội", "Phong Dụ", "Xuân Ái",
    ]
    static let realWards = ["Đồng Tâm", "Yên Thịnh", "Nguyễn Phúc", "Hồng Hà", "Nam Cường", "Trung Tâm", "Cầu Thia"]
    static let realVillages = ["Khe Hóp", "Ngọc Châu", "Nà Hẩu", "Khe Cam", "Làng Chạng", "Đồng Song", "Bản Tủa"]

    private static let firstSyllables = [
        "An", "Bình", "Phú", "Tân", "Hưng", "Minh", "Yên", "Hòa", "Thanh", "Đông", "Tây", "Nam", "Bắc", "Quang",
        "Long", "Phúc", "Thịnh", "Hồng", "Xuân", "Trung", "Việt", "Đại", "Kim", "Ngọc", "Vĩnh", "Mỹ", "Lạc", "Cát",
        "Thái", "Gia", "Hợp", "Đồng", "Nghĩa", "Tuy", "Quảng", "Định",
    ]
    private static let secondSyllables = [
        "Lợi", "Hòa", "Thịnh", "Phú", "Lâm", "Sơn", "Thành", "Tiến", "Khánh", "Hưng", "Bình", "An", "Châu", "Lộc",
        "Phong", "Xuân", "Đức", "Tân", "Hà", "Lương", "Thuận", "Mỹ", "Dương", "Quang", "Hải", "Vinh", "Nghĩa",
        "Long", "Tâm", "Hiệp", "Trường", "Phát",
    ]
    private static let hillFirst = ["Khe", "Nà", "Púng", "Khau", "Pá", "Làng", "Mường", "Suối", "Lũng", "Cốc",
                                    "Phiêng", "Tà", "Hua", "Mỏ", "Nậm", "Bản"]
    private static let hillSecond = ["Hóp", "Hẩu", "Luông", "Phạ", "Lìn", "Giàng", "Mạ", "Nhì", "Chanh", "Sáng",
                                     "Vàng", "Tủa", "Lao", "Cọ", "Thẳm", "Khiêng", "Pết", "Chạng"]

    /// A commune or ward name; the first few are the seeds' real names.
    func commune(_ index: Int, random: inout SeedRandom) -> String {
        if index < Self.realCommunes.count { return Self.realCommunes[index] }
        return plain(&random)
    }

    func ward(_ index: Int, random: inout SeedRandom) -> String {
        if index < Self.realWards.count { return Self.realWards[index] }
        return plain(&random)
    }

    func plain(_ random: inout SeedRandom) -> String {
        random.pick(Self.firstSyllables) + " " + random.pick(Self.secondSyllables)
    }

    /// A village: "thôn Khe Hóp", "bản Nà Hẩu", "thôn 3".
    func village(_ index: Int, random: inout SeedRandom) -> String {
        if index < Self.realVillages.count { return "thôn " + Self.realVillages[index] }
        switch random.below(10) {
        case 0..<4: return "thôn " + plain(&random)
        case 4..<7: return "bản " + random.pick(Self.hillFirst) + " " + random.pick(Self.hillSecond)
        case 7..<9: return "thôn " + random.pick(Self.hillFirst) + " " + random.pick(Self.hillSecond)
        default: return "thôn \(random.int(in: 1...15))"
        }
    }
}

/// A province of the national preset: its name as the Party writes it, the letters
/// of its unit codes and card numbers, and the three digits that start its people's
/// citizen ids.
struct Province: Sendable {
    let name: String
    let letters: String
    let citizenCode: String
    let isCity: Bool

    var committeeName: String { (isCity ? "Đảng bộ thành phố " : "Đảng bộ tỉnh ") + name }
    var adjective: String { (isCity ? "thành phố" : "tỉnh") }

    static let yenBai = Province(name: "Yên Bái", letters: "YB", citizenCode: "015", isCity: false)

    /// The 34 provincial committees after the 2025 merger.
    static let all: [Province] = [
        ("Hà Nội", "HN", "001", true), ("Huế", "HUE", "046", true), ("Lai Châu", "LCH", "012", false),
        ("Điện Biên", "DB", "011", false), ("Sơn La", "SL", "014", false), ("Lạng Sơn", "LS", "020", false),
        ("Quảng Ninh", "QN", "022", false), ("Thanh Hóa", "TH", "038", false), ("Nghệ An", "NA", "040", false),
        ("Hà Tĩnh", "HT", "042", false), ("Cao Bằng", "CB", "004", false), ("Tuyên Quang", "TQ", "008", false),
        ("Lào Cai", "LCA", "010", false), ("Thái Nguyên", "TN", "019", false), ("Phú Thọ", "PT", "025", false),
        ("Bắc Ninh", "BN", "027", false), ("Hưng Yên", "HY", "033", false), ("Hải Phòng", "HP", "031", true),
        ("Ninh Bình", "NB", "037", false), ("Quảng Trị", "QT", "045", false), ("Đà Nẵng", "DN", "048", true),
        ("Quảng Ngãi", "QNG", "051", false), ("Gia Lai", "GL", "064", false), ("Khánh Hòa", "KH", "056", false),
        ("Lâm Đồng", "LD", "068", false), ("Đắk Lắk", "DL", "066", false), ("Hồ Chí Minh", "HCM", "079", true),
        ("Đồng Nai", "DNA", "075", false), ("Tây Ninh", "TNI", "072", false), ("Cần Thơ", "CT", "092", true),
        ("Vĩnh Long", "VL", "086", false), ("Đồng Tháp", "DT", "087", false), ("Cà Mau", "CM", "096", false),
        ("An Giang", "AG", "089", false),
    ].map { Province(name: $0.0, letters: $0.1, citizenCode: $0.2, isCity: $0.3) }
}
