import Testing

/// The member's day and the secretary's day across the six real executables, each its
/// own process with its own database, talking over TCP as in production; at the end
/// every process stops cleanly on SIGTERM, as an orchestrator stops it.
@Suite struct MembersDayTests {
    @Test func aMembersDayFromRegistrationToTheAgencysAnswer() async throws {
        let statuses = try await RunningSuite.run { suite in
            let cell = try await MembersDay.run(on: suite)
            // At the end of the day, the month's report counts her in every service.
            try await MonthlyReportCheck.verify(cell, in: suite)
        }
        #expect(statuses.count == 6 && statuses.values.allSatisfy { $0 == 0 }, "\(statuses)")
    }

    @Test func aSecretarysDayForAMemberWithoutAPhoneIsMarkedProxyInEveryService() async throws {
        let statuses = try await RunningSuite.run { suite in try await SecretarysDay.run(on: suite) }
        #expect(statuses.count == 6 && statuses.values.allSatisfy { $0 == 0 }, "\(statuses)")
    }
}
