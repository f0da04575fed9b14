import AuthContracts
import RPC
import RPCContracts
import TestSupport
import Testing

@Suite struct RegistrationTests {
    @Test func aMemberRegistersWithTheirCardAndTheCodeSentToTheirPhone() async throws {
        try await AuthHarness.with { harness in
            let lan = harness.people.lan
            let started = try await harness.startRegistration(lan)
            #expect(!started.movesExistingAccount)
            #expect(started.codeExpiresAtMS == harness.clock.now + 5 * 60 * 1000)
            let code = try await harness.lastCode(to: lan.phone)

            let pair = try await harness.confirmRegistration(started, code: code, from: lan.address)

            #expect(pair.memberID == lan.memberID)
            let claims = try harness.claims(pair.accessToken)
            #expect(claims.unitID == harness.tree.cellA)
            #expect(claims.ancestorUnitIDs == [harness.tree.province, harness.tree.commune])
            #expect(claims.grants == [grant(.member, harness.tree.cellA)])
            #expect(claims.sessionID == pair.sessionID)
            let account = try await harness.client.getAccount(GetAccountRequest(), options: harness.signedIn(pair))
            #expect(account.origin == "ekyc")
            #expect(account.state == .accountActive)
            #expect(account.phoneHint.hasSuffix("102") && !account.phoneHint.contains("0912"))
            let sessions = try await harness.client.listSessions(ListSessionsRequest(), options: harness.signedIn(pair))
            #expect(sessions.sessions.map(\.deviceName) == ["Samsung A12"])
            #expect(sessions.sessions.first?.current == true)
        }
    }

    @Test func neitherThePhoneNorTheCardNorTheCodeReachAuthsLog() async throws {
        try await AuthHarness.with { harness in
            let lan = harness.people.lan
            let pair = try await harness.register(lan)
            harness.waitOutResendCooldown()
            _ = try await harness.logIn(lan)
            _ = try await harness.refresh(pair.refreshToken)

            let log = harness.authLog().joined(separator: "\n")
            #expect(!log.isEmpty)
            for secret in ["912000102", lan.card, "YB1002", try await harness.lastCode(to: lan.phone), pair.refreshToken] {
                #expect(!log.contains(secret))
            }
        }
    }

    @Test func aCardThatDoesNotMatchTheRegistrySendsNoCode() async throws {
        try await AuthHarness.with { harness async throws in  // its only `try`s are inside #expect, which inference does not see
            var request = StartRegistrationRequest()
            request.cardNumber = harness.people.lan.card
            request.fullName = harness.people.lan.fullName
            request.birthDate = "1999-01-01"
            request.phone = harness.people.lan.phone
            request.face = AuthHarness.passingFace

            #expect(await statusCode {
                _ = try await harness.client.startRegistration(request, options: harness.from(harness.people.lan.address))
            } == .failedPrecondition)
            #expect(try await harness.messages(to: harness.people.lan.phone).isEmpty)
        }
    }

    @Test func registeringAgainOnANewPhoneMovesTheAccountAndWarnsTheOldPhone() async throws {
        try await AuthHarness.with { harness in
            let lan = harness.people.lan
            let before = try await harness.register(lan)
            let newPhone = "0987 654 321"

            let started = try await harness.startRegistration(lan, phone: newPhone)
            #expect(started.movesExistingAccount)
            let moved = try await harness.confirmRegistration(started, code: try await harness.lastCode(to: newPhone),
                                                              from: lan.address)

            #expect(moved.memberID == lan.memberID)
            #expect(try await harness.messages(to: lan.phone).last?.contains("chuyển sang số điện thoại khác") == true)
            #expect(await statusCode { _ = try await harness.refresh(before.refreshToken) } == .unauthenticated)
            let account = try await harness.client.getAccount(GetAccountRequest(), options: harness.signedIn(moved))
            #expect(account.phoneHint.hasSuffix("321"))
        }
    }

    @Test func aPhoneThatIsAnotherMembersAccountCannotBeRegisteredAgain() async throws {
        try await AuthHarness.with { harness in
            _ = try await harness.register(harness.people.lan)
            harness.waitOutResendCooldown()

            #expect(await statusCode {
                _ = try await harness.startRegistration(harness.people.tuan, phone: harness.people.lan.phone)
            } == .alreadyExists)
        }
    }
}
