import Glibc
import RPC
import RPCContracts
import XCTest

/// Records the calls the runtime refuses itself.
final class RefusalRecorder: RefusedCallObserver, @unchecked Sendable {
    // Safety (@unchecked Sendable): `_refusals` is read and written only under `lock`.
    private let lock = NSLock()
    private var _refusals: [(method: String, code: StatusCode)] = []

    var refusals: [(method: String, code: StatusCode)] { lock.withLock { _refusals } }

    func callRefused(method: String, code: StatusCode) {
        lock.withLock { _refusals.append((method, code)) }
    }
}

/// A client written to hurt the server (issue 10): one that never reads, one that hangs
/// up mid-flood, one that keeps an idle connection alive with pings, one that opens
/// every connection it can, one that reuses call ids. Each is contained, and the
/// server keeps its promises to everyone else.
final class HostileClientTests: XCTestCase {
    private func gated(id: UInt64, responseSize: UInt64) -> Frame {
        RawConnection.request(id: id, method: TestService.path("Gated"),
                              payload: TestMessage(number: responseSize).wireEncoded())
    }

    private func assertHealthServing(_ server: RPCServer, file: StaticString = #filePath, line: UInt = #line) async {
        let client = channel(to: server)
        defer { client.close() }
        do {
            let status = try await client.health()
            XCTAssertEqual(status, .serving, file: file, line: line)
        } catch {
            XCTFail("Health/Check failed: \(error)", file: file, line: line)
        }
    }

    // MARK: - Finding 1: buffered responses are bounded

    /// 100 calls that all answer 128 KiB at once (12.5 MiB, three times what loopback
    /// sockets hold) to a client that reads nothing until then: the server may not
    /// buffer them all.
    private func assertANonReaderIsCutOff(
        _ configure: @escaping (inout ServerConfiguration) -> Void, file: StaticString = #filePath, line: UInt = #line
    ) async throws {
        let probe = Probe()
        let server = try startServer(services: [TestService(probe: probe)]) {
            $0.outputHighWaterMark = 64 * 1024
            $0.writeStallTimeout = .seconds(60)
            configure(&$0)
        }
        let calls = 100
        let connection = try RawConnection(port: server.port)
        var requests: [UInt8] = []
        for id in 1...calls { requests += RawConnection.framed(gated(id: UInt64(id), responseSize: 128 * 1024).wireEncoded()) }
        connection.send(requests)
        let allStarted = await probe.wait(timeout: .seconds(60)) { probe.started == calls }
        XCTAssertTrue(allStarted, "the server did not start every call", file: file, line: line)
        probe.openGate()
        // Reading only once the server has produced (or dropped) every response.
        let allAnswered = await probe.wait(timeout: .seconds(60)) { probe.finishedOrder.count + probe.cancelled == calls }
        XCTAssertTrue(allAnswered, "the handlers did not all end (\(probe.finishedOrder.count) finished, \(probe.cancelled) cancelled)",
                      file: file, line: line)
        guard let frames = connection.framesUntilClose() else {
            XCTFail("the server kept the connection of a client that did not read", file: file, line: line)
            await stop(server)
            return
        }
        XCTAssertLessThan(frames.count, calls, "every response was buffered for a client that did not read",
                          file: file, line: line)
        await assertHealthServing(server, file: file, line: line)
        await stop(server)
    }

    func testAClientThatDoesNotReadIsClosedOnceItsResponsesPassTheConnectionLimit() async throws {
        try await assertANonReaderIsCutOff { $0.maxBufferedOutputPerConnection = 1024 * 1024 }
    }

    func testAClientThatDoesNotReadIsClosedOnceTheServerWideOutputLimitIsPassed() async throws {
        try await assertANonReaderIsCutOff {
            $0.maxBufferedOutputPerConnection = 1024 * 1024 * 1024
            $0.maxBufferedOutput = 1024 * 1024
        }
    }

