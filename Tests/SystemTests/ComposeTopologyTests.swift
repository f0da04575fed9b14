import Testing

/// compose.yaml's topology started natively from `.build/compose.json` (same commands,
/// environment and ports; only the container's paths and host names translated, see
/// `ComposeTopology`), and the member's day run against it: the same journey as
/// MembersDayTests, so what compose wires together is what the journey was checked on.
/// Serialized: it needs the fixed ports 7101–7106, which nothing else in SystemTests uses
/// (`RunningSuite.start` listens on ports the system picks).
@Suite(.serialized) struct ComposeTopologyTests {
    @Test func aMembersDayAgainstTheComposeTopology() async throws {
        let statuses = try await RunningSuite.run({ try await ComposeTopology.start() }) { suite in
            #expect(suite.processes.mapValues(\.port) == [.auth: 7101, .org: 7102, .content: 7103, .meeting: 7104,
                                                           .learning: 7105, .feedback: 7106])
            try await MembersDay.run(on: suite)
        }
        #expect(statuses.count == 6 && statuses.values.allSatisfy { $0 == 0 }, "\(statuses)")
    }
}
