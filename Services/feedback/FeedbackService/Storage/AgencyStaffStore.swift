import FeedbackContracts
import Store

/// Who staffs which agency, and the log of every appointment and removal, on the
/// connection of the call's own read or write (a removal takes effect at once).
struct AgencyStaffStore {
    let connection: Connection

    /// The agencies `memberID` staffs.
    func agencies(of memberID: String) throws -> StaffedAgencies {
        let rows = try connection.query("SELECT agency_unit_id, agency_kind FROM agency_staff WHERE member_id = ?", [memberID])
        return StaffedAgencies(try rows.map { row in AgencyKey(unitID: try row.get(0), kind: try row.get(1)) })
    }

    func find(_ agency: Agency, memberID: String) throws -> AgencyStaffMember? {
        try connection.queryOne(
            "SELECT record FROM agency_staff WHERE agency_unit_id = ? AND agency_kind = ? AND member_id = ?",
            [agency.unitID, Int64(agency.kind.rawValue), memberID]
        ).map { row in try AgencyStaffMember(wireEncoded: try row.get(0, as: [UInt8].self)) }
    }

    func list(of agency: Agency) throws -> [AgencyStaffMember] {
        try connection.query("SELECT record FROM agency_staff WHERE agency_unit_id = ? AND agency_kind = ? ORDER BY member_id",
                             [agency.unitID, Int64(agency.kind.rawValue)])
            .map { row in try AgencyStaffMember(wireEncoded: try row.get(0, as: [UInt8].self)) }
    }

    func insert(_ staff: AgencyStaffMember) throws {
        let agency = staff.agency ?? Agency()
        try connection.execute(
            "INSERT INTO agency_staff (agency_unit_id, agency_kind, member_id, record) VALUES (?, ?, ?, ?)",
            [agency.unitID, Int64(agency.kind.rawValue), staff.memberID, staff.wireEncoded()])
        try log("appoint", agency: agency, memberID: staff.memberID, by: staff.appointedBy, atMs: staff.appointedAtMS)
    }

    /// False when the member did not staff the agency (nothing is logged then).
    func remove(_ agency: Agency, memberID: String, by actor: String, atMs: Int64) throws -> Bool {
        try connection.execute("DELETE FROM agency_staff WHERE agency_unit_id = ? AND agency_kind = ? AND member_id = ?",
                               [agency.unitID, Int64(agency.kind.rawValue), memberID])
        guard connection.changes > 0 else { return false }
        try log("remove", agency: agency, memberID: memberID, by: actor, atMs: atMs)
        return true
    }

    private func log(_ action: String, agency: Agency, memberID: String, by actor: String, atMs: Int64) throws {
        try connection.execute(
            """
            INSERT INTO agency_staff_log (at_ms, by_member_id, action, agency_unit_id, agency_kind, member_id)
            VALUES (?, ?, ?, ?, ?, ?)
            """,
            [atMs, actor, action, agency.unitID, Int64(agency.kind.rawValue), memberID])
    }
}
