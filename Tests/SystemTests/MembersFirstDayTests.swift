import AuthContracts
import Foundation
import OrgContracts
import RPC
import RPCContracts
import ServiceKit
import Testing

/// User journeys across the real executables (`sotay-org`, `sotay-auth`), each its own
/// process with its own database, talking over TCP as in production (DESIGN.md §10).
@Suite struct MembersFirstDayTests {
    @Test func aMemberRegistersWithTheirCardReadsTheirProfileAndStaysLoggedIn() async throws {
        let statuses = try await RunningSuite.run { suite in
            // The organisation board has the cell and the member in the registry.
            let operatorOptions = try suite.options(memberID: "operator", grants: [(.operator, "")])
            var root = CreateUnitRequest()
            root.code = "YB"
            root.name = "Đảng bộ tỉnh Yên Bái"
            root.kind = .committee
            let province = try await suite.org.createUnit(root, options: operatorOptions)
            let staff = try suite.options(memberID: "m-staff", grants: [(.committeeStaff, province.id)])
            var cellRequest = CreateUnitRequest()
            cellRequest.parentID = province.id
            cellRequest.code = "YB-KH-01"
            cellRequest.name = "Chi bộ thôn Khe Hóp"
            cellRequest.kind = .cell
            cellRequest.cellType = .villageResidential
            let cell = try await suite.org.createUnit(cellRequest, options: staff)
            var member = Member()
            member.fullName = "Hoàng Thị Thu Hà"
            member.birthDate = "1986-09-02"
            member.cardNumber = "YB-0042137"
            member.status = .official
            member.unitID = cell.id
            var create = CreateMemberRequest()
            create.member = member
            let registered = try await suite.org.createMember(create, options: staff)

            // She reads her card in the app and gets a code by SMS.
            var start = StartRegistrationRequest()
            start.cardNumber = "YB-0042137"
            start.fullName = "HOANG THI THU HA"
            start.birthDate = "1986-09-02"
            start.phone = "0912 000 111"
            start.deviceName = "Samsung A12"
            var face = FaceAttestation()
            face.score = 0.93
            face.livenessPassed = true
            start.face = face
            let registration = try await suite.auth.startRegistration(start)
            var confirm = ConfirmRegistrationRequest()
            confirm.registrationID = registration.registrationID
            confirm.code = try #require(await suite.lastCode(sentTo: "+84912000111"))
            let tokens = try await suite.auth.confirmRegistration(confirm)
            #expect(tokens.memberID == registered.id)

            // With the token, the org service shows her her own profile, card included.
            let mine = CallOptions(metadata: [MetadataKey.authorization: "Bearer " + tokens.accessToken])
            var get = GetMemberRequest()
            get.memberID = registered.id
            let profile = try await suite.org.getMember(get, options: mine)
            #expect(profile.fullName == "Hoàng Thị Thu Hà" && profile.cardNumber == "YB0042137")

            // Fifteen minutes later the app refreshes its tokens; the old refresh token is spent.
            var refresh = RefreshRequest()
            refresh.refreshToken = tokens.refreshToken
            let renewed = try await suite.auth.refresh(refresh)
            let renewedOptions = CallOptions(metadata: [MetadataKey.authorization: "Bearer " + renewed.accessToken])
            let sessions = try await suite.auth.listSessions(ListSessionsRequest(), options: renewedOptions)
            #expect(sessions.sessions.map(\.deviceName) == ["Samsung A12"] && sessions.sessions.first?.current == true)
            var counts = GetSubtreeCountsRequest()
            counts.unitID = province.id
            #expect(try await suite.org.getSubtreeCounts(counts, options: renewedOptions).members == 1)
        }
        // Both processes stop cleanly on SIGTERM, as an orchestrator stops them.
        #expect(statuses == [0, 0])
    }
}
