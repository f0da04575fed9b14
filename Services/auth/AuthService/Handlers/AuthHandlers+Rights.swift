import AuthContracts
import RPC
import RPCContracts
import ServiceKit
import ServiceToolkit
import Store

extension AuthHandlers {
    func grantRole(_ request: GrantRoleRequest, context: CallContext) async throws -> GrantList {
        try await changeGrant(memberID: request.memberID, role: request.role, unitID: request.unitID,
                              reason: try TextInput.freeText(request.reason, field: "reason"), granting: true,
                              context: context)
    }

    func revokeRole(_ request: RevokeRoleRequest, context: CallContext) async throws -> GrantList {
        try await changeGrant(memberID: request.memberID, role: request.role, unitID: request.unitID,
                              reason: try TextInput.freeText(request.reason, field: "reason"), granting: false,
                              context: context)
    }

    /// Grants and revocations share every check: the role is grantable, the caller
    /// is an administrator of the unit (a grant above covers it) and ranks at least
    /// as high there as the role, and the member has an account. An operator may
    /// grant and revoke the administrator role alone, on any unit: that is how a
    /// province's first administrator is appointed (docs/operations.md).
    private func changeGrant(memberID: String, role: Role, unitID: String, reason: String, granting: Bool,
                             context: CallContext) async throws -> GrantList {
        let rank = try RoleRules.checkGrantable(role)
        let memberID = try RecordID.checked(memberID, prefix: "m", field: "member_id")
        let caller: CallerIdentity
        // Which operator key signed an appointment: the audit log's only trace of who ran it.
        var signedBy = ""
        if let bootstrapper = context.caller, bootstrapper.isOperator {
            guard role == .administrator else {
                throw RPCError(.permissionDenied, "operators appoint administrators only; administrators grant the rest")
            }
            _ = try RecordID.checked(unitID, prefix: "u", field: "unit_id")
            let bearer = (context.metadata[MetadataKey.authorization] ?? "").dropFirst("Bearer ".count)
            signedBy = AccessTokenCodec.keyID(of: String(bearer)).map { "; operator key \($0.prefix(64))" } ?? ""
            caller = bootstrapper
        } else {
            caller = try await requireRole(RoleRules.granters, on: unitID, context: context,
                                           to: granting ? "grant roles there" : "revoke roles there")
            let ancestors = try await self.ancestors(of: unitID, context: context)
            let callerRank = caller.claims.grants
                .filter { $0.unitID == unitID || ancestors.contains($0.unitID) }
                .compactMap { RoleRules.rank($0.role) }.max() ?? -1
            guard rank <= callerRank else { throw RPCError(.permissionDenied, "you cannot grant a role above your own") }
        }
        guard tree.unit(unitID)?.isActive ?? true else {
            throw RPCError(.failedPrecondition, "unit_id: the unit was merged or dissolved")
        }
        let address = clientAddress(context)
        let signature = signedBy
        return try await write { connection, now in
            guard try AccountRecord.find(memberID: memberID, in: connection) != nil else {
                throw RPCError(.notFound, "member_id: the member has no account yet")
            }
            if granting {
                try connection.execute(
                    """
                    INSERT INTO grants (member_id, role, unit_id, granted_by, granted_at_ms) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT DO NOTHING
                    """,
                    [memberID, Int64(role.rawValue), unitID, caller.memberID, now])
            } else {
                try connection.execute("DELETE FROM grants WHERE member_id = ? AND role = ? AND unit_id = ?",
                                       [memberID, Int64(role.rawValue), unitID])
            }
            try AuditLog(connection: connection, atMs: now, clientAddress: address)
                .record(granting ? .auditGranted : .auditRevoked, actor: caller.memberID, subject: memberID,
                        unitID: unitID, detail: "role \(role) on \(unitID)" + (reason.isEmpty ? "" : ": \(reason)") + signature)
            var list = GrantList()
            list.memberID = memberID
            list.grants = try AccountRecord.grants(of: memberID, in: connection)
            return list
        }
    }

