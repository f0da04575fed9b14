import OrgContracts
import RPC
import ServiceKit
import ServiceToolkit
import Store

/// The tree's writes, each inside the caller's transaction: units, their paths, the
/// subtree totals of every unit above, and the history, all changed together or not
/// at all. Rights are checked by the handlers before they call in.
struct TreeEditor {
    let connection: Connection
    let actorID: String
    let nowMs: Int64

    func history(_ reason: String) -> UnitHistory {
        UnitHistory(connection: connection, actorID: actorID, atMs: nowMs, reason: reason)
    }

    // MARK: Create, rename

    func create(parentID: String, code: String, name: String, kind: UnitKind, cellType: CellType,
                reason: String) throws -> UnitRecord {
        let parent: UnitRecord?
        if parentID.isEmpty {
            guard try connection.queryOne("SELECT 1 FROM units LIMIT 1") == nil else {
                throw RPCError.invalidArgument(field: "parent_id", "is required: the tree already has its root")
            }
            parent = nil
        } else {
            parent = try UnitRecord.requireActive(parentID, field: "parent_id", in: connection)
        }
        try UnitRules.checkPlacement(kind: kind, cellType: cellType, parentKind: parent?.unit.kind)
        var unit = OrgUnit()
        unit.id = RecordID.make("u", nowMs: nowMs)
        unit.code = code
        unit.name = name
        unit.kind = kind
        unit.cellType = cellType
        unit.parentID = parentID
        unit.state = .active
        unit.depth = parent.map { $0.unit.depth + 1 } ?? 0
        unit.createdAtMS = nowMs
        unit.updatedAtMS = nowMs
        unit.version = 1
        let record = UnitRecord(unit: unit, path: (parent?.path ?? "/") + unit.id + "/")
        do {
            try connection.execute(
                """
                INSERT INTO units (id, code, name, name_folded, kind, cell_type, parent_id, path, depth, state,
                                   created_at_ms, updated_at_ms, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [unit.id, code, name, TextFolding.fold(name), Int64(kind.rawValue), Int64(cellType.rawValue),
                 parentID.isEmpty ? nil : parentID, record.path, Int64(unit.depth), Int64(UnitState.active.rawValue),
                 nowMs, nowMs, Int64(1)])
        } catch let error as StoreError where error.isDuplicateKey {
            throw RPCError(.alreadyExists, "code: another active unit has the code \(code)")
        }
        try TotalsTable.insertEmpty(for: unit.id, in: connection)
        try TotalsTable.add(.unit(kind: kind, cellType: cellType), to: record.selfAndAncestorIDs, in: connection)
        try history(reason).record(.unitCreated, after: unit, .init(newParentID: parentID, newName: name))
        return record
    }

    func rename(_ unitID: String, to name: String, expectedVersion: Int64, reason: String) throws -> UnitRecord {
        var record = try UnitRecord.requireActive(unitID, field: "unit_id", in: connection)
        try Self.checkVersion(record, expectedVersion)
        let oldName = record.unit.name
        guard oldName != name else { return record }
        record.unit.name = name
        try save(&record, setting: "name = ?, name_folded = ?", [name, TextFolding.fold(name)])
        try history(reason).record(.unitRenamed, after: record.unit, .init(oldName: oldName, newName: name))
        return record
    }

    // MARK: Move, merge, dissolve

    /// Moves a unit and its whole subtree under `newParentID`.
    func move(_ unitID: String, under newParentID: String, expectedVersion: Int64, reason: String) throws -> UnitRecord {
        var record = try UnitRecord.requireActive(unitID, field: "unit_id", in: connection)
        try Self.checkVersion(record, expectedVersion)
        guard !record.unit.parentID.isEmpty else { throw RPCError(.failedPrecondition, "the root cannot move") }
        let newParent = try UnitRecord.requireActive(newParentID, field: "new_parent_id", in: connection)
        guard !newParent.path.hasPrefix(record.path) else {
            throw RPCError(.failedPrecondition, "a unit cannot move under itself or a unit of its own subtree")
        }
        guard UnitRules.canHaveChildren(newParent.unit.kind) else {
            throw RPCError(.failedPrecondition, "new_parent_id: a cell has no units under it")
        }
        guard newParent.id != record.unit.parentID else { return record }

        let subtree = try TotalsTable.read(record.id, in: connection)
        try TotalsTable.add(-subtree, to: record.ancestorIDs, in: connection)
        try TotalsTable.add(subtree, to: newParent.selfAndAncestorIDs, in: connection)

        let oldPath = record.path
        let newPath = newParent.path + record.id + "/"
        let depthChange = Int64(newParent.unit.depth + 1 - record.unit.depth)
        // SQLite's substr counts from 1; paths are ASCII, so characters are bytes.
        try connection.execute(
            "UPDATE units SET path = ? || substr(path, ?), depth = depth + ? WHERE path >= ? AND path < ?",
            [newPath, Int64(oldPath.utf8.count + 1), depthChange, oldPath, subtreeEnd(oldPath)])
        let oldParentID = record.unit.parentID
        record.path = newPath
        record.unit.depth += Int32(depthChange)
        record.unit.parentID = newParent.id
        try save(&record, setting: "parent_id = ?", [newParent.id])
        try history(reason).record(.unitMoved, after: record.unit,
                                   .init(oldParentID: oldParentID, newParentID: newParent.id))
        return record
    }

    /// Merges `unitID` into `targetID`: its units and members move there, and it stays
    /// as history (MERGED). Answers the target after the merge.
    func merge(_ unitID: String, into targetID: String, expectedVersion: Int64, reason: String) throws -> UnitRecord {
        var source = try UnitRecord.requireActive(unitID, field: "unit_id", in: connection)
        try Self.checkVersion(source, expectedVersion)
        guard !source.unit.parentID.isEmpty else { throw RPCError(.failedPrecondition, "the root cannot be merged") }
        let target = try UnitRecord.requireActive(targetID, field: "into_unit_id", in: connection)
        guard target.id != source.id, !target.path.hasPrefix(source.path) else {
            throw RPCError(.failedPrecondition, "into_unit_id: a unit cannot merge into itself or its own subtree")
        }
        let children = try activeChildIDs(of: source.id)
        if !children.isEmpty, !UnitRules.canHaveChildren(target.unit.kind) {
            throw RPCError(.failedPrecondition, "into_unit_id: a cell has no units under it, and this unit has \(children.count)")
        }
        let childReason = "merged from \(source.unit.name) into \(target.unit.name)" + (reason.isEmpty ? "" : ": \(reason)")
        for child in children {
            _ = try move(child, under: target.id, expectedVersion: 0, reason: childReason)
        }
        try MemberMover(connection: connection, actorID: actorID, nowMs: nowMs)
            .moveAllMembers(from: source, to: target, kind: .memberMerged, reason: childReason)

        try TotalsTable.add(-.unit(kind: source.unit.kind, cellType: source.unit.cellType),
                            to: source.selfAndAncestorIDs, in: connection)
        source.unit.state = .merged
        source.unit.mergedIntoID = target.id
        try save(&source, setting: "state = ?, merged_into_id = ?", [Int64(UnitState.merged.rawValue), target.id])
        try history(reason).record(.unitMergedInto, after: source.unit, .init(targetUnitID: target.id))
        return try UnitRecord.require(target.id, field: "into_unit_id", in: connection)
    }

    /// Dissolves an empty unit: refused while it has units or members under it.
    func dissolve(_ unitID: String, expectedVersion: Int64, reason: String) throws -> UnitRecord {
        var record = try UnitRecord.requireActive(unitID, field: "unit_id", in: connection)
        try Self.checkVersion(record, expectedVersion)
        let children = try activeChildIDs(of: record.id)
        guard children.isEmpty else {
            throw RPCError(.failedPrecondition, "the unit still has \(children.count) unit(s) under it: move, merge or dissolve them first")
        }
        let members: Int64 = try connection.queryOne(
            "SELECT COUNT(*) FROM members WHERE unit_id = ? AND status IN (1, 2, 3)", [record.id])?.get(0) ?? 0
        guard members == 0 else {
            throw RPCError(.failedPrecondition, "the unit still has \(members) member(s): transfer them or merge the unit instead")
        }
        try TotalsTable.add(-.unit(kind: record.unit.kind, cellType: record.unit.cellType),
                            to: record.selfAndAncestorIDs, in: connection)
        record.unit.state = .dissolved
        try save(&record, setting: "state = ?", [Int64(UnitState.dissolved.rawValue)])
        try history(reason).record(.unitDissolved, after: record.unit)
        return record
    }

    // MARK: Helpers

    private func activeChildIDs(of unitID: String) throws -> [String] {
        try connection.query("SELECT id FROM units WHERE parent_id = ? AND state = 1", [unitID]).map { try $0.get(0) }
    }

    /// Writes `assignments` plus the new version and time.
    private func save(_ record: inout UnitRecord, setting assignments: String,
                      _ arguments: [(any SQLValueConvertible)?]) throws {
        record.unit.version += 1
        record.unit.updatedAtMS = nowMs
        try connection.execute(
            "UPDATE units SET \(assignments), version = ?, updated_at_ms = ? WHERE id = ?",
            arguments + [record.unit.version, nowMs, record.id])
    }

    static func checkVersion(_ record: UnitRecord, _ expected: Int64) throws(RPCError) {
        guard expected == 0 || expected == record.unit.version else {
            throw RPCError(.aborted, "the unit changed since version \(expected) (now \(record.unit.version)); reload it")
        }
    }
}
