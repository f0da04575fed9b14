import AuthContracts
import Foundation
import OrgContracts
import RPC
import RPCContracts
import ServiceKit
import Testing

/// User journeys across the real executables (`sotay-org`, `sotay-auth`), each its own
/// process with its own database, talking over TCP as in production (docs/architecture.md §10).
@Suite struct MembersFirstDayTests {
    @Test func aMemberRegistersWithTheirCardReadsTheirProfileAndStaysLoggedIn() async throws {
        let statuses = try await RunningSuite.run({ try await RunningSuite.start([.org, .auth]) }) { suite in
            // The organisation board has the cell and the member in the registry.
            let cell = try await JourneyCell.create(in: suite)
            let registered = try await cell.addMember("Hoàng Thị Thu Hà", card: "YB-0042137", birthDate: "1986-09-02",
                                                      in: suite)

            // She reads her card in the app and gets a code by SMS.
            var app = MemberApp(phone: "0912 000 111", canonicalPhone: "+84912000111", deviceName: "Samsung A12")
            try await app.register(card: "YB-0042137", nameOnCard: "HOANG THI THU HA", birthDate: "1986-09-02", in: suite)
            #expect(app.memberID == registered.id)

            // With the token, the org service shows her her own profile, card included.
            var get = GetMemberRequest()
            get.memberID = registered.id
            let profile = try await suite.org.getMember(get, options: app.options)
            #expect(profile.fullName == "Hoàng Thị Thu Hà" && profile.cardNumber == "YB0042137")

            // Fifteen minutes later the app refreshes its tokens; the old refresh token is spent.
            var refresh = RefreshRequest()
            refresh.refreshToken = app.tokens.refreshToken
            let renewed = try await suite.auth.refresh(refresh)
            let renewedOptions = CallOptions(metadata: [MetadataKey.authorization: "Bearer " + renewed.accessToken])
            let sessions = try await suite.auth.listSessions(ListSessionsRequest(), options: renewedOptions)
            #expect(sessions.sessions.map(\.deviceName) == ["Samsung A12"] && sessions.sessions.first?.current == true)
            var counts = GetSubtreeCountsRequest()
            counts.unitID = cell.provinceID
            #expect(try await suite.org.getSubtreeCounts(counts, options: renewedOptions).members == 1)
        }
        // Both processes stop cleanly on SIGTERM, as an orchestrator stops them.
        #expect(statuses == [.org: 0, .auth: 0])
    }
}
