import Glibc
import RPC
import RPCContracts
import TestSupport
import XCTest

/// Hostile and misbehaving peers: each is told why and cut off, and the server keeps
/// serving everyone else.
final class ProtectionTests: XCTestCase {
    private func assertStillServing(_ server: RPCServer, file: StaticString = #filePath, line: UInt = #line) async {
        let client = channel(to: server)
        defer { client.close() }
        do {
            let status = try await client.health()
            XCTAssertEqual(status, .serving, file: file, line: line)
        } catch {
            XCTFail("the server stopped serving: \(error)", file: file, line: line)
        }
    }

    func testAnOversizedFrameGetsResourceExhaustedThenTheConnectionCloses() async throws {
        let server = try startServer(services: [TestService(probe: Probe())]) { $0.maxFrameSize = 1024 }
        let connection = try RawConnection(port: server.port)
        connection.send([0x7F, 0xFF, 0xFF, 0xFF, 1, 2, 3])
        let goAway = connection.readFrame()
        XCTAssertEqual(goAway?.kind, .goaway)
        XCTAssertEqual(goAway?.status?.code, .resourceExhausted)
        XCTAssertTrue(connection.waitForClose())
        await assertStillServing(server)
        await stop(server)
    }

    func testAFrameJustOverTheLimitIsRefusedAndOneAtTheLimitIsServed() async throws {
        let server = try startServer(services: [TestService(probe: Probe())]) { $0.maxFrameSize = 4096 }
        let client = channel(to: server)
        defer { client.close() }
        let fits = try await client.call("Echo", TestMessage(data: [UInt8](repeating: 1, count: 3000)))
        XCTAssertEqual(fits.data.count, 3000)
        let connection = try RawConnection(port: server.port)
        let big = RawConnection.request(id: 1, method: TestService.path("Echo"), payload: [UInt8](repeating: 1, count: 5000))
        connection.send(frame: big)
        XCTAssertEqual(connection.readFrame()?.status?.code, .resourceExhausted)
        await stop(server)
    }

    func testAMalformedFrameGetsAFinalFrameSayingWhyAndOnlyThatConnectionCloses() async throws {
        let server = try startServer(services: [TestService(probe: Probe())])
        let bystander = channel(to: server) { $0.connectionsPerAddress = 1 }
        defer { bystander.close() }
        _ = try await bystander.call("Echo")
        let connection = try RawConnection(port: server.port)
        // A complete frame whose body is a truncated varint.
        connection.send(RawConnection.framed([0x08, 0xFF, 0xFF]))
        let goAway = connection.readFrame()
        XCTAssertEqual(goAway?.kind, .goaway)
        XCTAssertEqual(goAway?.status?.code, .internal)
        XCTAssertTrue(goAway?.status?.message.contains("malformed") ?? false)
        XCTAssertTrue(connection.waitForClose())
        let echoed = try await bystander.call("Echo", TestMessage(text: "unaffected"))
        XCTAssertEqual(echoed.text, "unaffected")
        await stop(server)
    }

    func testATruncatedFrameFromAPeerThatHangsUpLeavesTheServerServing() async throws {
        let server = try startServer(services: [TestService(probe: Probe())])
        do {
            let connection = try RawConnection(port: server.port)
            connection.send([0, 0, 0, 100, 1, 2, 3, 4, 5])
            shutdown(connection.fd, Int32(SHUT_WR))
            XCTAssertTrue(connection.waitForClose())
        }
        await assertStillServing(server)
        await stop(server)
    }

