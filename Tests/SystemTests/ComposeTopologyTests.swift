import RPC
import Testing

/// compose.yaml's topology started natively from `.build/compose.json` (same commands,
/// environment and ports; only the container's paths and host names translated, see
/// `ComposeTopology`), and the member's and the secretary's days run against it: the
/// same journeys as MembersDayTests, so what compose wires together is what the journey was checked on.
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

    @Test func aSecretarysDayAgainstTheComposeTopology() async throws {
        let statuses = try await RunningSuite.run({ try await ComposeTopology.start() }) { suite in
            try await SecretarysDay.run(on: suite)
        }
        #expect(statuses.count == 6 && statuses.values.allSatisfy { $0 == 0 }, "\(statuses)")
    }

    /// Another program on auth's port (the first checked): nothing starts, and the
    /// message names the port and its service (a `sotay up` running is the likely cause).
    @Test func aTakenPortIsNamedBeforeAnyServiceStarts() async throws {
        let squatter = RPCServer(configuration: ServerConfiguration(host: "127.0.0.1", port: 7101), services: [])
        // When a `sotay up` holds the port already, it is taken just the same.
        let running = (try? squatter.start()) == nil ? nil : Task { try await squatter.run() }
        defer { squatter.shutdownNow() }
        do {
            let suite = try await ComposeTopology.start()
            _ = await suite.stop()
            Issue.record("the compose topology started although port 7101 was taken")
        } catch let error as ComposeError {
            #expect(error.description.hasPrefix("port 7101 (auth) is busy"), "\(error)")
        }
        squatter.shutdownGracefully()
        try await running?.value
    }
}
