import Foundation

/// Members of one cell, plausible for its type: ages 20–90 (village cells older,
/// many retired members; armed-forces cells young and mostly men), admitted at 18
/// or later, official twelve months after admission, about 8% still probationary,
/// and some elderly members exempt from activities. Card numbers and citizen ids are
/// unique by construction, not by chance.
struct MemberFactory {
    /// "Today" for the data, fixed so that the same seed gives the same files on any day.
    static let reference = CivilDate(year: 2025, month: 10, day: 1)
    static let probationaryShare = 0.08

    private let province: Province
    private let names: PersonNames
    private let seed: UInt64
    /// Numbers every member of the preset: the card number is made from it.
    private(set) var nextCardIndex: Int
    /// Numbers the province's members: the citizen id's last six digits.
    private var nextCitizenIndex = 0

    init(province: Province, names: PersonNames, seed: UInt64, firstCardIndex: Int) {
        self.province = province
        self.names = names
        self.seed = seed
        nextCardIndex = firstCardIndex
    }

    mutating func member(of cell: SeedUnit, random: inout SeedRandom) -> SeedMember {
        let type = cell.cellType ?? .villageResidential
        let gender: SeedGender = random.chance(Self.femaleShare(type)) ? .female : .male
        let probationary = random.chance(Self.probationaryShare)
        let age = probationary ? 20 + Int(25 * pow(random.fraction(), 1.5)) : Self.age(type, random: &random)
        let birth = Self.reference.adding(years: -age).adding(days: -random.below(365))

        let admitted: CivilDate
        let status: SeedMemberStatus
        if probationary {
            admitted = Self.reference.adding(days: -1 - random.below(360))
            status = .probationary
        } else {
            // Admitted between 18 and 45, most in their twenties, and at least a year ago.
            let latest = min(age - 2, 45)
            let admissionAge = 18 + Int(Double(max(0, latest - 18)) * pow(random.fraction(), 1.7))
            admitted = min(birth.adding(years: admissionAge).adding(days: random.below(300)), Self.reference.adding(years: -1))
            status = age >= 75 && random.chance(0.35) ? .exempt : .official
        }
        let name = names.name(gender, random: &random)
        defer {
            nextCardIndex += 1
            nextCitizenIndex += 1
        }
        return SeedMember(
            cardNumber: cardNumber(), fullName: name.full, birthDate: birth.iso, gender: gender,
            citizenID: citizenID(birth: birth, gender: gender), phone: Self.phone(age: age, random: &random),
            email: Self.email(name, birth: birth, type: type, province: province, random: &random),
            unitCode: cell.code, status: status, admittedOn: admitted.iso,
            officialOn: probationary ? "" : admitted.adding(years: 1).iso)
    }

    // MARK: Numbers

    /// The province's letters and eight digits: a fixed bijection of the member's
    /// number (the multiplier is prime to 10⁸), so cards look scattered yet never repeat.
    private func cardNumber() -> String {
        let scrambled = (UInt64(nextCardIndex) &* 48_271 &+ seed % 100_000_000) % 100_000_000
        return province.letters + zeroPadded(Int(scrambled), width: 8)
    }

    /// Twelve digits as on a chip-based citizen card: province of birth (3), century
    /// and sex (1), year of birth (2), then six digits unique within the province.
    private func citizenID(birth: CivilDate, gender: SeedGender) -> String {
        let year = birth.components.year
        let centuryAndSex = (year >= 2000 ? 2 : 0) + (gender == .female ? 1 : 0)
        let serial = (UInt64(nextCitizenIndex) &* 7_919 &+ seed % 1_000_000) % 1_000_000
        return province.citizenCode + String(centuryAndSex) + zeroPadded(year % 100, width: 2)
            + zeroPadded(Int(serial), width: 6)
    }

    /// Vietnamese mobile numbers (Viettel, Vinaphone, MobiFone prefixes); the oldest
    /// members more often have none.
    private static func phone(age: Int, random: inout SeedRandom) -> String {
        guard !random.chance(age >= 75 ? 0.4 : 0.08) else { return "" }
        let prefixes = ["032", "033", "034", "035", "036", "037", "038", "039", "086", "096", "097", "098",
                        "081", "082", "083", "084", "085", "088", "091", "094", "070", "076", "077", "078", "079",
                        "089", "090", "093"]
        return random.pick(prefixes) + zeroPadded(random.below(10_000_000), width: 7)
    }

    private static func email(_ name: PersonNames.Name, birth: CivilDate, type: SeedCellType, province: Province,
                              random: inout SeedRandom) -> String {
        let office = type == .administrativeAgency || type == .publicServiceUnit
        guard random.chance(office ? 0.6 : 0.15) else { return "" }
        let domain = office && random.chance(0.5) ? PersonNames.ascii(province.name) + ".gov.vn" : "gmail.com"
        return name.ascii + zeroPadded(birth.components.year % 100, width: 2) + "@" + domain
    }

    // MARK: Who is in which cells

    private static func femaleShare(_ type: SeedCellType) -> Double {
        switch type {
        case .villageResidential: 0.35
        case .administrativeAgency: 0.45
        case .publicServiceUnit: 0.6
        case .enterprise: 0.3
        case .armedForces: 0.08
        }
    }

    /// Ages by type: villages reach 90 and lean old; offices, schools, hospitals and
    /// firms are working age; armed-forces cells are young.
    private static func age(_ type: SeedCellType, random: inout SeedRandom) -> Int {
        switch type {
        case .villageResidential: 22 + Int(68 * pow(random.fraction(), 0.8))
        case .armedForces: 20 + Int(30 * pow(random.fraction(), 1.5))
        case .administrativeAgency, .publicServiceUnit, .enterprise: 23 + Int(37 * random.fraction())
        }
    }
}
