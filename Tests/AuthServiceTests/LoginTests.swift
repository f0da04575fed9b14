import AuthContracts
import OrgContracts
import RPC
import RPCContracts
import ServiceKit
import TestSupport
import Testing
@testable import AuthService

@Suite struct LoginTests {
    @Test func aRegisteredMemberLogsInWithACodeSentToTheirPhone() async throws {
        try await AuthHarness.with { harness in
            let lan = harness.people.lan
            let registered = try await harness.register(lan)
            harness.waitOutResendCooldown()

            let sent = try await harness.sendLoginCode(to: "+84 912.000.102", from: lan.address)
            #expect(sent.resendAfterMS == harness.clock.now + CodePolicy().resendCooldownMs)
            let pair = try await harness.confirmLogin(phone: lan.phone, code: try await harness.lastCode(to: lan.phone),
                                                      from: lan.address)

            #expect(pair.memberID == lan.memberID)
            #expect(pair.sessionID != registered.sessionID)
            #expect(try harness.claims(pair.accessToken).ancestorUnitIDs == [harness.tree.province, harness.tree.commune])
            let sessions = try await harness.client.listSessions(ListSessionsRequest(), options: harness.signedIn(pair))
            #expect(sessions.sessions.count == 2)
        }
    }

    @Test func anAccountIssuedByAnAdministratorLogsInWithoutRegistering() async throws {
        try await AuthHarness.with { harness in
            let people = harness.people
            let binh = try await harness.register(people.binh, holding: .administrator, on: harness.tree.province)
            var request = IssueAccountsRequest()
            request.unitID = harness.tree.cellA

            let issued = try await harness.client.issueAccounts(request, options: harness.signedIn(binh))

            // Lan and Hùng get accounts; Bình has one already and Mai has no phone.
            #expect(issued.issued == 2)
            #expect(issued.skipped == 2)
            let lan = try await harness.logIn(people.lan)
            let account = try await harness.client.getAccount(GetAccountRequest(), options: harness.signedIn(lan))
            #expect(account.origin == "issued")
            #expect(await statusCode { _ = try await harness.client.issueAccounts(request, options: harness.signedIn(lan)) }
                == .permissionDenied)
        }
    }

    @Test func anExpiredAccessTokenIsRefusedAndTheRefreshTokenGetsANewOne() async throws {
        try await AuthHarness.with { harness in
            let pair = try await harness.register(harness.people.lan)
            harness.clock.advance(byMs: TokenPolicy().accessLifetimeMs + AccessTokenCodec.allowedClockSkewMs)

            #expect(await statusCode {
                _ = try await harness.client.getAccount(GetAccountRequest(), options: harness.signedIn(pair))
            } == .unauthenticated)
            let renewed = try await harness.refresh(pair.refreshToken)

            #expect(renewed.sessionID == pair.sessionID)
            #expect(renewed.refreshToken != pair.refreshToken)
            #expect(try await harness.client.getAccount(GetAccountRequest(), options: harness.signedIn(renewed)).memberID
                == harness.people.lan.memberID)
        }
    }

    @Test func aTransferInOrgReachesTheNextTokenAtRefresh() async throws {
        try await AuthHarness.with { harness in
            let lan = harness.people.lan
            let pair = try await harness.register(lan)
            var transfer = TransferMemberRequest()
            transfer.memberID = lan.memberID
            transfer.toUnitID = harness.tree.cellB
            transfer.reason = "chuyển sinh hoạt"
            _ = try await harness.orgClient.transferMember(
                transfer, options: try harness.minted(harness.people.binh, [grant(.administrator, harness.tree.province)]))

            let renewed = try await harness.refresh(pair.refreshToken)

            #expect(try harness.claims(renewed.accessToken).unitID == harness.tree.cellB)
        }
    }
}
