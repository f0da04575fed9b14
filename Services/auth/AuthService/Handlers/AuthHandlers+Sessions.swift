import AuthContracts
import RPC
import ServiceKit
import ServiceToolkit
import Store

extension AuthHandlers {
    func listSessions(_ request: ListSessionsRequest, context: CallContext) async throws -> SessionList {
        let caller = try await requireSession(context)
        let policy = issuer.policy
        return try await read { connection, now in
            var list = SessionList()
            list.sessions = try SessionStore(connection: connection, nowMs: now, policy: policy)
                .list(of: caller.memberID, current: caller.sessionID)
            return list
        }
    }

    func revokeSession(_ request: RevokeSessionRequest, context: CallContext) async throws -> LogoutResponse {
        let caller = try await requireSession(context)
        let sessionID = try RecordID.checked(request.sessionID, prefix: "s", field: "session_id")
        let address = clientAddress(context)
        let policy = issuer.policy
        try await write { connection, now in
            guard let owner: String = try connection.queryOne("SELECT member_id FROM sessions WHERE id = ?",
                                                              [sessionID])?.get(0),
                  owner == caller.memberID else {
                throw RPCError(.notFound, "session_id: you have no such session")
            }
            try SessionStore(connection: connection, nowMs: now, policy: policy).end(sessionID)
            try AuditLog(connection: connection, atMs: now, clientAddress: address)
                .record(.auditSessionRevoked, actor: caller.memberID, subject: caller.memberID, unitID: caller.unitID,
                        detail: "session \(sessionID)")
        }
        return LogoutResponse()
    }

    func logout(_ request: LogoutRequest, context: CallContext) async throws -> LogoutResponse {
        let caller = try context.requireCaller()
        let policy = issuer.policy
        try await write { connection, now in
            try SessionStore(connection: connection, nowMs: now, policy: policy).end(caller.sessionID)
        }
        return LogoutResponse()
    }

    /// The caller's own account, or (for an administrator of the unit) a member's.
    func getAccount(_ request: GetAccountRequest, context: CallContext) async throws -> Account {
        let caller = try context.requireCaller()
        let memberID = request.memberID.isEmpty
            ? caller.memberID : try RecordID.checked(request.memberID, prefix: "m", field: "member_id")
        if memberID != caller.memberID { _ = try await requireAdministrator(of: memberID, context: context) }
        let found = try await read { connection in
            try AccountRecord.find(memberID: memberID, in: connection).map {
                ($0, try AccountRecord.grants(of: memberID, in: connection))
            }
        }
        guard let (account, grants) = found else { throw RPCError(.notFound, "member_id: no account for this member") }
        return try account.contract(grants: grants, phones: phones)
    }
}
