import OrgContracts
import RPC
import ServiceKit

/// The members a quiz is measured against: org's count of members in a unit's
/// subtree, asked with the service's own token (the caller's rights were checked
/// before).
struct OrgMemberCounts: Sendable {
    let org: OrgServiceClient
    let credentials: ServiceCallCredentials

    func members(in unitIDs: [String]) async throws -> [String: Int64] {
        try await withThrowingTaskGroup(of: (String, Int64).self) { group in
            for unitID in unitIDs {
                group.addTask {
                    var request = GetSubtreeCountsRequest()
                    request.unitID = unitID
                    let counts = try await org.getSubtreeCounts(request, options: try credentials.callOptions())
                    return (unitID, counts.members)
                }
            }
            var members: [String: Int64] = [:]
            for try await (unitID, count) in group { members[unitID] = count }
            return members
        }
    }
}
