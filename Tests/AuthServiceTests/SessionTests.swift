import AuthContracts
import OrgContracts
import RPC
import RPCContracts
import TestSupport
import Testing

@Suite struct SessionTests {
    @Test func aMemberSeesTheirSessionsAndEndsOneTheyDoNotRecognise() async throws {
        try await AuthHarness.with { harness in
            let lan = harness.people.lan
            let phone = try await harness.register(lan)
            harness.waitOutResendCooldown()
            let tablet = try await harness.logIn(lan, device: "iPad cũ")

            let seen = try await harness.client.listSessions(ListSessionsRequest(), options: harness.signedIn(phone))
            #expect(Set(seen.sessions.map(\.deviceName)) == ["Samsung A12", "iPad cũ"])
            #expect(seen.sessions.filter(\.current).map(\.id) == [phone.sessionID])
            var revoke = RevokeSessionRequest()
            revoke.sessionID = tablet.sessionID
            _ = try await harness.client.revokeSession(revoke, options: harness.signedIn(phone))

            #expect(try await harness.client.listSessions(ListSessionsRequest(), options: harness.signedIn(phone))
                .sessions.map(\.id) == [phone.sessionID])
            #expect(await statusCode { _ = try await harness.refresh(tablet.refreshToken) } == .unauthenticated)
            #expect(await statusCode {
                _ = try await harness.client.listSessions(ListSessionsRequest(), options: harness.signedIn(tablet))
            } == .unauthenticated)
        }
    }

    @Test func logoutEndsOnlyTheSessionItIsCalledWith() async throws {
        try await AuthHarness.with { harness in
            let lan = harness.people.lan
            let phone = try await harness.register(lan)
            harness.waitOutResendCooldown()
            let tablet = try await harness.logIn(lan)

            _ = try await harness.client.logout(LogoutRequest(), options: harness.signedIn(tablet))

            #expect(await statusCode { _ = try await harness.refresh(tablet.refreshToken) } == .unauthenticated)
            #expect(try await harness.refresh(phone.refreshToken).sessionID == phone.sessionID)
        }
    }

    @Test func aMemberCannotEndSomeoneElsesSession() async throws {
        try await AuthHarness.with { harness in
            let lan = try await harness.register(harness.people.lan)
            let tuan = try await harness.register(harness.people.tuan)
            var revoke = RevokeSessionRequest()
            revoke.sessionID = lan.sessionID

            #expect(await statusCode { _ = try await harness.client.revokeSession(revoke, options: harness.signedIn(tuan)) }
                == .notFound)
            #expect(try await harness.refresh(lan.refreshToken).sessionID == lan.sessionID)
        }
    }

    @Test func aNewKeySignsAtOnceAndTheOldKeyVerifiesUntilItIsRetired() async throws {
        try await AuthHarness.with { before in
            let lan = before.people.lan
            let oldPair = try await before.register(lan)
            #expect(oldPair.accessToken.hasPrefix("v1.k1."))

            let rotated = try await before.restarted(withKeys: ["k2", "k1"])
            var ownRecord = GetMemberRequest()
            ownRecord.memberID = lan.memberID
            #expect(try await rotated.orgClient.getMember(ownRecord, options: rotated.signedIn(oldPair)).id == lan.memberID)
            let newPair = try await rotated.refresh(oldPair.refreshToken)
            #expect(newPair.accessToken.hasPrefix("v1.k2."))

            let retired = try await rotated.restarted(withKeys: ["k2"])
            #expect(await statusCode {
                _ = try await retired.client.getAccount(GetAccountRequest(), options: retired.signedIn(oldPair))
            } == .unauthenticated)
            #expect(try await retired.client.getAccount(GetAccountRequest(), options: retired.signedIn(newPair)).memberID
                == lan.memberID)
        }
    }
}
