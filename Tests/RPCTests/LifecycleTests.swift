import RPC
import RPCContracts
import XCTest

final class LifecycleTests: XCTestCase {
    func testHealthAnswersForTheServerAndItsServicesAndNotFoundForOthers() async throws {
        let server = try startServer(services: [TestService(probe: Probe())])
        let client = channel(to: server)
        defer { client.close() }
        let whole = try await client.health()
        XCTAssertEqual(whole, .serving)
        let service = try await client.health(TestService.name)
        XCTAssertEqual(service, .serving)
        do {
            _ = try await client.health("sotay.nothing.v1.Nothing")
            XCTFail("an unknown service should be NOT_FOUND")
        } catch {
            XCTAssertEqual(error.code, .notFound)
        }
        await stop(server)
    }

    func testAServerBoundToPortZeroReportsItsPortAndGoesThroughItsStates() async throws {
        let server = RPCServer(configuration: ServerConfiguration(host: "127.0.0.1", port: 0), services: [])
        XCTAssertEqual(server.state, .notStarted)
        try server.start()
        XCTAssertEqual(server.state, .running)
        XCTAssertGreaterThan(server.port, 0)
        let runner = Task { try await server.run() }
        server.shutdownGracefully()
        try await runner.value
        XCTAssertEqual(server.state, .stopped)
    }

    func testAGracefulDrainFinishesEveryCallInFlightAndRefusesNewOnes() async throws {
        let probe = Probe()
        let server = try startServer(services: [TestService(probe: probe)])
        let client = channel(to: server)
        defer { client.close() }
        let observer = try RawConnection(port: server.port)
        observer.send(frame: RawConnection.request(
            id: 7, method: TestService.path("Sleep"), payload: TestMessage(number: 300).wireEncoded()))

        let calls = Task {
            try await withThrowingTaskGroup(of: TestMessage.self) { group in
                for index in 0..<50 {
                    group.addTask { try await client.call("Sleep", TestMessage(text: String(index), number: 300)) }
                }
                var count = 0
                for try await _ in group { count += 1 }
                return count
            }
        }
        let started = await probe.wait { probe.started == 51 }
        XCTAssertTrue(started)
        server.shutdownGracefully(gracePeriod: .seconds(20))

        // The observer connection sees GOAWAY with its last accepted call, then may
        // still ask Health (NOT_SERVING) while other new calls are refused.
        let goAway = observer.readFrame()
        XCTAssertEqual(goAway?.kind, .goaway)
        XCTAssertEqual(goAway?.lastCallID, 7)
        XCTAssertEqual(goAway?.status?.code, .unavailable)
        var check = HealthCheckRequest()
        check.service = ""
        observer.send(frame: RawConnection.request(id: 8, method: "/sotay.rpc.v1.Health/Check", payload: check.wireEncoded()))
        observer.send(frame: RawConnection.request(id: 9, method: TestService.path("Echo")))
        var answers: [UInt64: Frame] = [:]
        while answers.count < 3, let frame = observer.readFrame() { answers[frame.callID] = frame }
        XCTAssertNil(answers[7]?.status, "the call in flight before the GOAWAY must finish")
        let health = try answers[8].map { try HealthCheckResponse(wireEncoded: $0.payload) }
        XCTAssertEqual(health?.status, .notServing)
        XCTAssertEqual(answers[9]?.status?.code, .unavailable)

        let finished = try await calls.value
        XCTAssertEqual(finished, 50, "a call in flight was lost in the drain")
        await server.waitUntilStopped()
        XCTAssertEqual(server.state, .stopped)
    }

    func testAfterTheGracePeriodRemainingHandlersAreCancelled() async throws {
        let probe = Probe()
        let server = try startServer(services: [TestService(probe: probe)])
        let client = channel(to: server)
        defer { client.close() }
        let call = Task { await callError { try await client.call("Sleep", TestMessage(number: 60_000)) } }
        let started = await probe.wait { probe.started == 1 }
        XCTAssertTrue(started)
        server.shutdownGracefully(gracePeriod: .milliseconds(200))
        await server.waitUntilStopped()
        let error = await call.value
        XCTAssertEqual(error?.code, .unavailable)
        XCTAssertEqual(probe.cancelled, 1)
    }

    func testAClientReconnectsWhenTheServerRestartsOnTheSamePort() async throws {
        let first = try startServer(services: [TestService(probe: Probe())])
        let port = first.port
        let client = RPCChannel(addresses: [HostPort(host: "127.0.0.1", port: port)], configuration: {
            var configuration = ChannelConfiguration()
            configuration.backoff.initial = .milliseconds(20)
            configuration.backoff.maximum = .milliseconds(200)
            return configuration
        }())
        defer { client.close() }
        _ = try await client.call("Echo")
        first.shutdownGracefully()
        await first.waitUntilStopped()

        let down = await callError { try await client.call("Echo", idempotent: true) }
        XCTAssertEqual(down?.code, .unavailable)

        let second = try startServer(services: [TestService(probe: Probe())]) { $0.port = port }
        var reconnected = false
        for _ in 0..<200 where !reconnected {
            if (try? await client.call("Echo", TestMessage(text: "back"), idempotent: true))?.text == "back" {
                reconnected = true
            } else {
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        XCTAssertTrue(reconnected)
        await stop(second)
    }

    func testCallsAreSpreadOverReplicas() async throws {
        let probes = [Probe(), Probe()]
        let servers = try probes.map { try startServer(services: [TestService(probe: $0)]) }
        let client = RPCChannel(addresses: servers.map { HostPort(host: "127.0.0.1", port: $0.port) })
        defer { client.close() }
        for _ in 0..<20 { _ = try await client.call("Sleep", TestMessage(number: 0)) }
        XCTAssertGreaterThan(probes[0].started, 0)
        XCTAssertGreaterThan(probes[1].started, 0)
        for server in servers { await stop(server) }
    }

    func testAnAddressListThatDoesNotParseIsRefused() {
        XCTAssertThrowsError(try RPCChannel(addresses: "org-1:7102,nonsense"))
        XCTAssertEqual(HostPort.parseList("a:1, [::1]:2"), [HostPort(host: "a", port: 1), HostPort(host: "::1", port: 2)])
    }
}
