import OrgContracts
import RPC
import Synchronization
@testable import OrgTreeReplica
import ServiceKit

/// A stand-in for org's tree feed, served over the real RPC runtime: a tree and its
/// change feed that a test appends to. Only the two feed methods are implemented;
/// every other method answers UNIMPLEMENTED.
///
/// Snapshot pages hold at most `pageLimit` units, whatever the replica asks for, so a
/// small tree still comes in several pages; `changeWhileSnapshotting` is appended
/// right after the first page is served, as a write racing a replica's load would be.
final class OrgTreeFeedDouble: OrgServiceHandler {
    private struct Feed {
        var units: [String: OrgUnit] = [:]
        var changes: [UnitChange] = []
        var changeWhileSnapshotting: (UnitChangeKind, OrgUnit)?
        var callers: Set<String> = []
    }

    private let feed = Mutex(Feed())
    let pageLimit = 3

    init(units: [OrgUnit]) {
        feed.withLock { feed in
            for unit in units { feed.units[unit.id] = unit }
        }
    }

    var latestSequence: Int64 { feed.withLock { Int64($0.changes.count) } }
    var callers: Set<String> { feed.withLock { $0.callers } }

    func append(_ kind: UnitChangeKind, _ unit: OrgUnit) {
        feed.withLock { Self.append(kind, unit, to: &$0) }
    }

    func appendWhileSnapshotting(_ kind: UnitChangeKind, _ unit: OrgUnit) {
        feed.withLock { $0.changeWhileSnapshotting = (kind, unit) }
    }

    private static func append(_ kind: UnitChangeKind, _ unit: OrgUnit, to feed: inout Feed) {
        feed.units[unit.id] = unit
        feed.changes.append(unitChange(Int64(feed.changes.count + 1), kind, unit))
    }

    // MARK: The feed

    func getTreeSnapshot(_ request: GetTreeSnapshotRequest, context: CallContext) async throws -> TreeSnapshot {
        // The token is "<as of sequence>/<last id served>", as org's carries both.
        let token = request.pageToken.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        return feed.withLock { feed in
            feed.callers.insert(context.caller?.memberID ?? "")
            var snapshot = TreeSnapshot()
            snapshot.asOfSequence = token.count == 2 ? Int64(token[0]) ?? 0 : Int64(feed.changes.count)
            let afterID = token.count == 2 ? token[1] : ""
            let remaining = feed.units.values.filter { $0.id > afterID }.sorted { $0.id < $1.id }
            snapshot.units = Array(remaining.prefix(min(Int(request.pageSize), pageLimit)))
            if let last = snapshot.units.last, remaining.count > snapshot.units.count {
                snapshot.nextPageToken = "\(snapshot.asOfSequence)/\(last.id)"
            }
            if let pending = feed.changeWhileSnapshotting {
                feed.changeWhileSnapshotting = nil
                Self.append(pending.0, pending.1, to: &feed)
            }
            return snapshot
        }
    }

    func listTreeChanges(_ request: ListTreeChangesRequest, context: CallContext) async throws -> TreeChangeBatch {
        feed.withLock { feed in
            feed.callers.insert(context.caller?.memberID ?? "")
            var batch = TreeChangeBatch()
            batch.changes = Array(feed.changes.dropFirst(Int(request.afterSequence)).prefix(Int(request.pageSize)))
            batch.latestSequence = Int64(feed.changes.count)
            return batch
        }
    }

    // MARK: Not part of the feed

    private var unimplemented: RPCError { RPCError(.unimplemented, "the feed double serves only the tree feed") }

    func createUnit(_ request: CreateUnitRequest, context: CallContext) async throws -> OrgUnit { throw unimplemented }
    func renameUnit(_ request: RenameUnitRequest, context: CallContext) async throws -> OrgUnit { throw unimplemented }
    func moveUnit(_ request: MoveUnitRequest, context: CallContext) async throws -> OrgUnit { throw unimplemented }
    func mergeUnit(_ request: MergeUnitRequest, context: CallContext) async throws -> OrgUnit { throw unimplemented }
    func dissolveUnit(_ request: DissolveUnitRequest, context: CallContext) async throws -> OrgUnit {
        throw unimplemented
    }
    func getUnit(_ request: GetUnitRequest, context: CallContext) async throws -> OrgUnit { throw unimplemented }
    func listChildren(_ request: ListChildrenRequest, context: CallContext) async throws -> UnitList {
        throw unimplemented
    }
    func getAncestors(_ request: GetAncestorsRequest, context: CallContext) async throws -> UnitList {
        throw unimplemented
    }
    func listSubtree(_ request: ListSubtreeRequest, context: CallContext) async throws -> UnitList {
        throw unimplemented
    }
    func searchUnits(_ request: SearchUnitsRequest, context: CallContext) async throws -> UnitList {
        throw unimplemented
    }
    func getSubtreeCounts(_ request: GetSubtreeCountsRequest, context: CallContext) async throws -> SubtreeCounts {
        throw unimplemented
    }
    func getUnitHistory(_ request: GetUnitHistoryRequest, context: CallContext) async throws -> UnitChangeList {
        throw unimplemented
    }
    func createMember(_ request: CreateMemberRequest, context: CallContext) async throws -> Member {
        throw unimplemented
    }
    func getMember(_ request: GetMemberRequest, context: CallContext) async throws -> Member { throw unimplemented }
    func updateMember(_ request: UpdateMemberRequest, context: CallContext) async throws -> Member {
        throw unimplemented
    }
    func transferMember(_ request: TransferMemberRequest, context: CallContext) async throws -> Member {
        throw unimplemented
    }
    func searchMembers(_ request: SearchMembersRequest, context: CallContext) async throws -> MemberSummaryList {
        throw unimplemented
    }
    func getMemberHistory(_ request: GetMemberHistoryRequest, context: CallContext) async throws -> MemberChangeList {
        throw unimplemented
    }
    func checkCard(_ request: CheckCardRequest, context: CallContext) async throws -> CheckCardResponse {
        throw unimplemented
    }
    func startImport(_ request: StartImportRequest, context: CallContext) async throws -> StartImportResponse {
        throw unimplemented
    }
    func addImportRows(_ request: AddImportRowsRequest, context: CallContext) async throws -> AddImportRowsResponse {
        throw unimplemented
    }
    func planImport(_ request: PlanImportRequest, context: CallContext) async throws -> ImportReport {
        throw unimplemented
    }
    func applyImport(_ request: ApplyImportRequest, context: CallContext) async throws -> ImportReport {
        throw unimplemented
    }

    func discardImport(_ request: DiscardImportRequest, context: CallContext) async throws -> DiscardImportResponse {
        throw unimplemented
    }
}
