import AuthContracts
import Foundation
import RPC
import RPCContracts
import ServiceKit
import TestSupport
import Testing
import Wire
@testable import AuthService

/// Every way the issue expects someone to try to get in, each refused.
@Suite struct AbuseTests {
    // MARK: One-time codes

    @Test func guessingALoginCodeLocksTheCodeAfterFiveWrongTries() async throws {
        try await AuthHarness.with { harness in
            let lan = harness.people.lan
            _ = try await harness.register(lan)
            harness.waitOutResendCooldown()
            _ = try await harness.sendLoginCode(to: lan.phone, from: lan.address)

            await expectFiveWrongTriesSpendTheCode(try await harness.lastCode(to: lan.phone)) { code in
                _ = try await harness.confirmLogin(phone: lan.phone, code: code, from: lan.address)
            }

            let audit = try await harness.auditKinds()
            // Four wrong tries, then the right code refused on a spent code: every refused
            // login confirmation is audited alike (the same work with or without an account).
            #expect(audit.filter { $0 == .auditCodeFailed }.count == 5)
            #expect(audit.contains(.auditLockout))
            harness.waitOutResendCooldown()
            #expect(try await harness.logIn(lan).memberID == lan.memberID)
        }
    }

    @Test func guessingARegistrationCodeLocksItToo() async throws {
        try await AuthHarness.with { harness in
            let lan = harness.people.lan
            let started = try await harness.startRegistration(lan)

            await expectFiveWrongTriesSpendTheCode(try await harness.lastCode(to: lan.phone)) { code in
                _ = try await harness.confirmRegistration(started, code: code, from: lan.address)
            }
        }
    }

    /// Each wrong try is refused, and after the last one the right `code` is refused too.
    private func expectFiveWrongTriesSpendTheCode(_ code: String, confirm: (String) async throws -> Void) async {
        let wrong = code == "000000" ? "111111" : "000000"
        for _ in 0..<CodePolicy().maxFailedAttempts {
            #expect(await statusCode { try await confirm(wrong) } == .unauthenticated)
        }
        #expect(await statusCode { try await confirm(code) } == .unauthenticated)
    }

    @Test func aUsedCodeDoesNotWorkASecondTime() async throws {
        try await AuthHarness.with { harness in
            let lan = harness.people.lan
            let started = try await harness.startRegistration(lan)
            let registrationCode = try await harness.lastCode(to: lan.phone)
            _ = try await harness.confirmRegistration(started, code: registrationCode, from: lan.address)
            #expect(await statusCode {
                _ = try await harness.confirmRegistration(started, code: registrationCode, from: lan.address)
            } == .notFound)

            harness.waitOutResendCooldown()
            _ = try await harness.logIn(lan)
            let loginCode = try await harness.lastCode(to: lan.phone)