    func setAccountLock(_ request: SetAccountLockRequest, context: CallContext) async throws -> Account {
        let memberID = try RecordID.checked(request.memberID, prefix: "m", field: "member_id")
        let reason = try TextInput.freeText(request.reason, field: "reason")
        let caller = try await requireAdministrator(of: memberID, context: context)
        let held = try await read { connection in
            try AccountRecord.find(memberID: memberID, in: connection).map { _ in
                try AccountRecord.grants(of: memberID, in: connection)
            }
        }
        guard let held else { throw RPCError(.notFound, "member_id: no account for this member") }
        // The member's unit is not enough: a province administrator may live in a
        // commune's cell, and the commune's administrator must not lock them out.
        for grant in held {
            let ancestors = try await self.ancestors(of: grant.unitID, context: context)
            guard caller.rights.holds(.administrator, on: grant.unitID, unitAncestors: ancestors) else {
                throw RPCError(.permissionDenied, "the member holds a role outside your subtree; their administrator locks them")
            }
        }
        let address = clientAddress(context)
        let (policy, phones) = (issuer.policy, self.phones)
        return try await write { connection, now in
            guard var account = try AccountRecord.find(memberID: request.memberID, in: connection) else {
                throw RPCError(.notFound, "member_id: no account for this member")
            }
            account.state = request.locked ? .accountLocked : .accountActive
            try connection.execute("UPDATE accounts SET state = ?, updated_at_ms = ? WHERE member_id = ?",
                                   [Int64(account.state.rawValue), now, account.memberID])
            if request.locked {
                try SessionStore(connection: connection, nowMs: now, policy: policy).endAll(of: account.memberID)
            }
            try AuditLog(connection: connection, atMs: now, clientAddress: address)
                .record(request.locked ? .auditAccountLocked : .auditAccountUnlocked, actor: caller.memberID,
                        subject: account.memberID, unitID: account.unitID, detail: reason)
            let grants = try AccountRecord.grants(of: account.memberID, in: connection)
            return try account.contract(grants: grants, phones: phones)
        }
    }

    static let maxMembersPerIssue = 10_000

    /// Opens accounts for members of a unit from the registry, each with the phone the
    /// registry holds (the national rollout); members without a phone, with an account
    /// already, or whose phone is another account's are skipped.
    func issueAccounts(_ request: IssueAccountsRequest, context: CallContext) async throws -> IssueAccountsResponse {
        let caller = try await requireRole([.administrator], on: request.unitID, context: context, to: "issue accounts")
        var candidates: [(memberID: String, unitID: String, phone: Phone)] = []
        guard request.memberIDs.count <= Self.maxMembersPerIssue else {
            throw RPCError.invalidArgument(field: "member_ids", "at most \(Self.maxMembersPerIssue) members per call")
        }
        for (index, id) in request.memberIDs.enumerated() {
            _ = try RecordID.checked(id, prefix: "m", field: "member_ids[\(index)]")
        }
        let wanted = Set(request.memberIDs)
        var considered = 0
        for summary in try await directory.members(under: request.unitID, context: context)
        where wanted.isEmpty || wanted.contains(summary.id) {
            considered += 1
            let member = try await directory.member(summary.id, context: context)
            if let canonical = try? PhoneNumber.canonical(member.phone) {
                candidates.append((member.id, member.unitID, try phones.phone(canonical)))
            }
        }
        let (found, phones) = (candidates, self.phones)
        let address = clientAddress(context)
        let issued = try await write { connection, now -> Int in
            var issued = 0
            for candidate in found {
                guard try AccountRecord.find(memberID: candidate.memberID, in: connection) == nil,
                      try AccountRecord.find(phone: candidate.phone, in: connection) == nil else { continue }
                try AccountRecord.insert(AccountRecord(memberID: candidate.memberID, phone: candidate.phone,
                                                       unitID: candidate.unitID, state: .accountActive, origin: "issued",
                                                       createdAtMs: now, phones: phones), in: connection)
                issued += 1
            }
            try AuditLog(connection: connection, atMs: now, clientAddress: address)
                .record(.auditAccountsIssued, actor: caller.memberID, subject: "", unitID: request.unitID,
                        detail: "\(issued) accounts issued")
            return issued
        }
        var response = IssueAccountsResponse()
        response.issued = Int32(issued)
        // Every member asked about and not issued was skipped: no phone, an account
        // already, the phone another account's, or a named member outside the unit.
        response.skipped = Int32((wanted.isEmpty ? considered : wanted.count) - issued)
        return response
    }

    /// A short-lived token for a cell secretary to act for a member of their cell
    /// (a member without a smartphone); the token carries both identities.
    func actForMember(_ request: ActForMemberRequest, context: CallContext) async throws -> ProxyToken {
        let caller = try context.requireCaller()
        guard caller.proxyMemberID == nil else { throw RPCError(.permissionDenied, "a proxy token cannot start another") }
        let memberID = try RecordID.checked(request.memberID, prefix: "m", field: "member_id")
        let reason = try TextInput.freeText(request.reason, field: "reason")
        let subject = try await self.subject(memberID: memberID, context: context)
        // Only the secretary of the member's own cell may act for them.
        try CallerAccess(caller: caller).require([.cellSecretary],
                                                 on: PlacedUnit(id: subject.unitID, ancestorIDs: subject.ancestorIDs),
                                                 to: "act for this member")
        let address = clientAddress(context)
        try await write { connection, now in
            try AuditLog(connection: connection, atMs: now, clientAddress: address)
                .record(.auditProxyStarted, actor: caller.memberID, subject: subject.memberID, unitID: subject.unitID,
                        detail: reason)
        }
        // The proxy token carries none of the member's own grants (proxyToken leaves them out).
        return try issuer.proxyToken(for: subject, secretaryID: caller.memberID, nowMs: clock.nowMs)
    }
}
