import AuthContracts
import OrgContracts
import RPCContracts
import ServiceKit

/// The calls bench-service measures and bench-abuse's well-behaved client makes,
/// service by service. A service added here (and to the services bench-service asks
/// `BenchSuite.start` for) is then measured the same way.
public enum CallTable {
    public static func calls(member: MemberSession, staff: [String: String]) -> [BenchCall] {
        org(member: member, staff: staff) + auth(member: member)
    }

    static func org(member: MemberSession, staff: [String: String]) -> [BenchCall] {
        var getMember = GetMemberRequest()
        getMember.memberID = member.claims.memberID
        var counts = GetSubtreeCountsRequest()
        counts.unitID = member.committeeID
        var search = SearchMembersRequest()
        search.withinUnitID = member.committeeID
        search.query = "Nguyễn"
        search.pageSize = 20
        return [
            BenchCall(label: "org Health/Check", service: .org,
                      frame: RequestFrame(method: HealthMethod.check, request: HealthCheckRequest()), measuresWork: false),
            BenchCall(label: "org GetMember (own, member)", service: .org,
                      frame: RequestFrame(method: OrgServiceMethod.getMember, metadata: member.metadata,
                                          request: getMember), measuresWork: true),
            BenchCall(label: "org GetSubtreeCounts (commune)", service: .org,
                      frame: RequestFrame(method: OrgServiceMethod.getSubtreeCounts, metadata: member.metadata,
                                          request: counts), measuresWork: true),
            BenchCall(label: "org SearchMembers (commune, staff)", service: .org,
                      frame: RequestFrame(method: OrgServiceMethod.searchMembers, metadata: staff, request: search),
                      measuresWork: true),
        ]
    }

    static func auth(member: MemberSession) -> [BenchCall] {
        [
            BenchCall(label: "auth Health/Check", service: .auth,
                      frame: RequestFrame(method: HealthMethod.check, request: HealthCheckRequest()), measuresWork: false),
            BenchCall(label: "auth ListSessions (member)", service: .auth,
                      frame: RequestFrame(method: AuthServiceMethod.listSessions, metadata: member.metadata,
                                          request: ListSessionsRequest()), measuresWork: true),
        ]
    }
}