            #expect(await statusCode { _ = try await harness.confirmLogin(phone: lan.phone, code: loginCode, from: lan.address) }
                == .unauthenticated)
        }
    }

    @Test func aCodeExpiresAfterFiveMinutes() async throws {
        try await AuthHarness.with { harness in
            let lan = harness.people.lan
            let started = try await harness.startRegistration(lan)
            harness.clock.advance(byMs: CodePolicy().validityMs)

            #expect(await statusCode {
                _ = try await harness.confirmRegistration(started, code: try await harness.lastCode(to: lan.phone), from: lan.address)
            } == .unauthenticated)

            let late = try await harness.startRegistration(lan)
            _ = try await harness.confirmRegistration(late, code: try await harness.lastCode(to: lan.phone), from: lan.address)
            harness.waitOutResendCooldown()
            _ = try await harness.sendLoginCode(to: lan.phone, from: lan.address)
            harness.clock.advance(byMs: CodePolicy().validityMs)
            #expect(await statusCode {
                _ = try await harness.confirmLogin(phone: lan.phone, code: try await harness.lastCode(to: lan.phone), from: lan.address)
            } == .unauthenticated)
        }
    }

    // MARK: Flooding

    @Test func aPhoneGetsOneCodeAMinuteAndFiveAnHour() async throws {
        try await AuthHarness.with { harness in
            let lan = harness.people.lan
            _ = try await harness.sendLoginCode(to: lan.phone, from: lan.address)
            #expect(await statusCode { _ = try await harness.sendLoginCode(to: lan.phone, from: "203.0.113.9") }
                == .resourceExhausted)
            for _ in 1..<CodePolicy().maxSendsPerPhonePerHour {
                harness.waitOutResendCooldown()
                _ = try await harness.sendLoginCode(to: lan.phone, from: lan.address)
            }
            harness.waitOutResendCooldown()

            #expect(await statusCode { _ = try await harness.sendLoginCode(to: lan.phone, from: lan.address) }
                == .resourceExhausted)
            #expect(await statusCode { _ = try await harness.startRegistration(lan) } == .resourceExhausted)

            harness.clock.advance(byMs: CodePolicy.hourMs)
            _ = try await harness.sendLoginCode(to: lan.phone, from: lan.address)
        }
    }

    @Test func oneAddressGetsThirtyCodesAnHourWhateverThePhones() async throws {
        try await AuthHarness.with { harness in
            let flooder = "203.0.113.66"
            for index in 0..<CodePolicy().maxSendsPerAddressPerHour {
                _ = try await harness.sendLoginCode(to: "0913 000 \(100 + index)", from: flooder)
            }

            #expect(await statusCode { _ = try await harness.sendLoginCode(to: "0913 000 999", from: flooder) }
                == .resourceExhausted)
            _ = try await harness.sendLoginCode(to: "0913 000 999", from: "203.0.113.67")
        }
    }

    @Test func anAddressNamedByACallerThatIsNotTheGatewayIsIgnored() async throws {
        try await AuthHarness.with(trustingGateway: false) { harness in
            for index in 0..<CodePolicy().maxSendsPerAddressPerHour {
                _ = try await harness.sendLoginCode(to: "0913 000 \(100 + index)", from: "203.0.113.\(index)")
            }

            #expect(await statusCode { _ = try await harness.sendLoginCode(to: "0913 000 999", from: "203.0.113.200") }
                == .resourceExhausted)
        }
    }

    // MARK: Tokens

    @Test func replayingARotatedRefreshTokenEndsTheSession() async throws {
        try await AuthHarness.with { harness in
            let first = try await harness.register(harness.people.lan)
            let second = try await harness.refresh(first.refreshToken)

            #expect(await statusCode { _ = try await harness.refresh(first.refreshToken, from: "203.0.113.5") }
                == .unauthenticated)

            #expect(await statusCode { _ = try await harness.refresh(second.refreshToken) } == .unauthenticated)
            #expect(await statusCode {
                _ = try await harness.client.listSessions(ListSessionsRequest(), options: harness.signedIn(second))
            } == .unauthenticated)
            #expect(try await harness.auditKinds().contains(.auditRefreshReused))
        }
    }

    @Test func aTamperedForgedOrExpiredAccessTokenIsRefused() async throws {
        try await AuthHarness.with { harness in
            let pair = try await harness.register(harness.people.lan)
            var claims = try harness.claims(pair.accessToken)
            claims.grants.append(grant(.administrator, harness.tree.province))
            let parts = pair.accessToken.split(separator: ".")
            let tampered = [parts[0], parts[1], Substring(Base64URL.encode(claims.wireEncoded())), parts[3]]
                .joined(separator: ".")
            let forged = try AccessTokenCodec(keyRing: TokenKeyRing(fileContents: try TokenKeyRing.newKeyLine(id: "k1")))
                .sign(claims)
            var stats = GetRegistrationStatsRequest()
            stats.unitID = harness.tree.province

            for token in [tampered, forged] {
                #expect(await statusCode {
                    _ = try await harness.client.getRegistrationStats(stats, options: harness.from("203.0.113.5", bearer: token))
                } == .unauthenticated)
            }
            harness.clock.advance(byMs: TokenPolicy().accessLifetimeMs + AccessTokenCodec.allowedClockSkewMs)
            #expect(await statusCode {
                _ = try await harness.client.getAccount(GetAccountRequest(), options: harness.signedIn(pair))
            } == .unauthenticated)
        }
    }

    // MARK: Rights

    @Test func noGrantOutsideTheGrantersSubtree() async throws {
        try await AuthHarness.with { harness in
            let dung = try await harness.register(harness.people.dung, holding: .administrator, on: harness.tree.commune)
            _ = try await harness.register(harness.people.hoa)
            var request = GrantRoleRequest()
            request.memberID = harness.people.hoa.memberID
            request.role = .editor
            request.unitID = harness.tree.school

            #expect(await statusCode { _ = try await harness.client.grantRole(request, options: harness.signedIn(dung)) }
                == .permissionDenied)
            request.unitID = harness.tree.province
            #expect(await statusCode { _ = try await harness.client.grantRole(request, options: harness.signedIn(dung)) }
                == .permissionDenied)
        }
    }

    @Test func noOneRaisesTheirOwnRightsOrHandsOutTheSuitesRoles() async throws {
        try await AuthHarness.with { harness in
            let people = harness.people
            let dung = try await harness.register(people.dung, holding: .administrator, on: harness.tree.commune)
            let hung = try await harness.register(people.hung, holding: .cellSecretary, on: harness.tree.cellA)
            let lan = try await harness.register(people.lan)

            func grantStatus(_ role: Role, on unitID: String, to person: AuthHarness.Person, by caller: TokenPair) async
                -> StatusCode
            {
                var request = GrantRoleRequest()
                request.memberID = person.memberID
                request.role = role
                request.unitID = unitID
                return await statusCode { _ = try await harness.client.grantRole(request, options: harness.signedIn(caller)) }
            }
            #expect(await grantStatus(.editor, on: harness.tree.cellA, to: people.lan, by: lan) == .permissionDenied)
            #expect(await grantStatus(.administrator, on: harness.tree.cellA, to: people.hung, by: hung) == .permissionDenied)
            #expect(await grantStatus(.administrator, on: harness.tree.province, to: people.dung, by: dung)
                == .permissionDenied)
            #expect(await grantStatus(.operator, on: harness.tree.commune, to: people.lan, by: dung) == .invalidArgument)
            #expect(await grantStatus(.service, on: harness.tree.commune, to: people.lan, by: dung) == .invalidArgument)
            #expect(try harness.claims(try await harness.refresh(lan.refreshToken).accessToken).grants
                == [grant(.member, harness.tree.cellA)])
        }
    }

    // MARK: Someone else's card

    @Test func someoneElsesCardDoesNotMoveTheirAccountWithoutTheirFace() async throws {
        try await AuthHarness.with { harness in
            let lan = harness.people.lan
            let owner = try await harness.register(lan)
            var noMatch = FaceAttestation()
            noMatch.score = 0.31
            noMatch.livenessPassed = true

            #expect(await statusCode { _ = try await harness.startRegistration(lan, phone: "0987 000 111", face: noMatch) }
                == .permissionDenied)
            #expect(try await harness.messages(to: "0987 000 111").isEmpty)
            #expect(try await harness.refresh(owner.refreshToken).memberID == lan.memberID)
        }
    }

    @Test func someoneElsesCardOpensNoAccountWhenTheFaceDoesNotMatchIt() async throws {
        try await AuthHarness.with { harness async throws in  // its only `try`s are inside #expect, which inference does not see
            var spoofed = FaceAttestation()
            spoofed.score = 0.95
            spoofed.livenessPassed = false

            #expect(await statusCode {
                _ = try await harness.startRegistration(harness.people.tuan, phone: "0987 000 222", face: spoofed)
            } == .permissionDenied)
            #expect(try await harness.messages(to: "0987 000 222").isEmpty)
        }
    }

    // MARK: Enumerating phones

    @Test func phonesWithAndWithoutAnAccountAnswerAlike() async throws {
        try await AuthHarness.with { harness in
            _ = try await harness.register(harness.people.lan)
            harness.waitOutResendCooldown()
            let member = harness.people.lan.phone
            let stranger = "0913 777 888"

            let answers = [
                try await harness.sendLoginCode(to: member, from: "203.0.113.1"),
                try await harness.sendLoginCode(to: stranger, from: "203.0.113.2"),
            ]
            #expect(answers[0] == answers[1])
            var refusals: [String] = []
            for phone in [member, stranger] {
                do {
                    _ = try await harness.confirmLogin(phone: phone, code: "999999", from: "203.0.113.3")
                } catch let error as RPCError {
                    refusals.append("\(error.code) \(error.message)")
                }
            }
            #expect(refusals.count == 2)
            #expect(refusals.first == refusals.last)
            for phone in [member, stranger] {
                #expect(await statusCode { _ = try await harness.sendLoginCode(to: phone, from: "203.0.113.4") }
                    == .resourceExhausted)
            }
        }
    }
}

extension AuthHarness {
    /// The kinds of every event in auth's audit log, oldest first.
    func auditKinds() async throws -> [AuditKind] {
        try await auth.environment.database.read { connection in
            try connection.query("SELECT kind FROM audit_events ORDER BY sequence")
                .map { AuditKind(rawValue: Int32(try $0.get(0) as Int64)) }
        }
    }
}
