import OrgContracts
import RPC
import ServiceKit

/// What auth asks the org service, as a service of the suite: the card check at
/// registration, a member's unit and phone, and a unit's ancestors for token claims.
/// Calls carry the caller's deadline and request id.
struct OrgDirectory: Sendable {
    let org: OrgServiceClient
    let credentials: ServiceCallCredentials

    func options(_ context: CallContext) throws -> CallOptions {
        CallOptions(parent: context, metadata: try credentials.callOptions().metadata)
    }

    func checkCard(number: String, fullName: String, birthDate: String, context: CallContext) async throws
        -> CheckCardResponse
    {
        var request = CheckCardRequest()
        request.cardNumber = number
        request.fullName = fullName
        request.birthDate = birthDate
        return try await org.checkCard(request, options: try options(context))
    }

    func member(_ memberID: String, context: CallContext) async throws -> Member {
        var request = GetMemberRequest()
        request.memberID = memberID
        return try await org.getMember(request, options: try options(context))
    }

    /// Root first, parent last.
    func ancestors(of unitID: String, context: CallContext) async throws -> [String] {
        var request = GetAncestorsRequest()
        request.unitID = unitID
        return try await org.getAncestors(request, options: try options(context)).units.map(\.id)
    }

    /// Asked with the caller's own token, not auth's: org lists a unit's members only to
    /// those with rights on the unit (an administrator issuing accounts there), and
    /// checks that itself.
    func members(under unitID: String, context: CallContext) async throws -> [MemberSummary] {
        let options = CallOptions(parent: context, metadata: [
            MetadataKey.authorization: context.metadata[MetadataKey.authorization] ?? "",
        ])
        var request = SearchMembersRequest()
        request.withinUnitID = unitID
        request.statuses = [.probationary, .official, .exempt]
        request.pageSize = 500
        var all: [MemberSummary] = []
        repeat {
            let page = try await org.searchMembers(request, options: options)
            all += page.members
            request.pageToken = page.nextPageToken
        } while !request.pageToken.isEmpty
        return all
    }

    func counts(of unitID: String, context: CallContext) async throws -> SubtreeCounts {
        var request = GetSubtreeCountsRequest()
        request.unitID = unitID
        return try await org.getSubtreeCounts(request, options: try options(context))
    }
}