    func testAClientThatReadsGetsEveryResponseOfABurstUnderTheLimits() async throws {
        let probe = Probe()
        let server = try startServer(services: [TestService(probe: probe)]) { $0.outputHighWaterMark = 64 * 1024 }
        let client = channel(to: server) { $0.connectionsPerAddress = 1 }
        defer { client.close() }
        let responses = try await withThrowingTaskGroup(of: Int.self) { group in
            for number in 0..<200 {
                group.addTask {
                    try await client.call("Gated", TestMessage(text: "\(number)", number: 32 * 1024)).data.count
                }
            }
            _ = await probe.wait { probe.started == 200 }
            probe.openGate()
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        XCTAssertEqual(responses.count, 200)
        XCTAssertTrue(responses.allSatisfy { $0 == 32 * 1024 })
        await stop(server)
    }

    // MARK: - Finding 2: work stops when the caller has gone

    func testAClientThatHangsUpWhileTheServerIsNotReadingHasItsCallsCancelled() async throws {
        let probe = Probe()
        let server = try startServer(services: [TestService(probe: probe)]) {
            $0.outputHighWaterMark = 64 * 1024
            $0.writeStallTimeout = .seconds(60)
        }
        let connection = try RawConnection(port: server.port)
        for id in 1...4 {
            connection.send(frame: RawConnection.request(
                id: UInt64(id), method: TestService.path("Sleep"), payload: TestMessage(number: 60_000).wireEncoded()))
        }
        let sleeping = await probe.wait { probe.started == 4 }
        XCTAssertTrue(sleeping)
        // 64 MiB of responses asked for and none read: the server stops reading long
        // before the end, so the hang-up below arrives behind unread requests.
        var flood: [UInt8] = []
        for id in 5...2004 {
            flood += RawConnection.framed(RawConnection.request(
                id: UInt64(id), method: TestService.path("Big"),
                payload: TestMessage(number: 32 * 1024).wireEncoded()).wireEncoded())
        }
        connection.send(flood)
        shutdown(connection.fd, Int32(SHUT_WR))
        let cancelled = await probe.wait { probe.cancelled == 4 }
        XCTAssertTrue(cancelled, "calls of a client that hung up kept running (\(probe.cancelled) of 4 cancelled)")
        await stop(server)
    }

    func testACancelledCallIsNeverAnsweredAndItsHandlerIsCancelled() async throws {
        let probe = Probe()
        let server = try startServer(services: [TestService(probe: probe)])
        let connection = try RawConnection(port: server.port)
        connection.send(frame: gated(id: 1, responseSize: 10))
        let started = await probe.wait { probe.started == 1 }
        XCTAssertTrue(started)
        var cancel = Frame()
        cancel.callID = 1
        cancel.kind = .cancel
        connection.send(frame: cancel)
        let cancelled = await probe.wait { probe.cancelled == 1 }
        XCTAssertTrue(cancelled)
        probe.openGate()
        connection.send(frame: RawConnection.request(id: 2, method: TestService.path("Echo")))
        XCTAssertEqual(connection.readFrame()?.callID, 2, "the cancelled call was answered")
        await stop(server)
    }

    // MARK: - Finding 4: connections are not held forever, and everyone gets in

    func testAClientThatAnswersPingsButMakesNoCallsIsClosedAsIdle() async throws {
        let server = try startServer(services: [TestService(probe: Probe())]) {
            $0.idleTimeout = .milliseconds(600)
            $0.keepaliveInterval = .milliseconds(100)
            $0.keepaliveTimeout = .seconds(5)
        }
        let connection = try RawConnection(port: server.port)
        var ping = Frame()
        ping.kind = .ping
        connection.send(frame: ping)
        var goAway: Frame?
        let end = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < end, let frame = connection.readFrame() {
            if frame.kind == .goaway { goAway = frame; break }
            if frame.kind == .ping {
                var pong = Frame()
                pong.kind = .pong
                pong.callID = frame.callID
                connection.send(frame: pong)
                connection.send(frame: ping)
            }
        }
        XCTAssertEqual(goAway?.status?.code, .unavailable, "a connection kept alive by pings alone was never closed")
        await stop(server)
    }

    func testConnectionsFromOneAddressBeyondItsLimitAreToldWhyAndTheSlotIsFreedOnClose() async throws {
        let server = try startServer(services: [TestService(probe: Probe())]) { $0.maxConnectionsPerAddress = 2 }
        var first: RawConnection? = try RawConnection(port: server.port)
        let second = try RawConnection(port: server.port)
        for (index, connection) in [first, second].compactMap({ $0 }).enumerated() {
            connection.send(frame: RawConnection.request(id: UInt64(index + 1), method: TestService.path("Echo")))
            XCTAssertEqual(connection.readFrame()?.kind, .response)
        }
        let third = try RawConnection(port: server.port)
        let goAway = third.readFrame()
        XCTAssertEqual(goAway?.kind, .goaway)
        XCTAssertEqual(goAway?.status?.code, .resourceExhausted)
        XCTAssertTrue(goAway?.status?.message.contains("127.0.0.1") ?? false)
        XCTAssertTrue(third.waitForClose())
        // Dropping the first connection closes it; its slot must come back.
        withExtendedLifetime(first) { first = nil }
        let admittedAgain = await Probe().wait {
            guard let again = try? RawConnection(port: server.port, receiveTimeout: 2) else { return false }
            again.send(frame: RawConnection.request(id: 1, method: TestService.path("Echo")))
            return again.readFrame()?.kind == .response
        }
        XCTAssertTrue(admittedAgain, "a closed connection's slot was not given back to its address")
        await stop(server)
    }

    func testATrustedAddressIsExemptFromThePerAddressLimit() async throws {
        let server = try startServer(services: [TestService(probe: Probe())]) {
            $0.maxConnectionsPerAddress = 1
            $0.trustedAddresses = ["127.0.0.1"]
        }
        let connections = try (1...3).map { _ in try RawConnection(port: server.port) }
        for (index, connection) in connections.enumerated() {
            connection.send(frame: RawConnection.request(id: UInt64(index + 1), method: TestService.path("Echo")))
            XCTAssertEqual(connection.readFrame()?.kind, .response)
        }
        await stop(server)
    }

    func testHealthIsAnsweredWhenEveryCallSlotIsTaken() async throws {
        let probe = Probe()
        let server = try startServer(services: [TestService(probe: probe)]) {
            $0.maxConcurrentCalls = 2
            $0.maxConcurrentCallsPerConnection = 2
        }
        let connection = try RawConnection(port: server.port)
        connection.send(frame: gated(id: 1, responseSize: 0))
        connection.send(frame: gated(id: 2, responseSize: 0))
        let full = await probe.wait { probe.started == 2 }
        XCTAssertTrue(full)
        connection.send(frame: RawConnection.request(id: 3, method: "/sotay.rpc.v1.Health/Check",
                                                     payload: HealthCheckRequest().wireEncoded()))
        let answer = connection.readFrame()
        XCTAssertEqual(answer?.callID, 3)
        XCTAssertNil(answer?.status, "Health/Check on a full connection was refused: \(answer?.status?.message ?? "")")
        await assertHealthServing(server)
        probe.openGate()
        await stop(server)
    }

    func testAClientPipeliningThousandsOfCallsDoesNotMakeOthersWaitForAllOfThem() async throws {
        let probe = Probe()
        let server = try startServer(services: [TestService(probe: probe)]) { $0.eventLoopCount = 1 }
        let hog = try RawConnection(port: server.port)
        let flooder = try RawConnection(port: server.port)
        let bystander = try RawConnection(port: server.port)
        // Holds the only loop, so that the flood and the bystander's call are both
        // waiting in their sockets when it next looks.
        hog.send(frame: RawConnection.request(id: 1, method: TestService.path("HogLoop")))
        let held = await probe.wait { probe.started == 1 }
        XCTAssertTrue(held)
        let flood = 1000
        flooder.send(RawConnection.pipelinedRecords(flood, number: 1))
        bystander.send(frame: RawConnection.request(
            id: 1, method: TestService.path("Record"), payload: TestMessage(number: 2).wireEncoded()))
        probe.openGate()
        XCTAssertEqual(bystander.readFrame()?.callID, 1)
        let allHandled = await probe.wait { probe.finishedOrder.count == flood + 1 }
        XCTAssertTrue(allHandled)
        let position = probe.finishedOrder.firstIndex(of: 2) ?? flood
        XCTAssertLessThan(position, flood, "the bystander's call waited for every call of the flood")
        await stop(server)
    }

    func testAnAddressWithManyPipeliningConnectionsGetsOneShareOfATurnNotOneShareEach() async throws {
        let probe = Probe()
        let server = try startServer(services: [TestService(probe: probe)]) { $0.eventLoopCount = 1 }
        let hog = try RawConnection(port: server.port)
        // Holds the only loop while the flood and the bystander's call land in their sockets.
        hog.send(frame: RawConnection.request(id: 1, method: TestService.path("HogLoop")))
        let held = await probe.wait { probe.started == 1 }
        XCTAssertTrue(held)
        let connections = 40
        let callsEach = 200
        let requests = RawConnection.pipelinedRecords(callsEach, number: 1)
        let flooders = try (1...connections).map { _ in try RawConnection(port: server.port, from: "127.0.0.2") }
        for flooder in flooders { flooder.send(requests) }
        let bystander = try RawConnection(port: server.port)
        bystander.send(frame: RawConnection.request(
            id: 1, method: TestService.path("Record"), payload: TestMessage(number: 2).wireEncoded()))
        probe.openGate()
        XCTAssertEqual(bystander.readFrame()?.callID, 1)
        let allHandled = await probe.wait { probe.finishedOrder.count == connections * callsEach + 1 }
        XCTAssertTrue(allHandled)
        // A turn per connection would have handled 64 frames of each of the forty before
        // the bystander's; one share for the address, 64 of them and a frame for each
        // connection that found the share spent.
        let position = probe.finishedOrder.firstIndex(of: 2) ?? connections * callsEach
        XCTAssertLessThan(position, 64 + 2 * connections, "the bystander's call waited for a turn of every connection")
        withExtendedLifetime(flooders) {}
        await stop(server)
    }

    func testAClientThatNeverReadsHasABoundedNumberOfSmallAnswersMade() async throws {
        let probe = Probe()
        let server = try startServer(services: [TestService(probe: probe)]) { $0.eventLoopCount = 1 }
        let flooder = try RawConnection(port: server.port, from: "127.0.0.2")
        flooder.stopSendingAfterStalling(seconds: 2)
        let batch = RawConnection.pipelinedRecords(1_000, number: 1)
        // Pipelines tiny calls, never reading, until the server has stopped taking them
        // for two seconds (call ids repeat across batches, each answered long before).
        var batches = 0
        while batches < 2_000, flooder.send(batch) { batches += 1 }
        XCTAssertLessThan(batches, 2_000, "the server never stopped reading a client that reads nothing")
        // Some ninety thousand answers of 16 bytes fit under the 1 MiB mark, and the
        // kernel's send buffer would have grown to take some 250,000 more.
        let answered = probe.finishedOrder.count
        XCTAssertLessThan(answered, 60_000, "calls answered for a client that reads nothing")
        await stop(server)
    }

    // MARK: - Finding 8: protocol promises

    func testACallIDReusedWhileInFlightIsRefusedAndTheFirstCallIsStillAnswered() async throws {
        let probe = Probe()
        let refusals = RefusalRecorder()
        let server = try startServer(services: [TestService(probe: probe)], refusedCallObserver: refusals)
        let connection = try RawConnection(port: server.port)
        connection.send(frame: gated(id: 9, responseSize: 3))
        let started = await probe.wait { probe.started == 1 }
        XCTAssertTrue(started)
        connection.send(frame: RawConnection.request(id: 9, method: TestService.path("Echo")))
        let refused = connection.readFrame()
        XCTAssertEqual(refused?.kind, .response)
        XCTAssertEqual(refused?.callID, 9)
        XCTAssertEqual(refused?.status?.code, .invalidArgument)
        XCTAssertTrue(refused?.status?.message.contains("in flight") ?? false)
        probe.openGate()
        let first = connection.readFrame()
        XCTAssertEqual(first?.callID, 9)
        XCTAssertNil(first?.status)
        XCTAssertEqual(try first.map { try TestMessage(wireEncoded: $0.payload).data.count }, 3)
        XCTAssertEqual(refusals.refusals.map(\.code), [.invalidArgument])
        XCTAssertEqual(refusals.refusals.map(\.method), [TestService.path("Echo")])
        await stop(server)
    }

    func testEveryCallTheRuntimeAnswersItselfIsObservedOnce() async throws {
        let probe = Probe()
        let refusals = RefusalRecorder()
        let server = try startServer(services: [TestService(probe: probe)], refusedCallObserver: refusals) {
            $0.maxConcurrentCallsPerConnection = 1
        }
        let connection = try RawConnection(port: server.port)
        connection.send(frame: RawConnection.request(id: 1, method: "/no.such.Service/Method"))
        XCTAssertEqual(connection.readFrame()?.status?.code, .unimplemented)
        connection.send(frame: RawConnection.request(id: 2, method: TestService.path("Echo"),
                                                     metadata: ["x-big": String(repeating: "a", count: 9000)]))
        XCTAssertEqual(connection.readFrame()?.status?.code, .resourceExhausted)
        connection.send(frame: gated(id: 3, responseSize: 0))
        _ = await probe.wait { probe.started == 1 }
        connection.send(frame: RawConnection.request(id: 4, method: TestService.path("Echo")))
        XCTAssertEqual(connection.readFrame()?.status?.code, .resourceExhausted)
        XCTAssertEqual(refusals.refusals.map(\.code), [.unimplemented, .resourceExhausted, .resourceExhausted])
        XCTAssertEqual(refusals.refusals.map(\.method),
                       ["/no.such.Service/Method", TestService.path("Echo"), TestService.path("Echo")])
        probe.openGate()
        await stop(server)
    }
}
