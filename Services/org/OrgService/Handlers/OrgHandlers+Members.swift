import OrgContracts
import RPC
import ServiceKit
import ServiceToolkit
import Store

extension OrgHandlers {
    func createMember(_ request: CreateMemberRequest, context: CallContext) async throws -> Member {
        let access = try Access(context)
        var checked = try MemberFields.checked(request.member ?? Member(), fields: MemberField.staffEditable,
                                               today: ISODate.today(nowMs: clock.nowMs))
        guard [MemberStatus.probationary, .official, .exempt].contains(checked.status) else {
            throw RPCError.invalidArgument(field: "member.status", "a new member is probationary, official or exempt")
        }
        checked.personalNotes = ""
        let input = checked
        let reason = try UnitRules.checkedReason(request.reason)
        let vault = self.vault
        return try await write { connection, now in
            // Remembered by id: the member holds personal data, which stays in the vault.
            let call = try IdempotentCall.keyed(scope: access.idempotencyScope, key: request.idempotencyKey,
                                                method: "CreateMember", request: request, nowMs: now)
            if let first = try call?.recorded(in: connection) {
                return try MemberRecord.require(String(decoding: first, as: UTF8.self), vault: vault, in: connection).member
            }
            let unit = try UnitRecord.require(input.unitID, field: "member.unit_id", in: connection)
            try access.require(Access.memberEditors, on: unit, to: "add members to it")
            let record = try MemberEditor(connection: connection, vault: vault, actorID: access.caller.memberID, nowMs: now)
                .create(input, reason: reason)
            try call?.remember(Array(record.id.utf8), in: connection)
            return record.member
        }
    }

    /// Rights before existence: to a member or staff without rights over the record, a
    /// member id that exists and one that does not get the same answer, which names
    /// no unit, so the call cannot be used to find out who is a member where. The
    /// suite's services (auth) are told NOT_FOUND.
    func getMember(_ request: GetMemberRequest, context: CallContext) async throws -> Member {
        let access = try Access(context)
        guard !request.memberID.isEmpty else { throw RPCError.invalidArgument(field: "member_id", "is required") }
        let vault = self.vault
        return try await read { connection in
            let record = try MemberRecord.find(request.memberID, vault: vault, in: connection)
            if access.isService || record?.id == access.caller.memberID {
                guard let record else { throw RPCError(.notFound, "member_id: no such member") }
                return try Self.visible(record.member, to: access, in: connection)
            }
            guard let record, let unit = try UnitRecord.find(record.member.unitID, in: connection),
                  access.holds(Access.memberReaders, on: unit) else { throw Self.unreadableMember }
            return try Self.visible(record.member, to: access, in: connection)
        }
    }

    static let unreadableMember = RPCError(.permissionDenied, "member_id: not a member whose record you may read")

    func updateMember(_ request: UpdateMemberRequest, context: CallContext) async throws -> Member {
        let access = try Access(context)
        let fields = Set(request.fields)
        guard !fields.isEmpty else { throw RPCError.invalidArgument(field: "fields", "name at least one field to change") }
        let input = try MemberFields.checked(request.member ?? Member(), fields: fields,
                                             today: ISODate.today(nowMs: clock.nowMs))
        let reason = try UnitRules.checkedReason(request.reason)
        let vault = self.vault
        return try await write { connection, now in
            let record = try MemberRecord.require(request.memberID, vault: vault, in: connection)
            let isSelf = record.id == access.caller.memberID
            if !(isSelf && fields.isSubset(of: MemberField.selfEditable)) {
                let unit = try UnitRecord.require(record.member.unitID, field: "member_id", in: connection)
                try access.require(Access.memberEditors, on: unit, to: "edit its members' records")
                if !fields.isDisjoint(with: MemberField.memberOnly) && !isSelf {
                    throw RPCError(.permissionDenied, "personal notes are the member's own")
                }
            }
            guard request.expectedVersion == 0 || request.expectedVersion == record.member.version else {
                throw RPCError(.aborted, "the member's record changed since version \(request.expectedVersion); reload it")
            }
            let updated = try MemberEditor(connection: connection, vault: vault, actorID: access.caller.memberID, nowMs: now)
                .update(record, from: input, fields: fields, markEdited: true, reason: reason)
            return try Self.visible(updated.member, to: access, in: connection)
        }
    }

