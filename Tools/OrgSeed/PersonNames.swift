import Foundation

/// Vietnamese full names: family name, middle name, given name, with diacritics, in
/// the proportions of the population (about 38% Nguyễn, 11% Trần, …) plus the family
/// names of the northern mountain provinces' Tày, Thái, Mông and Dao members, whose
/// cells make up much of a province like Yên Bái.
struct PersonNames: Sendable {
    struct Name {
        let full: String
        /// Lower-case ASCII without spaces, for e-mail addresses.
        let ascii: String
    }

    private struct Part: Sendable {
        let text: String
        let ascii: String
        init(_ text: String) {
            self.text = text
            ascii = PersonNames.ascii(text)
        }
    }

    private let families: WeightedChoice<Part>
    private let maleMiddles: [Part]
    private let femaleMiddles: [Part]
    private let maleGivens: [Part]
    private let femaleGivens: [Part]
    private let hmongFamilies: Set<String>
    private let hmongMaleGivens: [Part]

    init() {
        families = WeightedChoice([
            ("Nguyễn", 38), ("Trần", 11), ("Lê", 9.5), ("Phạm", 7), ("Hoàng", 4), ("Huỳnh", 1), ("Phan", 4.5),
            ("Vũ", 3), ("Võ", 1), ("Đặng", 2.1), ("Bùi", 2), ("Đỗ", 1.4), ("Hồ", 1.3), ("Ngô", 1.3), ("Dương", 1),
            ("Lý", 0.5), ("Đinh", 1), ("Trịnh", 0.8), ("Đào", 0.8), ("Mai", 0.5), ("Lương", 0.6), ("Tạ", 0.3),
            ("Cao", 0.4), ("Hà", 1.2), ("Lò", 0.6), ("Lường", 0.4), ("Giàng", 0.5), ("Sùng", 0.4), ("Mùa", 0.3),
            ("Vàng", 0.3), ("Triệu", 0.5), ("Bàn", 0.4), ("Sầm", 0.2), ("Nông", 0.5), ("Lục", 0.2), ("Quách", 0.3),
        ].map { (Part($0.0), $0.1) })
        maleMiddles = ["Văn", "Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Ngọc", "Xuân", "Thanh", "Công", "Mạnh",
                       "Duy", "Tiến", "Trọng", "Quốc", "Anh", "Hồng", "Đình", "Bá"].map(Part.init)
        femaleMiddles = ["Thị", "Thị", "Thị", "Thị", "Thu", "Ngọc", "Thanh", "Minh", "Hồng", "Kim", "Phương",
                         "Bích", "Mai", "Thúy", "Hải", "Diệu"].map(Part.init)
        maleGivens = ["An", "Anh", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hùng", "Hưng", "Huy", "Khoa", "Kiên",
                      "Lâm", "Long", "Mạnh", "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân", "Quang", "Sơn", "Tài",
                      "Thắng", "Thành", "Toàn", "Trung", "Tuấn", "Việt", "Vinh", "Hoàng", "Khánh", "Lợi", "Hiếu",
                      "Tùng", "Hòa", "Chiến", "Thịnh", "Đông", "Giang", "Hậu", "Lực", "Tú", "Thuận", "Tâm"]
            .map(Part.init)
        femaleGivens = ["Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hồng", "Huệ", "Hương",
                        "Lan", "Liên", "Linh", "Loan", "Mai", "Ngọc", "Nhung", "Oanh", "Phương", "Quyên", "Tâm",
                        "Thảo", "Thoa", "Thủy", "Trang", "Tuyết", "Vân", "Yến", "Lụa", "Thơm", "Nga", "Xuân", "Duyên",
                        "Huyền", "Lý", "Thu", "Nhàn", "Hoài"].map(Part.init)
        // Mông names put the clan first and "A" as the men's middle name: Giàng A Páo.
        hmongFamilies = ["Giàng", "Sùng", "Mùa", "Vàng"]
        hmongMaleGivens = ["Páo", "Chứ", "Sình", "Dế", "Lử", "Tủa", "Chu", "Pó", "Sử", "Chua", "Dơ", "Thào"]
            .map(Part.init)
    }

    func name(_ gender: SeedGender, random: inout SeedRandom) -> Name {
        let family = families.pick(&random)
        let middle: Part
        let given: Part
        if hmongFamilies.contains(family.text) {
            middle = gender == .male ? Part("A") : Part("Thị")
            given = gender == .male ? random.pick(hmongMaleGivens) : random.pick(femaleGivens)
        } else {
            middle = random.pick(gender == .male ? maleMiddles : femaleMiddles)
            given = random.pick(gender == .male ? maleGivens : femaleGivens)
        }
        return Name(full: family.text + " " + middle.text + " " + given.text,
                    ascii: given.ascii + middle.ascii + family.ascii)
    }

    /// "Nguyễn" → "nguyen": diacritics off, đ → d, lower case.
    static func ascii(_ text: String) -> String {
        text.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
            .folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            .filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }
}
