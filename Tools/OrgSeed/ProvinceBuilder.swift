/// Plans one province's subtree: the provincial committee; its communes and wards
/// (since the 2025 rearrangement committees directly under the province) holding
/// their village cells and their own agencies', schools' and militia's cells; and the
/// blocs — the party agencies, the provincial People's Committee (departments, public
/// services, enterprises), the military and the police — holding grassroots units,
/// which are either grassroots cells or grassroots committees with cells (the largest
/// with sub-committees in between). Cell sizes are filled in last, per type.
struct ProvinceBuilder {
    struct PlannedUnit {
        var unit: SeedUnit
        /// Cells only.
        var members = 0
    }

    /// Villages per commune after the merger of communes in 2025.
    static let villagesPerCommune = 27.0
    /// The share of each type's cells that belongs to communes rather than to blocs.
    static func communeShare(_ type: SeedCellType) -> Double {
        switch type {
        case .villageResidential: 1
        case .administrativeAgency: 0.6
        case .publicServiceUnit: 0.55
        case .armedForces: 0.3
        case .enterprise: 0.1
        }
    }

    let province: Province
    let parentCode: String
    let cells: [SeedCellType: Int]
    let members: [SeedCellType: Int]
    var random: SeedRandom
    private let places = PlaceNames()
    private(set) var units: [PlannedUnit] = []

    init(province: Province, parentCode: String, cells: [SeedCellType: Int], members: [SeedCellType: Int],
         random: SeedRandom) {
        self.province = province
        self.parentCode = parentCode
        self.cells = cells
        self.members = members
        self.random = random
    }

    mutating func build() -> [PlannedUnit] {
        // Copies for the naming closures, which run while `self` is being changed.
        let province = self.province
        let places = self.places
        let code = province.letters
        add(code, province.committeeName, .committee, under: parentCode)
        let communeNames = addCommunes(under: code)
        var rest: [SeedCellType: Int] = [:]
        for type in CellMix.types {
            rest[type] = (cells[type] ?? 0) - plannedCells(of: type)
        }
        let grassrootsCells = Double(cells.values.reduce(0, +)) * CellMix.grassrootsCellShare
        let cellChance = grassrootsCellChance(target: grassrootsCells, blocCells: rest.values.reduce(0, +),
                                              alwaysCells: min(communeNames.count, rest[.armedForces] ?? 0))
        let admin = rest[.administrativeAgency] ?? 0
        let partyAgencies = Int((Double(admin) * 0.4).rounded())
        let armed = rest[.armedForces] ?? 0
        let military = Int((Double(armed) * 0.45).rounded())
        let adjective = province.adjective + " " + province.name

        let blocs = code + ".B"
        add(blocs + "1", "Đảng bộ các cơ quan Đảng " + adjective, .committee, under: code)
        addGrassroots(under: blocs + "1", .administrativeAgency, cells: partyAgencies, cellChance: cellChance) { index, _ in
            UnitNames.partyAgency(index, province: province)
        }
        add(blocs + "2", "Đảng bộ Ủy ban nhân dân " + adjective, .committee, under: code)
        addGrassroots(under: blocs + "2", .administrativeAgency, cells: admin - partyAgencies, cellChance: cellChance) {
            index, _ in UnitNames.department(index, province: province)
        }
        addGrassroots(under: blocs + "2", .publicServiceUnit, cells: rest[.publicServiceUnit] ?? 0, cellChance: cellChance) {
            [places] index, random in UnitNames.publicService(index, province: province, place: places.plain(&random))
        }
        addGrassroots(under: blocs + "2", .enterprise, cells: rest[.enterprise] ?? 0, cellChance: cellChance) {
            [places] index, random in
            UnitNames.enterprise(index, province: province, place: places.plain(&random), random: &random)
        }
        add(blocs + "3", "Đảng bộ Quân sự " + adjective, .committee, under: code)
        addGrassroots(under: blocs + "3", .armedForces, cells: military, cellChance: cellChance) { index, _ in
            UnitNames.military(index, province: province)
        }
        add(blocs + "4", "Đảng bộ Công an " + adjective, .committee, under: code)
        addGrassroots(under: blocs + "4", .armedForces, cells: armed - military, cellChance: cellChance,
                      alwaysCells: communeNames.count) { index, _ in
            UnitNames.police(index, communes: communeNames)
        }
        assignSizes()
        return units
    }

    // MARK: Communes and wards

