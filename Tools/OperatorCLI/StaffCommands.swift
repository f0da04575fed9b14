import Foundation
import OrgContracts
import RPC
import ServiceKit

/// What committee staff look up by hand, through org's RPCs:
///
///     sotay search members QUERY [--unit UNIT_ID] [--limit N] [--ids]
///     sotay search units QUERY [--unit UNIT_ID] [--limit N] [--ids]
///     sotay member show MEMBER_ID
///     sotay units list [UNIT_ID] [--limit N] [--ids]
///     sotay counts [UNIT_ID]
///
/// Calls carry the token of the `sotay app` session when there is one (a staff member
/// logged in: org answers with exactly their grants), otherwise an operator token,
/// which reads the tree and its counts but no member. A missing UNIT_ID is the root.
/// `--ids` prints ids alone, one a line, for scripts.
struct StaffCommands {
    let arguments: [String]
    let environment: OperatorEnvironment
    let session: AppSession

    /// One page of a list is at most this many; `--limit` asks for more pages.
    static let pageSize: Int32 = 100

    func run() async throws -> Int32 {
        print(try await output(), terminator: "")
        return 0
    }

    /// What the command prints.
    func output() async throws -> String {
        // `counts` is one word; the others are two ("search members", "member show" …).
        var options = try StaffOptions(Array(arguments.dropFirst(arguments.first == "counts" ? 1 : 2)))
        let channel = try environment.channel(to: .org)
        defer { channel.close() }
        let org = OrgServiceClient(channel: channel)
        let call = CallOptions(metadata: try session.accessMetadata()
                                   ?? OperatorToken.metadata(keyFile: environment.tokenKeyFile))
        do {
            switch (arguments.first, arguments.dropFirst().first) {
            case ("search", "members"):
                let query = try options.requirePositional("search members needs a QUERY")
                return try await searchMembers(query, options: options, org: org, call: call)
            case ("search", "units"):
                let query = try options.requirePositional("search units needs a QUERY")
                return try await searchUnits(query, options: options, org: org, call: call)
            case ("member", "show"):
                let id = try options.requirePositional("member show needs a MEMBER_ID")
                return try await showMember(id, org: org, call: call)
            case ("units", "list"):
                options.unitID = options.positional ?? options.unitID
                return try await listUnits(options: options, org: org, call: call)
            case ("counts", _):
                options.unitID = options.positional ?? options.unitID
                return try await counts(options: options, org: org, call: call)
            default:
                throw CLIError.usage("cannot read '\(arguments.joined(separator: " "))'")
            }
        } catch let error as RPCError {
            throw CLIError(description: "org: \(error)")
        }
    }

    private func searchMembers(_ query: String, options: StaffOptions, org: OrgServiceClient, call: CallOptions)
        async throws -> String
    {
        var request = SearchMembersRequest()
        request.query = query
        request.withinUnitID = try await unit(options.unitID, org: org, call: call)
        var found: [MemberSummary] = []
        try await everyPage(limit: options.limit) { token in
            request.pageToken = token
            request.pageSize = Self.pageSize
            let page = try await org.searchMembers(request, options: call)
            found += page.members
            return (page.members.count, page.nextPageToken)
        }
        return StaffText.members(Array(found.prefix(options.limit)), idsOnly: options.idsOnly)
    }

    private func searchUnits(_ query: String, options: StaffOptions, org: OrgServiceClient, call: CallOptions)
        async throws -> String
    {
        var request = SearchUnitsRequest()
        request.query = query
        request.withinUnitID = options.unitID ?? ""
        var found: [OrgUnit] = []
        try await everyPage(limit: options.limit) { token in
            request.pageToken = token
            request.pageSize = Self.pageSize
            let page = try await org.searchUnits(request, options: call)
            found += page.units
            return (page.units.count, page.nextPageToken)
        }
        return StaffText.units(Array(found.prefix(options.limit)), idsOnly: options.idsOnly, indented: false)
    }

    private func showMember(_ id: String, org: OrgServiceClient, call: CallOptions) async throws -> String {
        var request = GetMemberRequest()
        request.memberID = id
        let member = try await org.getMember(request, options: call)
        var unitRequest = GetUnitRequest()
        unitRequest.unitID = member.unitID
        let unit = try? await org.getUnit(unitRequest, options: call)
        return StaffText.member(member, unit: unit)
    }

    /// The subtree in tree order, indented by depth below the unit listed.
    private func listUnits(options: StaffOptions, org: OrgServiceClient, call: CallOptions) async throws -> String {
        var request = ListSubtreeRequest()
        request.unitID = try await unit(options.unitID, org: org, call: call)
        var found: [OrgUnit] = []
        try await everyPage(limit: options.limit) { token in
            request.pageToken = token
            request.pageSize = Self.pageSize
            let page = try await org.listSubtree(request, options: call)
            found += page.units
            return (page.units.count, page.nextPageToken)
        }
        let more = found.count > options.limit && !options.idsOnly
        return StaffText.units(Array(found.prefix(options.limit)), idsOnly: options.idsOnly, indented: true)
            + (more ? "… more below: a larger --limit, or list a unit further down\n" : "")
    }

    private func counts(options: StaffOptions, org: OrgServiceClient, call: CallOptions) async throws -> String {
        var request = GetSubtreeCountsRequest()
        request.unitID = try await unit(options.unitID, org: org, call: call)
        return StaffText.counts(try await org.getSubtreeCounts(request, options: call))
    }

    /// `id`, or the root's id when none was given: the ancestor without a parent of
    /// any unit (the snapshot's first unit need not be the root).
    private func unit(_ id: String?, org: OrgServiceClient, call: CallOptions) async throws -> String {
        if let id { return id }
        var snapshot = GetTreeSnapshotRequest()
        snapshot.pageSize = 1
        guard let any = try await org.getTreeSnapshot(snapshot, options: call).units.first else {
            throw CLIError(description: "the org tree is empty: import units first (sotay import units FILE.csv)")
        }
        var ancestors = GetAncestorsRequest()
        ancestors.unitID = any.id
        let line = try await org.getAncestors(ancestors, options: call).units + [any]
        return line.first { $0.parentID.isEmpty }?.id ?? any.id
    }

    /// Calls `page` with each page token until `limit` items came back (one more, to
    /// tell whether there are more) or the list ends.
    private func everyPage(limit: Int, _ page: (String) async throws -> (count: Int, next: String)) async throws {
        var token = ""
        var seen = 0
        repeat {
            let (count, next) = try await page(token)
            seen += count
            token = next
        } while !token.isEmpty && seen <= limit
    }
}

/// The options of a staff command, read from its arguments after the command words.
struct StaffOptions {
    var unitID: String?
    var limit = 50
    var idsOnly = false
    /// The one argument that is not an option (QUERY, MEMBER_ID, UNIT_ID).
    var positional: String?

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--unit":
                guard let value = rest.popFirst(), !value.isEmpty else { throw CLIError.usage("--unit takes a UNIT_ID") }
                unitID = value
            case "--limit":
                guard let value = rest.popFirst().flatMap({ Int($0) }), value > 0 else {
                    throw CLIError.usage("--limit takes a whole number above 0")
                }
                limit = value
            case "--ids":
                idsOnly = true
            default:
                guard positional == nil, !argument.hasPrefix("--") else {
                    throw CLIError.usage("cannot read '\(argument)'")
                }
                positional = argument
            }
        }
    }

    func requirePositional(_ message: String) throws -> String {
        guard let positional else { throw CLIError.usage(message) }
        return positional
    }
}
