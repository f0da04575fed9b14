import Foundation
import OrgContracts
import OrgService
import RPC
import RPCContracts

/// A real org holding a small province, for the tests of every service that reads
/// org's tree or rosters:
///
///     province (Đảng bộ tỉnh Yên Bái)
///     ├── commune (Đảng bộ xã Khe Hóp)
///     │   ├── cellA (Chi bộ thôn Khe Hóp): Lan, Hùng, Mai
///     │   └── cellB (Chi bộ thôn Bản Mù): Tuấn, Dũng
///     └── bloc (Đảng bộ Khối cơ quan tỉnh)
///         └── school (Đảng bộ Trường Cao đẳng Sư phạm)
///             └── cellC (Chi bộ Khoa Tự nhiên): Hoa, Bình
///
/// Built once per test process; each test gets its own copy:
///
///     let (template, tree) = try await OrgFixture.smallTree()
///     try await withTestEnvironment("meeting", copying: template) { environment in
///         let org = try await environment.start(OrgServiceDefinition.definition)
///         …
///     }
public enum OrgFixture {
    public struct SmallTree: Codable, Sendable {
        public let province, commune, cellA, cellB, bloc, school, cellC: String
        /// Members by their given name (the last word of the full name, unaccented).
        public let members: [String: Person]
        /// Each unit's ancestors, root first.
        public let ancestors: [String: [String]]

        public var cells: [String] { [cellA, cellB, cellC] }

        public func member(_ name: String) -> Person {
            guard let person = members[name] else { preconditionFailure("no member \(name) in the small tree") }
            return person
        }

        /// The members of `unitID`, ordered by name.
        public func members(of unitID: String) -> [Person] {
            members.values.filter { $0.unitID == unitID }.sorted { $0.fullName < $1.fullName }
        }

        /// A plain member's call options, as auth would issue them.
        public func options(for person: Person, tokens: TestTokens) throws -> CallOptions {
            try tokens.member(person.memberID, of: person.unitID, ancestors: ancestors[person.unitID] ?? [])
        }
    }

    public struct Person: Codable, Sendable, Hashable {
        public let memberID: String
        public let unitID: String
        public let fullName: String
        public let card: String
        public let phone: String
    }

    /// The small tree's fixture folder and its ids.
    public static func smallTree() async throws -> (folder: URL, tree: SmallTree) {
        let (folder, tree) = try await Fixtures.shared.template("org-small-tree") { environment in
            let org = try await environment.start(OrgServiceDefinition.definition)
            return try await build(OrgServiceClient(channel: org.channel), tokens: environment.tokens)
        }
        return (folder, tree)
    }

    private static func build(_ org: OrgServiceClient, tokens: TestTokens) async throws -> SmallTree {
        func unit(_ name: String, _ code: String, _ kind: UnitKind, _ cellType: CellType = .unspecified,
                  under parentID: String) async throws -> String {
            var request = CreateUnitRequest()
            request.parentID = parentID
            request.code = code
            request.name = name
            request.kind = kind
            request.cellType = cellType
            let options = parentID.isEmpty ? try tokens.asOperator : try tokens.asAdmin(of: parentID)
            return try await org.createUnit(request, options: options).id
        }
        let province = try await unit("Đảng bộ tỉnh Yên Bái", "YB", .committee, under: "")
        let commune = try await unit("Đảng bộ xã Khe Hóp", "YB-KH", .committee, under: province)
        let cellA = try await unit("Chi bộ thôn Khe Hóp", "YB-KH-1", .cell, .villageResidential, under: commune)
        let cellB = try await unit("Chi bộ thôn Bản Mù", "YB-KH-2", .cell, .villageResidential, under: commune)
        let bloc = try await unit("Đảng bộ Khối cơ quan tỉnh", "YB-CQ", .committee, under: province)
        let school = try await unit("Đảng bộ Trường Cao đẳng Sư phạm", "YB-CQ-SP", .grassrootsCommittee, under: bloc)
        let cellC = try await unit("Chi bộ Khoa Tự nhiên", "YB-CQ-SP-1", .cell, .publicServiceUnit, under: school)
        let roster: [(String, String, String)] = [
            ("Lan", "Nguyễn Thị Lan", cellA), ("Hung", "Trần Văn Hùng", cellA), ("Mai", "Lò Thị Mai", cellA),
            ("Tuan", "Hoàng Văn Tuấn", cellB), ("Dung", "Đỗ Văn Dũng", cellB),
            ("Hoa", "Phạm Thị Hoa", cellC), ("Binh", "Vũ Đức Bình", cellC),
        ]
        var members: [String: Person] = [:]
        for (index, (key, fullName, unitID)) in roster.enumerated() {
            var member = Member()
            member.fullName = fullName
            member.cardNumber = "YB-\(100_001 + index)"
            member.birthDate = "1980-05-\(String(format: "%02d", 10 + index))"
            member.status = .official
            member.unitID = unitID
            member.gender = fullName.contains("Thị") ? .female : .male
            // Mai has no phone: the member a secretary acts for.
            member.phone = key == "Mai" ? "" : "0912 000 \(String(format: "%03d", 100 + index))"
            var request = CreateMemberRequest()
            request.member = member
            let created = try await org.createMember(request, options: try tokens.asAdmin(of: province))
            members[key] = Person(memberID: created.id, unitID: unitID, fullName: fullName, card: member.cardNumber,
                                  phone: member.phone)
        }
        return SmallTree(
            province: province, commune: commune, cellA: cellA, cellB: cellB, bloc: bloc, school: school, cellC: cellC,
            members: members,
            ancestors: [province: [], commune: [province], cellA: [province, commune], cellB: [province, commune],
                        bloc: [province], school: [province, bloc], cellC: [province, bloc, school]])
    }
}
