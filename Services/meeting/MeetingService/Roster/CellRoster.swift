import OrgContracts
import RPC
import ServiceKit

/// A member invited to a cell's meetings.
struct RosterMember: Sendable, Hashable {
    let memberID: String
    let fullName: String
}

/// Reads a cell's roster and members' phones from org. The roster is read with the
/// secretary's own token (org lets a cell secretary list the cell's members, and a
/// service token alone could read any cell); phones, for SMS notices, with the
/// service's token, one member at a time, and only for members without the app.
struct CellRoster: Sendable {
    let org: OrgServiceClient
    let credentials: ServiceCallCredentials

    /// Members who take part in meetings: official and probationary, not exempt.
    func members(of cellID: String, context: CallContext) async throws -> [RosterMember] {
        var options = CallOptions(parent: context, timeout: .seconds(10))
        options.metadata[MetadataKey.authorization] = context.metadata[MetadataKey.authorization]
        var request = SearchMembersRequest()
        request.withinUnitID = cellID
        request.statuses = [.official, .probationary]
        request.pageSize = 500
        var members: [RosterMember] = []
        repeat {
            let page = try await org.searchMembers(request, options: options)
            // A cell has no units under it, but a grassroots cell's search covers only itself.
            members += page.members.filter { $0.unitID == cellID }
                .map { RosterMember(memberID: $0.id, fullName: $0.fullName) }
            request.pageToken = page.nextPageToken
        } while !request.pageToken.isEmpty
        return members
    }

    /// The phone of each member that has one.
    func phones(of memberIDs: [String], context: CallContext) async throws -> [String: String] {
        var phones: [String: String] = [:]
        for memberID in memberIDs {
            var request = GetMemberRequest()
            request.memberID = memberID
            var options = try credentials.callOptions(timeout: .seconds(10))
            options.deadline = context.deadline
            let member = try await org.getMember(request, options: options)
            if !member.phone.isEmpty { phones[memberID] = member.phone }
        }
        return phones
    }
}
