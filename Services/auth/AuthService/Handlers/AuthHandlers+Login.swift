import AuthContracts
import RPC
import ServiceKit
import ServiceToolkit
import Store

extension AuthHandlers {
    /// Sends a login code when the phone has an active account. The answer, the
    /// caps and the cool-down are the same whether or not it has one, so the call
    /// cannot be used to find out which phones belong to members.
    func sendLoginCode(_ request: SendLoginCodeRequest, context: CallContext) async throws -> SendLoginCodeResponse {
        let phone = try phones.phone(try PhoneNumber.canonical(request.phone))
        let address = clientAddress(context)
        let (policy, hasher, outbox) = (codePolicy, self.hasher, self.outbox)
        return try await writeAndDeliver { connection, now in
            let codes = CodeStore(connection: connection, hasher: hasher, policy: policy, nowMs: now)
            try codes.checkSendAllowed(phone: phone, clientAddress: address)
            try codes.recordSend(phone: phone, clientAddress: address)
            if let account = try AccountRecord.find(phone: phone, in: connection), account.state == .accountActive {
                _ = try codes.issue(.login, phone: phone, outbox: outbox)
            }
            var response = SendLoginCodeResponse()
            response.codeExpiresAtMS = now + policy.validityMs
            response.resendAfterMS = now + policy.resendCooldownMs
            return response
        }
    }

    /// Checks the code before anything else, with the same statements, the same HMAC,
    /// the same audit row and the same answer whether or not the phone has an account
    /// (`CodeStore.check`), and no call to org until the code is right: a wrong code
    /// tells a stranger nothing about the phone, in its answer or in its time.
    /// Confirmations are capped per phone and per address like sends.
    func confirmLoginCode(_ request: ConfirmLoginCodeRequest, context: CallContext) async throws -> TokenPair {
        let phone = try phones.phone(try PhoneNumber.canonical(request.phone))
        let code = try TextInput.checked(request.code, field: "code", limit: AuthInputLimits.code)
        let address = clientAddress(context)
        let device = try TextInput.checked(request.deviceName, field: "device_name", limit: .label, required: false)
        let (policy, hasher, tokenPolicy) = (codePolicy, self.hasher, issuer.policy)
        let checked = try await write { connection, now -> (CodeStore.Check, memberID: String) in
            let codes = CodeStore(connection: connection, hasher: hasher, policy: policy, nowMs: now)
            try codes.admitConfirmation(phone: phone, clientAddress: address)
            let account = try AccountRecord.find(phone: phone, in: connection)
            // The right code stays unspent until org has answered below, so an org outage
            // fails the login without costing the member their code.
            let check = try codes.check(id: try codes.latest(.login, phone: phone), code: code, spend: false)
            if check != .accepted {
                let lockout = check == .wrong(triesLeft: 0)
                try AuditLog(connection: connection, atMs: now, clientAddress: address)
                    .record(lockout ? .auditLockout : .auditCodeFailed, actor: "", subject: account?.memberID ?? "",
                            unitID: account?.unitID ?? "", detail: "login code refused")
            }
            return (check, account?.memberID ?? "")
        }
        guard checked.0 == .accepted else { return try Confirmation.refused(checked.0).tokens(issuer) }
        // A right code whose phone no longer has an account (it moved meanwhile) is refused.
        guard !checked.memberID.isEmpty else { return try Confirmation.refused(.unusable).tokens(issuer) }
        // Only the phone's owner gets here: asking org now tells no one anything.
        let subject = try await self.subject(memberID: checked.memberID, context: context)
        let outcome = try await write { connection, now -> Confirmation in
            let codes = CodeStore(connection: connection, hasher: hasher, policy: policy, nowMs: now)
            guard var account = try AccountRecord.find(phone: phone, in: connection), account.state == .accountActive,
                  account.memberID == subject.memberID else { return .refused(.unusable) }
            let check = try codes.check(id: try codes.latest(.login, phone: phone), code: code)
            guard check == .accepted else { return .refused(check) }
            try AccountRecord.moveUnit(&account, to: subject.unitID, atMs: now, in: connection)
            let session = try SessionStore(connection: connection, nowMs: now, policy: tokenPolicy)
                .open(memberID: account.memberID, deviceName: device)
            try AuditLog(connection: connection, atMs: now, clientAddress: address)
                .record(.auditLogin, actor: account.memberID, subject: account.memberID, unitID: account.unitID,
                        detail: "device \(device)")
            return .accepted(session, subject, now)
        }
        return try outcome.tokens(issuer)
    }

    /// Rotates the refresh token. The member's unit and grants are read again, so a
    /// transfer or a new grant reaches the next access token.
    func refresh(_ request: RefreshRequest, context: CallContext) async throws -> TokenPair {
        guard (1...AuthInputLimits.maxRefreshTokenBytes).contains(request.refreshToken.utf8.count) else {
            throw RPCError.invalidArgument(field: "refresh_token",
                                           "is required and at most \(AuthInputLimits.maxRefreshTokenBytes) bytes")
        }
        let digest = try CodeHasher.refreshTokenDigest(request.refreshToken)
        let memberID = try await read { connection in
            try connection.queryOne(
                "SELECT s.member_id FROM refresh_tokens r JOIN sessions s ON s.id = r.session_id WHERE r.token_hash = ?",
                [digest])?.get(0, as: String.self)
        }
        guard let memberID else { throw RPCError(.unauthenticated, "the refresh token is not valid; log in again") }
        let subject = try await self.subject(memberID: memberID, context: context)
        let address = clientAddress(context)
        let tokenPolicy = issuer.policy
        let outcome = try await write { connection, now -> RefreshOutcome in
            guard var account = try AccountRecord.find(memberID: memberID, in: connection),
                  account.state == .accountActive else { return .invalid }
            switch try SessionStore(connection: connection, nowMs: now, policy: tokenPolicy).refresh(request.refreshToken) {
            case .rotated(let session, _):
                try AccountRecord.moveUnit(&account, to: subject.unitID, atMs: now, in: connection)
                return .rotated(session, now)
            case .reused(let sessionID, _):
                try AuditLog(connection: connection, atMs: now, clientAddress: address)
                    .record(.auditRefreshReused, actor: "", subject: memberID, unitID: account.unitID,
                            detail: "session \(sessionID) ended")
                return .reused
            case .invalid:
                return .invalid
            }
        }
        switch outcome {
        case .rotated(let session, let now):
            return try issuer.pair(for: subject, session: session, nowMs: now)
        case .reused:
            throw RPCError(.unauthenticated, "this refresh token was already used; the session has been ended for safety")
        case .invalid:
            throw RPCError(.unauthenticated, "the refresh token is not valid; log in again")
        }
    }
}

enum RefreshOutcome: Sendable {
    case rotated(SessionStore.Opened, Int64)
    case reused
    case invalid
}
