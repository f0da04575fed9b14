import OrgContracts
import RPC
import ServiceKit
import ServiceToolkit

extension OrgHandlers {
    func createUnit(_ request: CreateUnitRequest, context: CallContext) async throws -> OrgUnit {
        let access = try Access(context)
        let code = try UnitRules.checkedCode(request.code)
        let name = try UnitRules.checkedName(request.name, field: "name")
        let reason = try UnitRules.checkedReason(request.reason)
        return try await write { connection, now in
            let call = try IdempotentCall.keyed(scope: access.idempotencyScope, key: request.idempotencyKey,
                                                method: "CreateUnit", request: request, nowMs: now)
            if let first = try call?.recorded(OrgUnit.self, in: connection) { return first }
            if request.parentID.isEmpty {
                try access.requireOperator(to: "create the root of the tree")
            } else {
                let parent = try UnitRecord.require(request.parentID, field: "parent_id", in: connection)
                try access.require(Access.treeEditors, on: parent, to: "create units under it")
            }
            let record = try TreeEditor(connection: connection, actorID: access.caller.memberID, nowMs: now)
                .create(parentID: request.parentID, code: code, name: name, kind: request.kind,
                        cellType: request.cellType, reason: reason)
            try call?.remember(record.unit, in: connection)
            return record.unit
        }
    }

    func renameUnit(_ request: RenameUnitRequest, context: CallContext) async throws -> OrgUnit {
        let access = try Access(context)
        let name = try UnitRules.checkedName(request.name, field: "name")
        let reason = try UnitRules.checkedReason(request.reason)
        return try await write { connection, now in
            let unit = try UnitRecord.require(request.unitID, field: "unit_id", in: connection)
            try access.require(Access.treeEditors, on: unit, to: "rename it")
            return try TreeEditor(connection: connection, actorID: access.caller.memberID, nowMs: now)
                .rename(unit.id, to: name, expectedVersion: request.expectedVersion, reason: reason).unit
        }
    }

    func moveUnit(_ request: MoveUnitRequest, context: CallContext) async throws -> OrgUnit {
        let access = try Access(context)
        let reason = try UnitRules.checkedReason(request.reason)
        return try await write { connection, now in
            let unit = try UnitRecord.require(request.unitID, field: "unit_id", in: connection)
            let parent = try UnitRecord.require(request.newParentID, field: "new_parent_id", in: connection)
            try access.require(Access.treeEditors, on: unit, to: "move it")
            try access.require(Access.treeEditors, on: parent, to: "move units under it")
            return try TreeEditor(connection: connection, actorID: access.caller.memberID, nowMs: now)
                .move(unit.id, under: parent.id, expectedVersion: request.expectedVersion, reason: reason).unit
        }
    }

    func mergeUnit(_ request: MergeUnitRequest, context: CallContext) async throws -> OrgUnit {
        let access = try Access(context)
        let reason = try UnitRules.checkedReason(request.reason)
        return try await write { connection, now in
            let unit = try UnitRecord.require(request.unitID, field: "unit_id", in: connection)
            let target = try UnitRecord.require(request.intoUnitID, field: "into_unit_id", in: connection)
            try access.require(Access.treeEditors, on: unit, to: "merge it")
            try access.require(Access.treeEditors, on: target, to: "merge units into it")
            return try TreeEditor(connection: connection, actorID: access.caller.memberID, nowMs: now)
                .merge(unit.id, into: target.id, expectedVersion: request.expectedVersion, reason: reason).unit
        }
    }

    func dissolveUnit(_ request: DissolveUnitRequest, context: CallContext) async throws -> OrgUnit {
        let access = try Access(context)
        let reason = try UnitRules.checkedReason(request.reason)
        return try await write { connection, now in
            let unit = try UnitRecord.require(request.unitID, field: "unit_id", in: connection)
            try access.require(Access.treeEditors, on: unit, to: "dissolve it")
            return try TreeEditor(connection: connection, actorID: access.caller.memberID, nowMs: now)
                .dissolve(unit.id, expectedVersion: request.expectedVersion, reason: reason).unit
        }
    }

