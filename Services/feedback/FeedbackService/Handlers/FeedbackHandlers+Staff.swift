import FeedbackContracts
import RPC
import ServiceKit
import ServiceToolkit
import Store

/// Agency staff: administrators of the agency's committee's subtree appoint and remove
/// them; each change is logged with who made it. Both are idempotent: a repeat changes
/// nothing and logs nothing.
extension FeedbackHandlers {
    func appointAgencyStaff(_ request: AppointAgencyStaffRequest, context: CallContext) async throws -> AgencyStaffMember {
        let (agency, memberID) = try checkedStaffChange(request.agency, request.memberID)
        let access = try CallerAccess(context)
        try requireStaffAppointer(access, of: agency, to: "appoint this agency's staff")
        return try await write { connection, now in
            let store = AgencyStaffStore(connection: connection)
            if let first = try store.find(agency, memberID: memberID) { return first }
            var staff = AgencyStaffMember()
            staff.agency = agency
            staff.memberID = memberID
            staff.appointedAtMS = now
            staff.appointedBy = access.caller.memberID
            try store.insert(staff)
            return staff
        }
    }

    func removeAgencyStaff(_ request: RemoveAgencyStaffRequest, context: CallContext) async throws -> RemoveAgencyStaffResponse {
        let (agency, memberID) = try checkedStaffChange(request.agency, request.memberID)
        let access = try CallerAccess(context)
        try requireStaffAppointer(access, of: agency, to: "remove this agency's staff")
        var response = RemoveAgencyStaffResponse()
        response.removed = try await write { connection, now in
            try AgencyStaffStore(connection: connection).remove(agency, memberID: memberID, by: access.caller.memberID,
                                                                atMs: now)
        }
        return response
    }

    /// For the administrators who appoint them and for the staff themselves (and those
    /// of the same kind above).
    func listAgencyStaff(_ request: ListAgencyStaffRequest, context: CallContext) async throws -> AgencyStaffList {
        let agency = try Self.checkedAgency(request.agency, field: "agency")
        let access = try CallerAccess(context)
        let tree = replica.tree
        let administrator = access.holds(Self.ruleEditors, on: placed(agency.unitID, in: tree))
        var list = AgencyStaffList()
        list.staff = try await read { connection in
            if !administrator {
                try Self.requireAgencyStaff(access, of: agency, in: tree, connection: connection, to: "list its staff")
            }
            return try AgencyStaffStore(connection: connection).list(of: agency)
        }
        return list
    }

    private func checkedStaffChange(_ agency: Agency?, _ memberID: String) throws(RPCError) -> (Agency, String) {
        let agency = try Self.checkedAgency(agency, field: "agency")
        let memberID = try RecordID.checked(memberID, prefix: "m", field: "member_id")
        guard replica.tree.hasAgencies(agency.unitID) else {
            throw RPCError.invalidArgument(field: "agency.unit_id", "is not a committee with agencies")
        }
        return (agency, memberID)
    }

    /// Administrators of the agency's committee or above.
    private func requireStaffAppointer(_ access: CallerAccess, of agency: Agency, to action: String) throws(RPCError) {
        try access.require(Self.ruleEditors, on: placed(agency.unitID, in: replica.tree), to: action)
    }
}