    /// Adds the communes and their cells; returns their names ("xã Mỏ Vàng").
    private mutating func addCommunes(under provinceCode: String) -> [String] {
        let villages = cells[.villageResidential] ?? 0
        let count = max(1, Int((Double(villages) / Self.villagesPerCommune).rounded()))
        let sizes = (0..<count).map { _ in 0.5 + random.fraction() }
        var perCommune: [SeedCellType: [Int]] = [:]
        for type in CellMix.types {
            let share = Int((Double(cells[type] ?? 0) * Self.communeShare(type)).rounded())
            perCommune[type] = apportion(share, weights: sizes)
        }
        var names: [String] = []
        var wards = 0
        for index in 0..<count {
            let isWard = random.chance(province.isCity ? 0.6 : 0.15)
            let place = isWard ? places.ward(wards, random: &random) : places.commune(index - wards, random: &random)
            if isWard { wards += 1 }
            let name = (isWard ? "phường " : "xã ") + place
            names.append(name)
            let communeCode = provinceCode + ".X" + zeroPadded(index + 1, width: 3)
            add(communeCode, "Đảng bộ " + name, .committee, under: provinceCode)
            var cellNumber = 0
            for type in CellMix.types {
                for cellIndex in 0..<(perCommune[type]?[index] ?? 0) {
                    cellNumber += 1
                    let cellPlace = type == .villageResidential
                        ? (isWard ? "tổ dân phố số \(cellIndex + 1)" : places.village(cellIndex, random: &random))
                        : (random.chance(0.5) ? place : places.plain(&random))
                    let cellName = UnitNames.communeCell(type, index: cellIndex, commune: name, place: cellPlace,
                                                         random: &random)
                    add(communeCode + ".C" + zeroPadded(cellNumber, width: 3), cellName, .cell, type, under: communeCode)
                }
            }
        }
        return names
    }

    // MARK: Grassroots units of a bloc

    /// The chance that a bloc's next grassroots unit is a grassroots cell rather than
    /// a committee, so that about `target` of the province's cells are grassroots
    /// cells (committees hold 5.5 cells on average).
    private func grassrootsCellChance(target: Double, blocCells: Int, alwaysCells: Int) -> Double {
        let free = max(0, target - Double(alwaysCells))
        let committees = max(0, Double(blocCells - alwaysCells) - free) / 5.5
        return free + committees > 0 ? free / (free + committees) : 1
    }

    /// Adds grassroots units holding `cells` cells of `type`; the first `alwaysCells`
    /// organisations are grassroots cells whatever the draw (a commune's police).
    private mutating func addGrassroots(
        under blocCode: String, _ type: SeedCellType, cells quota: Int, cellChance: Double, alwaysCells: Int = 0,
        organisation: (Int, inout SeedRandom) -> UnitNames.Organisation
    ) {
        var left = quota
        var index = 0
        var number = units.lazy.filter { $0.unit.parentCode == blocCode }.count
        while left > 0 {
            let org = organisation(index, &random)
            number += 1
            let code = blocCode + ".G" + zeroPadded(number, width: 3)
            if index < alwaysCells || left == 1 || random.chance(cellChance) {
                add(code, "Chi bộ " + org.name, .grassrootsCell, type, under: blocCode)
                left -= 1
            } else {
                let size = min(left, random.int(in: 2...9))
                add(code, "Đảng bộ " + org.name, .grassrootsCommittee, under: blocCode)
                addCells(size, of: type, under: code, parts: org.parts)
                left -= size
            }
            index += 1
        }
    }

    /// A grassroots committee's cells; seven or more are split between two
    /// sub-committees half of the time.
    private mutating func addCells(_ count: Int, of type: SeedCellType, under code: String, parts: [String]) {
        guard count >= 7, random.chance(0.5) else {
            for index in 0..<count {
                add(code + ".C" + zeroPadded(index + 1, width: 2),
                    "Chi bộ " + UnitNames.part(parts, index, fallback: "Tổ công tác"), .cell, type, under: code)
            }
            return
        }
        let first = count / 2
        for (group, range) in [(1, 0..<first), (2, first..<count)] {
            let subCode = code + ".S\(group)"
            add(subCode, "Đảng bộ bộ phận Khối \(group)", .subCommittee, under: code)
            for index in range {
                add(subCode + ".C" + zeroPadded(index + 1, width: 2),
                    "Chi bộ " + UnitNames.part(parts, index, fallback: "Tổ công tác"), .cell, type, under: subCode)
            }
        }
    }

    // MARK: Helpers

    private mutating func add(_ code: String, _ name: String, _ kind: SeedUnitKind, _ type: SeedCellType? = nil,
                              under parent: String) {
        units.append(PlannedUnit(unit: SeedUnit(code: code, name: name, kind: kind, cellType: type, parentCode: parent)))
    }

    private func plannedCells(of type: SeedCellType) -> Int {
        units.lazy.filter { $0.unit.cellType == type }.count
    }

    private mutating func assignSizes() {
        for type in CellMix.types {
            let indices = units.indices.filter { units[$0].unit.cellType == type }
            let sizes = CellSizes.sizes(of: type, cells: indices.count, members: members[type] ?? 0, random: &random)
            for (index, size) in zip(indices, sizes) { units[index].members = size }
        }
    }
}
