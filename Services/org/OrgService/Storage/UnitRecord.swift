import OrgContracts
import RPC
import ServiceToolkit
import Store

/// A row of `units` as the service works with it: the contract's `Unit` plus the
/// materialized path that places it in the tree.
struct UnitRecord: Sendable {
    var unit: OrgUnit
    /// "/root/…/parent/self/".
    var path: String

    var id: String { unit.id }
    var isActive: Bool { unit.state == .active }

    /// Ancestor ids, root first, parent last (read from the path).
    var ancestorIDs: [String] {
        Array(path.split(separator: "/").dropLast().map(String.init))
    }

    /// The unit and its ancestors: every row of `unit_totals` a change here touches.
    var selfAndAncestorIDs: [String] {
        path.split(separator: "/").map(String.init)
    }

    static let columns = """
        id, code, name, kind, cell_type, parent_id, path, depth, state, merged_into_id, \
        created_at_ms, updated_at_ms, version
        """

    init(unit: OrgUnit, path: String) {
        self.unit = unit
        self.path = path
    }

    /// Reads a row selected with `columns`.
    init(row: Row) throws {
        var unit = OrgUnit()
        unit.id = try row.get(0)
        unit.code = try row.get(1)
        unit.name = try row.get(2)
        unit.kind = UnitKind(rawValue: Int32(try row.get(3) as Int64))
        unit.cellType = CellType(rawValue: Int32(try row.get(4) as Int64))
        unit.parentID = try row.get(5, as: String?.self) ?? ""
        path = try row.get(6)
        unit.depth = Int32(try row.get(7) as Int64)
        unit.state = UnitState(rawValue: Int32(try row.get(8) as Int64))
        unit.mergedIntoID = try row.get(9, as: String?.self) ?? ""
        unit.createdAtMS = try row.get(10)
        unit.updatedAtMS = try row.get(11)
        unit.version = try row.get(12)
        self.unit = unit
    }

    static func find(_ id: String, in connection: Connection) throws -> UnitRecord? {
        try connection.queryOne("SELECT \(columns) FROM units WHERE id = ?", [id]).map(UnitRecord.init(row:))
    }

    /// The unit, or NOT_FOUND naming `field`.
    static func require(_ id: String, field: String, in connection: Connection) throws -> UnitRecord {
        guard let record = try find(try RecordID.checked(id, prefix: "u", field: field), in: connection) else {
            throw RPCError(.notFound, "\(field): no unit \(id.prefix(64))")
        }
        return record
    }

    /// The unit, which must be active (not merged or dissolved).
    static func requireActive(_ id: String, field: String, in connection: Connection) throws -> UnitRecord {
        let record = try require(id, field: field, in: connection)
        guard record.isActive else {
            throw RPCError(.failedPrecondition, "\(field): unit \(id.prefix(64)) was merged or dissolved")
        }
        return record
    }
}

/// The upper bound of a path range: every path under `prefix` sorts between `prefix`
/// and this (ids hold only letters, digits and '_', all below '~').
func subtreeEnd(_ prefix: String) -> String { prefix + "~" }
