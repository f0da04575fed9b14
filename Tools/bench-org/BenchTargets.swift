import OrgContracts
import RPC

/// What the measured calls ask for, found through the API itself: the root, a
/// commune (the first "Đảng bộ xã/phường …" two levels down at most), and members
/// spread over several communes.
struct BenchTargets {
    let rootID: String
    let communeID: String
    let memberIDs: [String]

    /// The tree's root: any unit of the snapshot, then its first ancestor. Reading
    /// the tree needs only a valid token.
    static func rootID(_ org: OrgServiceClient, options: CallOptions) async throws -> String {
        var snapshotRequest = GetTreeSnapshotRequest()
        snapshotRequest.pageSize = 1
        guard let any = try await org.getTreeSnapshot(snapshotRequest, options: options).units.first else {
            throw BenchError(description: "the database has no units")
        }
        guard !any.parentID.isEmpty else { return any.id }
        var ancestors = GetAncestorsRequest()
        ancestors.unitID = any.id
        return try await org.getAncestors(ancestors, options: options).units.first?.id ?? any.id
    }

    /// `options` must let the caller list the members under the root.
    static func find(_ org: OrgServiceClient, rootID: String, options: CallOptions) async throws -> BenchTargets {
        var rootRequest = GetUnitRequest()
        rootRequest.unitID = rootID
        let root = try await org.getUnit(rootRequest, options: options)
        var communes: [OrgUnit] = []
        var level = [root]
        for _ in 0..<2 where communes.isEmpty {
            var next: [OrgUnit] = []
            for unit in level.prefix(3) {
                var children = ListChildrenRequest()
                children.unitID = unit.id
                children.pageSize = 200
                next += try await org.listChildren(children, options: options).units
            }
            communes = next.filter { $0.name.hasPrefix("Đảng bộ xã") || $0.name.hasPrefix("Đảng bộ phường") }
            level = next.filter { $0.kind == .committee }
        }
        guard let commune = communes.first else { throw BenchError(description: "no commune under the root") }
        var memberIDs: [String] = []
        for unit in communes.prefix(20) {
            var search = SearchMembersRequest()
            search.withinUnitID = unit.id
            search.pageSize = 100
            memberIDs += try await org.searchMembers(search, options: options).members.map(\.id)
        }
        guard !memberIDs.isEmpty else { throw BenchError(description: "no members in the communes") }
        return BenchTargets(rootID: root.id, communeID: commune.id, memberIDs: memberIDs)
    }
}
