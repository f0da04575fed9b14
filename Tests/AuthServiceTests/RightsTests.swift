import AuthContracts
import OrgContracts
import RPC
import RPCContracts
import TestSupport
import ServiceTestSupport
import Testing

/// Grants, locks and acting for a member, driven by a province administrator whose
/// grant was written at bootstrap and who logs in like everyone else.
@Suite struct RightsTests {
    struct Province: ScopedHarness {
        let harness: AuthHarness
        let binh: TokenPair

        static func start() async throws -> Province {
            let harness = try await AuthHarness.start()
            do {
                return Province(harness: harness, binh: try await harness.register(
                    harness.people.binh, holding: .administrator, on: harness.tree.province))
            } catch {
                await harness.stop()
                throw error
            }
        }

        static func with(_ body: (Province) async throws -> Void) async throws {
            try await scoped({ try await start() }, body)
        }

        func stop() async {
            await harness.stop()
        }

        func grantRole(_ role: Role, on unitID: String, to person: AuthHarness.Person, by granter: TokenPair)
            async throws -> GrantList
        {
            var request = GrantRoleRequest()
            request.memberID = person.memberID
            request.role = role
            request.unitID = unitID
            request.reason = "bầu tại đại hội"
            return try await harness.client.grantRole(request, options: harness.signedIn(granter))
        }

        /// `person` registers and is granted `role` on `unitID` by Bình; answers their
        /// tokens from the refresh after the grant.
        func appoint(_ person: AuthHarness.Person, _ role: Role, on unitID: String) async throws -> TokenPair {
            let pair = try await harness.register(person)
            _ = try await grantRole(role, on: unitID, to: person, by: binh)
            return try await harness.refresh(pair.refreshToken)
        }

        func setLock(_ person: AuthHarness.Person, locked: Bool, by caller: TokenPair) async throws -> Account {
            var request = SetAccountLockRequest()
            request.memberID = person.memberID
            request.locked = locked
            request.reason = locked ? "mất điện thoại" : "đã tìm lại"
            return try await harness.client.setAccountLock(request, options: harness.signedIn(caller))
        }

        func actFor(_ person: AuthHarness.Person, by caller: TokenPair) async throws -> ProxyToken {
            var request = ActForMemberRequest()
            request.memberID = person.memberID
            request.reason = "đảng viên không có điện thoại thông minh"
            return try await harness.client.actForMember(request, options: harness.signedIn(caller))
        }
    }

    @Test func anAdministratorsGrantReachesTheMembersNextTokenAndCoversTheSubtree() async throws {
        try await Province.with { province in
            let harness = province.harness
            let dung = try await harness.register(harness.people.dung)

            let granted = try await province.grantRole(.administrator, on: harness.tree.commune, to: harness.people.dung,
                                                       by: province.binh)
            #expect(granted.grants == [grant(.administrator, harness.tree.commune)])
            let renewed = try await harness.refresh(dung.refreshToken)

            #expect(try harness.claims(renewed.accessToken).grants.contains(grant(.administrator, harness.tree.commune)))
            var stats = GetRegistrationStatsRequest()
            stats.unitID = harness.tree.cellA
            #expect(try await harness.client.getRegistrationStats(stats, options: harness.signedIn(renewed)).unit?.unitID
                == harness.tree.cellA)
        }
    }

    @Test func aRevokedRoleLeavesTheNextToken() async throws {
        try await Province.with { province in
            let harness = province.harness
            let hung = try await province.appoint(harness.people.hung, .cellSecretary, on: harness.tree.cellA)
            var request = RevokeRoleRequest()
            request.memberID = harness.people.hung.memberID
            request.role = .cellSecretary
            request.unitID = harness.tree.cellA

            #expect(try await harness.client.revokeRole(request, options: harness.signedIn(province.binh)).grants.isEmpty)

            let renewed = try await harness.refresh(hung.refreshToken)
            #expect(try harness.claims(renewed.accessToken).grants == [grant(.member, harness.tree.cellA)])
        }
    }

    @Test func aLockedMemberGetsNoCodeAndLosesTheirSessionsUntilUnlocked() async throws {
        try await Province.with { province in
            let harness = province.harness
            let lan = harness.people.lan
            let dung = try await province.appoint(harness.people.dung, .administrator, on: harness.tree.commune)
            let pair = try await harness.register(lan)

            #expect(try await province.setLock(lan, locked: true, by: dung).state == .accountLocked)

            #expect(await statusCode { _ = try await harness.refresh(pair.refreshToken) } == .unauthenticated)
            harness.waitOutResendCooldown()
            let messagesBefore = try await harness.messages(to: lan.phone).count
            _ = try await harness.sendLoginCode(to: lan.phone, from: lan.address)
            #expect(try await harness.messages(to: lan.phone).count == messagesBefore)

            #expect(try await province.setLock(lan, locked: false, by: dung).state == .accountActive)
            harness.waitOutResendCooldown()
            #expect(try await harness.logIn(lan).memberID == lan.memberID)
        }
    }

    @Test func anAdministratorCannotLockSomeoneWhoHoldsAGrantAboveThem() async throws {
        try await Province.with { province in
            let harness = province.harness
            let dung = try await province.appoint(harness.people.dung, .administrator, on: harness.tree.commune)

            // Bình lives in cell A, inside Dũng's commune, but administers the whole province.
            #expect(await statusCode { _ = try await province.setLock(harness.people.binh, locked: true, by: dung) }
                == .permissionDenied)
            #expect(try await harness.refresh(province.binh.refreshToken).memberID == harness.people.binh.memberID)
        }
    }

    @Test func aCellSecretaryActsForAMemberOfTheirOwnCellOnly() async throws {
        try await Province.with { province in
            let harness = province.harness
            let (mai, tuan) = (harness.people.mai, harness.people.tuan)
            let hung = try await province.appoint(harness.people.hung, .cellSecretary, on: harness.tree.cellA)

            let proxy = try await province.actFor(mai, by: hung)

            let claims = try harness.claims(proxy.accessToken)
            #expect(claims.memberID == mai.memberID)
            #expect(claims.proxyMemberID == harness.people.hung.memberID)
            #expect(claims.grants == [grant(.member, harness.tree.cellA)])
            var ownRecord = GetMemberRequest()
            ownRecord.memberID = mai.memberID
            let asMai = harness.from(harness.people.hung.address, bearer: proxy.accessToken)
            #expect(try await harness.orgClient.getMember(ownRecord, options: asMai).fullName == mai.fullName)
            #expect(await statusCode { _ = try await province.actFor(tuan, by: hung) } == .permissionDenied)
            var chained = ActForMemberRequest()
            chained.memberID = harness.people.lan.memberID
            #expect(await statusCode { _ = try await harness.client.actForMember(chained, options: asMai) }
                == .permissionDenied)
        }
    }
}