    func testRandomBytesNeverTakeTheServerDown() async throws {
        let server = try startServer(services: [TestService(probe: Probe())]) {
            $0.maxFrameSize = 64 * 1024
            $0.frameReadTimeout = .milliseconds(300)
            $0.idleTimeout = .seconds(1)
        }
        var generator = SplitMix64(seed: 0x5EED)
        for _ in 0..<20 {
            let connection = try RawConnection(port: server.port)
            let count = Int.random(in: 1...2000, using: &generator)
            connection.send((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
            XCTAssertTrue(connection.waitForClose(), "random bytes left the connection open")
        }
        await assertStillServing(server)
        await stop(server)
    }

    func testAClientSendingOneByteAtATimeIsCutOffAfterTheFrameTimeout() async throws {
        let server = try startServer(services: [TestService(probe: Probe())]) { $0.frameReadTimeout = .milliseconds(300) }
        let connection = try RawConnection(port: server.port)
        let bytes = RawConnection.framed(RawConnection.request(id: 1, method: TestService.path("Echo")).wireEncoded())
        var closedEarly = false
        for byte in bytes.prefix(bytes.count - 1) {
            if !connection.send([byte]) { closedEarly = true; break }
            try await Task.sleep(for: .milliseconds(100))
            if closedEarly { break }
        }
        let goAway = connection.readFrame()
        XCTAssertEqual(goAway?.kind, .goaway)
        XCTAssertEqual(goAway?.status?.code, .resourceExhausted)
        XCTAssertTrue(connection.waitForClose())
        await stop(server)
    }

    func testTheServerStopsReadingFromAClientThatNeverReadsItsResponses() async throws {
        let probe = Probe()
        let server = try startServer(services: [TestService(probe: probe)]) {
            $0.outputHighWaterMark = 256 * 1024
            $0.writeStallTimeout = .seconds(1)
        }
        let connection = try RawConnection(port: server.port)
        let sent = 1500
        var requests: [UInt8] = []
        for id in 1...sent {
            // Each asks for a 32 KiB response: 48 MB in all if the server kept going,
            // far beyond the kernel's socket buffers on loopback.
            requests += RawConnection.framed(RawConnection.request(
                id: UInt64(id), method: TestService.path("Big"),
                payload: TestMessage(number: 32 * 1024).wireEncoded()).wireEncoded())
        }
        connection.send(requests)
        await assertStillServing(server)
        // Once its output makes no progress for the stall timeout (or passes the
        // connection's output limit), the server drops the connection. Until then the
        // client reads nothing; each handler counts itself, and a server that had kept
        // reading would have started all of them by the time it hung up.
        XCTAssertTrue(connection.waitForHangUpWithoutReading(), "the server kept a non-reading client forever")
        XCTAssertLessThan(probe.started, sent, "the server kept reading from a client that does not read")
        await stop(server)
    }

    func testConnectionsBeyondTheLimitAreToldWhyAndClosed() async throws {
        let server = try startServer(services: [TestService(probe: Probe())]) { $0.maxConnections = 2 }
        let first = try RawConnection(port: server.port)
        let second = try RawConnection(port: server.port)
        for (index, connection) in [first, second].enumerated() {
            connection.send(frame: RawConnection.request(id: UInt64(index + 1), method: TestService.path("Echo")))
            XCTAssertEqual(connection.readFrame()?.kind, .response)
        }
        let third = try RawConnection(port: server.port)
        let goAway = third.readFrame()
        XCTAssertEqual(goAway?.kind, .goaway)
        XCTAssertEqual(goAway?.status?.code, .resourceExhausted)
        XCTAssertTrue(third.waitForClose())
        await stop(server)
    }

    func testCallsBeyondThePerConnectionLimitGetResourceExhaustedAndTheConnectionStaysUp() async throws {
        let probe = Probe()
        let server = try startServer(services: [TestService(probe: probe)]) { $0.maxConcurrentCallsPerConnection = 4 }
        let connection = try RawConnection(port: server.port)
        for id in 1...4 {
            connection.send(frame: RawConnection.request(
                id: UInt64(id), method: TestService.path("Sleep"), payload: TestMessage(number: 30_000).wireEncoded()))
        }
        let started = await probe.wait { probe.started == 4 }
        XCTAssertTrue(started)
        connection.send(frame: RawConnection.request(id: 5, method: TestService.path("Echo")))
        let refused = connection.readFrame()
        XCTAssertEqual(refused?.callID, 5)
        XCTAssertEqual(refused?.status?.code, .resourceExhausted)
        var cancel = RawConnection.request(id: 1, method: "")
        cancel.kind = .cancel
        connection.send(frame: cancel)
        let freed = await probe.wait { probe.cancelled == 1 }
        XCTAssertTrue(freed)
        connection.send(frame: RawConnection.request(id: 6, method: TestService.path("Echo")))
        let served = connection.readFrame()
        XCTAssertEqual(served?.callID, 6)
        XCTAssertNil(served?.status, "the call after a slot was freed should succeed")
        await stop(server)
    }

    func testCallsBeyondTheServerWideLimitGetResourceExhausted() async throws {
        let probe = Probe()
        let server = try startServer(services: [TestService(probe: probe)]) { $0.maxConcurrentCalls = 3 }
        let connections = try (0..<3).map { _ in try RawConnection(port: server.port) }
        for connection in connections {
            connection.send(frame: RawConnection.request(
                id: 1, method: TestService.path("Sleep"), payload: TestMessage(number: 30_000).wireEncoded()))
        }
        let started = await probe.wait { probe.started == 3 }
        XCTAssertTrue(started)
        let client = channel(to: server)
        defer { client.close() }
        let error = await callError { try await client.call("Echo") }
        XCTAssertEqual(error?.code, .resourceExhausted)
        await stop(server)
    }

    func testOversizedMetadataGetsResourceExhausted() async throws {
        let server = try startServer(services: [TestService(probe: Probe())])
        let client = channel(to: server)
        defer { client.close() }
        let error = await callError {
            try await client.call("Echo", options: CallOptions(metadata: ["x-big": String(repeating: "a", count: 9000)]))
        }
        XCTAssertEqual(error?.code, .resourceExhausted)
        _ = try await client.call("Echo")
        await stop(server)
    }

    func testAPeerThatNeverAnswersPingsIsDisconnected() async throws {
        let server = try startServer(services: [TestService(probe: Probe())]) {
            $0.keepaliveInterval = .milliseconds(200)
            $0.keepaliveTimeout = .milliseconds(200)
        }
        let connection = try RawConnection(port: server.port)
        var sawPing = false
        while let frame = connection.readFrame() {
            if frame.kind == .ping { sawPing = true }
        }
        XCTAssertTrue(sawPing)
        await stop(server)
    }

    func testAnIdleConnectionIsClosedWithAGoAway() async throws {
        let server = try startServer(services: [TestService(probe: Probe())]) { $0.idleTimeout = .milliseconds(300) }
        let connection = try RawConnection(port: server.port)
        let goAway = connection.readFrame()
        XCTAssertEqual(goAway?.kind, .goaway)
        XCTAssertTrue(connection.waitForClose())
        await stop(server)
    }
}
