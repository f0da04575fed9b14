/// One row of `units.csv`: `code,name,kind,cell_type,parent_code`.
public struct SeedUnit: Sendable, Equatable {
    public var code: String
    public var name: String
    public var kind: SeedUnitKind
    /// Cells only.
    public var cellType: SeedCellType?
    /// Empty for the root.
    public var parentCode: String

    public static let csvHeader = ["code", "name", "kind", "cell_type", "parent_code"]

    public var csvValues: [String] { [code, name, kind.rawValue, cellType?.rawValue ?? "", parentCode] }
}

/// One row of `members.csv`.
public struct SeedMember: Sendable, Equatable {
    public var cardNumber: String
    public var fullName: String
    /// YYYY-MM-DD, like every date here.
    public var birthDate: String
    public var gender: SeedGender
    public var citizenID: String
    public var phone: String
    public var email: String
    public var unitCode: String
    public var status: SeedMemberStatus
    public var admittedOn: String
    /// Empty while probationary.
    public var officialOn: String

    public static let csvHeader = [
        "card_number", "full_name", "birth_date", "gender", "citizen_id", "phone", "email", "unit_code", "status",
        "admitted_on", "official_on",
    ]

    public var csvValues: [String] {
        [cardNumber, fullName, birthDate, gender.rawValue, citizenID, phone, email, unitCode, status.rawValue, admittedOn,
         officialOn]
    }
}

/// The `kind` column, as the import reads it.
public enum SeedUnitKind: String, Sendable, CaseIterable {
    case committee
    case grassrootsCommittee = "grassroots_committee"
    case grassrootsCell = "grassroots_cell"
    case subCommittee = "sub_committee"
    case cell

    public var isCell: Bool { self == .cell || self == .grassrootsCell }
}

/// The `cell_type` column.
public enum SeedCellType: String, Sendable, CaseIterable {
    case administrativeAgency = "administrative_agency"
    case publicServiceUnit = "public_service_unit"
    case enterprise
    case armedForces = "armed_forces"
    case villageResidential = "village_residential"
}

public enum SeedGender: String, Sendable, CaseIterable {
    case male, female
}

public enum SeedMemberStatus: String, Sendable, CaseIterable {
    case probationary, official, exempt
    case transferredOut = "transferred_out"
    case deceased
}

/// Where generated rows go: CSV files (`SeedFiles`), or straight into a database
/// (bench-org). Units come parents first; a cell's members come right after the cell.
public protocol SeedSink {
    mutating func add(_ unit: SeedUnit) throws
    mutating func add(_ member: SeedMember) throws
}
