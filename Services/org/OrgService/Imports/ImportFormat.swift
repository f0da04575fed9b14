import OrgContracts

/// The registry's CSV formats (docs/import.md): which columns each kind of file has,
/// and the words its enumerated columns use. Every column is required; their order is
/// free.
enum ImportFormat {
    static let unitColumns = ["code", "name", "kind", "cell_type", "parent_code"]
    static let memberColumns = [
        "card_number", "full_name", "birth_date", "gender", "citizen_id", "phone", "email", "unit_code", "status",
        "admitted_on", "official_on",
    ]

    static func columns(of kind: ImportKind) -> [String] {
        switch kind {
        case .units: unitColumns
        case .members: memberColumns
        case .unspecified, .unrecognized: []
        }
    }

    static let unitKinds: [String: UnitKind] = [
        "committee": .committee, "grassroots_committee": .grassrootsCommittee, "grassroots_cell": .grassrootsCell,
        "sub_committee": .subCommittee, "cell": .cell,
    ]
    static let cellTypes: [String: CellType] = [
        "administrative_agency": .administrativeAgency, "public_service_unit": .publicServiceUnit,
        "enterprise": .enterprise, "armed_forces": .armedForces, "village_residential": .villageResidential,
    ]
    static let genders: [String: Gender] = ["": .unspecified, "male": .male, "female": .female]
    static let statuses: [String: MemberStatus] = [
        "probationary": .probationary, "official": .official, "exempt": .exempt,
        "transferred_out": .transferredOut, "deceased": .deceased,
    ]

    /// The word a file uses for `value`, for reports ("" when it has none).
    static func word<Value: Equatable>(for value: Value, in vocabulary: [String: Value]) -> String {
        vocabulary.first { $0.value == value }?.key ?? ""
    }

    /// "one of a, b, c" for a problem's reason.
    static func choices<Value>(_ vocabulary: [String: Value]) -> String {
        "one of " + vocabulary.keys.filter { !$0.isEmpty }.sorted().joined(separator: ", ")
    }
}
