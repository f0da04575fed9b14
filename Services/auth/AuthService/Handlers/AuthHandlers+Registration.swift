import AuthContracts
import RPC
import ServiceKit
import ServiceToolkit
import Store

extension AuthHandlers {
    /// Checks the card with org, then sends a code to the phone. Every attempt counts
    /// against the per-phone and per-address caps, matched or not, so the door cannot
    /// be used to try cards.
    func startRegistration(_ request: StartRegistrationRequest, context: CallContext) async throws
        -> StartRegistrationResponse
    {
        let card = try CardDetails(number: request.cardNumber, fullName: request.fullName, birthDate: request.birthDate)
        let phone = try phones.phone(try PhoneNumber.canonical(request.phone))
        let face = request.face ?? FaceAttestation()
        guard (0...1).contains(face.score) else { throw RPCError.invalidArgument(field: "face.score", "must be between 0 and 1") }
        // The card's details are often known to others (printed, photocopied); the
        // device's face match is what ties the card to the person holding the phone.
        guard FacePolicy.passes(score: face.score, liveness: face.livenessPassed) else {
            throw RPCError(.permissionDenied,
                           "the face does not match the card's owner; try again in good light, or ask the cell secretary for help")
        }
        let device = try TextInput.checked(request.deviceName, field: "device_name", limit: .label, required: false)
        let address = clientAddress(context)
        let policy = codePolicy
        let hasher = self.hasher
        try await write { connection, now in
            let codes = CodeStore(connection: connection, hasher: hasher, policy: policy, nowMs: now)
            try codes.checkSendAllowed(phone: phone, clientAddress: address)
            try codes.recordSend(phone: phone, clientAddress: address)
        }
        let match = try await directory.checkCard(number: card.number, fullName: card.fullName,
                                                  birthDate: card.birthDate, context: context)
        guard match.matched else {
            throw RPCError(.failedPrecondition, "the card number, name and birth date do not match an active party member")
        }
        let (outbox, phones) = (self.outbox, self.phones)
        return try await writeAndDeliver { connection, now in
            let existing = try AccountRecord.find(memberID: match.memberID, in: connection)
            let moves = existing.map { $0.phoneKey != phone.key } ?? false
            if let holder = try AccountRecord.find(phone: phone, in: connection), holder.memberID != match.memberID {
                throw RPCError(.alreadyExists, "phone: the phone already belongs to another member's account")
            }
            let codes = CodeStore(connection: connection, hasher: hasher, policy: policy, nowMs: now)
            let code = try codes.issue(.registration, phone: phone, outbox: outbox)
            let id = RecordID.make("r", nowMs: now)
            try connection.execute(
                """
                INSERT INTO registrations (id, member_id, unit_id, phone, phone_sealed, code_id, face_score, face_liveness,
                                           device_name, moves_account, created_at_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [id, match.memberID, match.unitID, phone.key, try phones.seal(phone, row: id), code.id, face.score,
                 face.livenessPassed, device, moves, now])
            var response = StartRegistrationResponse()
            response.registrationID = id
            response.codeExpiresAtMS = code.expiresAtMs
            response.movesExistingAccount = moves
            return response
        }
    }

    func confirmRegistration(_ request: ConfirmRegistrationRequest, context: CallContext) async throws -> TokenPair {
        let registrationID = try RecordID.checked(request.registrationID, prefix: "r", field: "registration_id")
        let code = try TextInput.checked(request.code, field: "code", limit: AuthInputLimits.code)
        let pending = try await read { connection in
            try connection.queryOne("SELECT member_id, unit_id FROM registrations WHERE id = ? AND confirmed_at_ms IS NULL",
                                    [registrationID])
                .map { (memberID: try $0.get(0) as String, unitID: try $0.get(1) as String) }
        }
        guard let pending else { throw RPCError(.notFound, "registration_id: no registration waiting for a code") }
        let ancestors = try await ancestors(of: pending.unitID, context: context)
        let address = clientAddress(context)
        let (policy, hasher, tokenPolicy) = (codePolicy, self.hasher, issuer.policy)
        let (outbox, phones) = (self.outbox, self.phones)
        let outcome = try await writeAndDeliver { connection, now -> Confirmation in
            guard let row = try connection.queryOne(
                """
                SELECT member_id, unit_id, phone_sealed, code_id, device_name, moves_account, face_score, face_liveness
                FROM registrations WHERE id = ? AND confirmed_at_ms IS NULL
                """, [registrationID]) else { return .refused(.unusable) }
            let memberID: String = try row.get(0)
            let unitID: String = try row.get(1)
            let phone = try phones.open(try row.get(2), row: registrationID)
            let audit = AuditLog(connection: connection, atMs: now, clientAddress: address)
            let codes = CodeStore(connection: connection, hasher: hasher, policy: policy, nowMs: now)
            try codes.admitConfirmation(phone: phone, clientAddress: address)
            let check = try codes.check(id: try row.get(3), code: code)
            guard check == .accepted else {
                if case .wrong(let left) = check {
                    try audit.record(left == 0 ? .auditLockout : .auditCodeFailed, actor: "", subject: memberID,
                                     unitID: unitID, detail: "registration code, \(left) tries left")
                }
                return .refused(check)
            }
            if var account = try AccountRecord.find(memberID: memberID, in: connection) {
                if account.phoneKey != phone.key {
                    let oldPhone = try account.phone(phones)
                    try AccountRecord.changePhone(of: memberID, to: phone, atMs: now, phones: phones, in: connection)
                    try SessionStore(connection: connection, nowMs: now, policy: tokenPolicy).endAll(of: memberID)
                    try outbox.enqueue(.sms, to: oldPhone.number,
                                       body: "Sổ tay: tài khoản của bạn vừa được chuyển sang số điện thoại khác. Nếu không phải bạn, hãy báo ngay cho chi bộ.",
                                       nowMs: now, in: connection)
                    try audit.record(.auditPhoneChanged, actor: memberID, subject: memberID, unitID: unitID,
                                     detail: "phone \(PhoneNumber.hint(oldPhone.number)) → \(PhoneNumber.hint(phone.number)); face \(try row.get(6) as Double)")
                }
                try AccountRecord.moveUnit(&account, to: unitID, atMs: now, in: connection)
            } else {
                try AccountRecord.insert(AccountRecord(memberID: memberID, phone: phone, unitID: unitID, state: .accountActive,
                                                       origin: "ekyc", createdAtMs: now, phones: phones), in: connection)
                try audit.record(.auditRegistered, actor: memberID, subject: memberID, unitID: unitID,
                                 detail: "eKYC, face \(try row.get(6) as Double), liveness \(try row.get(7) as Bool)")
            }
            try connection.execute("UPDATE registrations SET confirmed_at_ms = ? WHERE id = ?", [now, registrationID])
            let session = try SessionStore(connection: connection, nowMs: now, policy: tokenPolicy)
                .open(memberID: memberID, deviceName: try row.get(4))
            let grants = try AccountRecord.grants(of: memberID, in: connection)
            return .accepted(session, TokenIssuer.Subject(memberID: memberID, unitID: unitID, ancestorIDs: ancestors,
                                                          grants: grants), now)
        }
        return try outcome.tokens(issuer)
    }
}

/// How a code confirmation ended: a session to sign tokens for, or a refusal that is
/// answered only after the tries were counted.
enum Confirmation: Sendable {
    case accepted(SessionStore.Opened, TokenIssuer.Subject, Int64)
    case refused(CodeStore.Check)

    /// Every refusal answers alike, login or registration, wrong or spent: how many
    /// tries are left would tell a stranger which phones have a code to try.
    func tokens(_ issuer: TokenIssuer) throws -> TokenPair {
        switch self {
        case .accepted(let session, let subject, let now):
            return try issuer.pair(for: subject, session: session, nowMs: now)
        case .refused:
            throw RPCError(.unauthenticated, "the code is wrong, used or expired; ask for a new one")
        }
    }
}