    func transferMember(_ request: TransferMemberRequest, context: CallContext) async throws -> Member {
        let access = try Access(context)
        let reason = try UnitRules.checkedReason(request.reason)
        let vault = self.vault
        return try await write { connection, now in
            let call = try IdempotentCall.keyed(scope: access.idempotencyScope, key: request.idempotencyKey,
                                                method: "TransferMember", request: request, nowMs: now)
            if let first = try call?.recorded(in: connection) {
                let id = String(decoding: first, as: UTF8.self)
                return try Self.visible(try MemberRecord.require(id, vault: vault, in: connection).member,
                                        to: access, in: connection)
            }
            var record = try MemberRecord.require(request.memberID, vault: vault, in: connection)
            guard request.expectedVersion == 0 || request.expectedVersion == record.member.version else {
                throw RPCError(.aborted, "the member's record changed since version \(request.expectedVersion); reload it")
            }
            let from = try UnitRecord.require(record.member.unitID, field: "member_id", in: connection)
            let to = try UnitRecord.requireActive(request.toUnitID, field: "to_unit_id", in: connection)
            try access.require(Access.memberEditors, on: from, to: "transfer its members")
            try access.require(Access.memberEditors, on: to, to: "receive members")
            if from.id != to.id {
                try MemberMover(connection: connection, actorID: access.caller.memberID, nowMs: now)
                    .move(&record.member, from: from, to: to, kind: .memberTransferred, reason: reason)
            }
            try call?.remember(Array(record.id.utf8), in: connection)
            return try Self.visible(record.member, to: access, in: connection)
        }
    }

    func searchMembers(_ request: SearchMembersRequest, context: CallContext) async throws -> MemberSummaryList {
        let access = try Access(context)
        if let bad = request.statuses.first(where: { if case .unrecognized = $0 { true } else { $0 == .unspecified } }) {
            throw RPCError.invalidArgument(field: "statuses", "\(bad.rawValue) is not a member status")
        }
        let query = try TextInput.searchQuery(request.query)
        let paging = try Paging(pageSize: request.pageSize, pageToken: request.pageToken, lists: MemberQueries.searchLists,
                                filters: [query, request.withinUnitID] + request.statuses.map { "\($0.rawValue)" })
        let vault = self.vault
        return try await read { connection in
            let unit = try UnitRecord.require(request.withinUnitID, field: "within_unit_id", in: connection)
            try access.require(Access.memberReaders, on: unit, to: "list its members")
            return try MemberQueries(connection: connection, vault: vault)
                .search(query, within: unit.id, statuses: request.statuses, paging: paging)
        }
    }

    func getMemberHistory(_ request: GetMemberHistoryRequest, context: CallContext) async throws -> MemberChangeList {
        let access = try Access(context)
        let paging = try Paging(pageSize: request.pageSize, pageToken: request.pageToken, list: "member-history",
                                filters: [request.memberID])
        let vault = self.vault
        return try await read { connection in
            let queries = MemberQueries(connection: connection, vault: vault)
            let record = try queries.member(request.memberID)
            if record.id != access.caller.memberID {
                let unit = try UnitRecord.require(record.member.unitID, field: "member_id", in: connection)
                try access.require(Access.memberReaders, on: unit, to: "read its members' history")
            }
            return try queries.history(of: record.id, paging: paging)
        }
    }

    func checkCard(_ request: CheckCardRequest, context: CallContext) async throws -> CheckCardResponse {
        let access = try Access(context)
        try access.requireService(to: "check party cards")
        let card = try PersonalNumbers.checked(request.cardNumber, field: "card_number", required: true)
        let fullName = try TextInput.name(request.fullName, field: "full_name")
        let birthDate = try ISODate.checked(request.birthDate, field: "birth_date", required: true)
        let vault = self.vault
        return try await read { connection in
            try MemberQueries(connection: connection, vault: vault)
                .checkCard(cardNumber: card, fullName: fullName, birthDate: birthDate)
        }
    }

    /// What the caller may see of a member: all of it for the member; everything but
    /// the personal notes for staff with a grant on the unit; without card number and
    /// citizen id as well for a cell secretary or a service. Anyone else: NOT_FOUND-like
    /// PERMISSION_DENIED.
    static func visible(_ member: Member, to access: Access, in connection: Connection) throws -> Member {
        if member.id == access.caller.memberID { return member }
        var shown = member
        shown.personalNotes = ""
        if access.isService {
            shown.cardNumber = ""
            shown.citizenID = ""
            return shown
        }
        let unit = try UnitRecord.require(member.unitID, field: "member_id", in: connection)
        try access.require(Access.memberReaders, on: unit, to: "read its members' records")
        if !access.holds(Access.personalDataReaders, on: unit) {
            shown.cardNumber = ""
            shown.citizenID = ""
        }
        return shown
    }
}