    // MARK: Reads: any caller with a valid token (the tree is not personal data)

    func getUnit(_ request: GetUnitRequest, context: CallContext) async throws -> OrgUnit {
        _ = try Access(context)
        return try await read { connection in
            request.asOfMS > 0
                ? try UnitTimeline(connection: connection).unit(request.unitID, at: request.asOfMS)
                : try UnitQueries(connection: connection).unit(request.unitID)
        }
    }

    func listChildren(_ request: ListChildrenRequest, context: CallContext) async throws -> UnitList {
        _ = try Access(context)
        let asOf = request.asOfMS > 0
        let paging = try Paging(pageSize: request.pageSize, pageToken: request.pageToken,
                                list: asOf ? "children-as-of" : "children", filters: [request.unitID, "\(request.asOfMS)"])
        return try await read { connection in
            asOf ? try UnitTimeline(connection: connection).children(of: request.unitID, at: request.asOfMS, paging: paging)
                : try UnitQueries(connection: connection).children(of: request.unitID, paging: paging)
        }
    }

    func getAncestors(_ request: GetAncestorsRequest, context: CallContext) async throws -> UnitList {
        _ = try Access(context)
        return try await read { connection in try UnitQueries(connection: connection).ancestors(of: request.unitID) }
    }

    func listSubtree(_ request: ListSubtreeRequest, context: CallContext) async throws -> UnitList {
        _ = try Access(context)
        let asOf = request.asOfMS > 0
        let paging = try Paging(pageSize: request.pageSize, pageToken: request.pageToken,
                                list: asOf ? "subtree-as-of" : "subtree", filters: [request.unitID, "\(request.asOfMS)"])
        return try await read { connection in
            asOf ? try UnitTimeline(connection: connection).subtree(of: request.unitID, at: request.asOfMS, paging: paging)
                : try UnitQueries(connection: connection).subtree(of: request.unitID, paging: paging)
        }
    }

    func searchUnits(_ request: SearchUnitsRequest, context: CallContext) async throws -> UnitList {
        _ = try Access(context)
        let query = try TextInput.searchQuery(request.query)
        let paging = try Paging(pageSize: request.pageSize, pageToken: request.pageToken, list: "unit-search",
                                filters: [query, request.withinUnitID])
        return try await read { connection in
            try UnitQueries(connection: connection).search(query, within: request.withinUnitID, paging: paging)
        }
    }

    func getSubtreeCounts(_ request: GetSubtreeCountsRequest, context: CallContext) async throws -> SubtreeCounts {
        _ = try Access(context)
        return try await read { connection in try UnitQueries(connection: connection).counts(of: request.unitID) }
    }

    func getUnitHistory(_ request: GetUnitHistoryRequest, context: CallContext) async throws -> UnitChangeList {
        _ = try Access(context)
        let paging = try Paging(pageSize: request.pageSize, pageToken: request.pageToken, list: "unit-history",
                                filters: [request.unitID])
        return try await read { connection in
            try UnitTimeline(connection: connection).history(of: request.unitID, paging: paging)
        }
    }

    // MARK: The feed followed by tree replicas

    func listTreeChanges(_ request: ListTreeChangesRequest, context: CallContext) async throws -> TreeChangeBatch {
        _ = try Access(context)
        guard request.afterSequence >= 0 else {
            throw RPCError.invalidArgument(field: "after_sequence", "must not be negative")
        }
        let limit = try Paging(pageSize: request.pageSize, pageToken: "", list: "feed", maxPageSize: 5_000).pageSize
        return try await read { connection in
            try UnitTimeline(connection: connection).changes(after: request.afterSequence, limit: limit)
        }
    }

    func getTreeSnapshot(_ request: GetTreeSnapshotRequest, context: CallContext) async throws -> TreeSnapshot {
        _ = try Access(context)
        let paging = try Paging(pageSize: request.pageSize, pageToken: request.pageToken, list: "snapshot",
                                maxPageSize: 10_000)
        return try await read { connection in try UnitTimeline(connection: connection).snapshot(paging: paging) }
    }
}
