import Glibc
import RPC
import RPCContracts
import XCTest

final class CallTests: XCTestCase {
    func testAThousandConcurrentCallsOnOneConnectionCompleteOutOfOrder() async throws {
        let probe = Probe()
        let server = try startServer(services: [TestService(probe: probe)])
        let client = channel(to: server) { $0.connectionsPerAddress = 1 }
        defer { client.close() }
        let results = try await withThrowingTaskGroup(of: (Int, TestMessage).self) { group in
            for index in 0..<1000 {
                group.addTask {
                    // Later calls sleep less, so they overtake earlier ones.
                    let request = TestMessage(text: String(index), number: UInt64((1000 - index) % 50))
                    return (index, try await client.call("Sleep", request))
                }
            }
            var results: [Int: TestMessage] = [:]
            for try await (index, response) in group { results[index] = response }
            return results
        }
        XCTAssertEqual(results.count, 1000)
        for (index, response) in results { XCTAssertEqual(response.text, String(index)) }
        let order = probe.finishedOrder
        XCTAssertEqual(order.count, 1000)
        XCTAssertNotEqual(order, order.sorted(), "handlers finished in arrival order; nothing overtook")
        await stop(server)
    }

    func testAHandlerPastItsDeadlineIsCancelledAndTheCallerGetsDeadlineExceeded() async throws {
        let probe = Probe()
        let server = try startServer(services: [TestService(probe: probe)])
        let client = channel(to: server)
        defer { client.close() }
        let error = await callError {
            try await client.call("Sleep", TestMessage(number: 30_000), options: CallOptions(timeout: .milliseconds(200)))
        }
        XCTAssertEqual(error?.code, .deadlineExceeded)
        let cancelled = await probe.wait { probe.cancelled == 1 }
        XCTAssertTrue(cancelled, "the handler's task was not cancelled")
        await stop(server)
    }

    func testAClientWhoseDeadlinePassesGetsDeadlineExceededEvenIfTheServerNeverAnswers() async throws {
        // A listener that never accepts: the connect succeeds through the backlog,
        // the request goes out, and no answer ever comes.
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) } }
        listen(listener, 16)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) } }
        defer { close(listener) }
        let client = RPCChannel(addresses: [HostPort(host: "127.0.0.1", port: Int(UInt16(bigEndian: address.sin_port)))])
        defer { client.close() }
        let error = await callError {
            try await client.call("Echo", idempotent: true, options: CallOptions(timeout: .milliseconds(300)))
        }
        XCTAssertEqual(error?.code, .deadlineExceeded)
    }

    func testCancellingTheCallersTaskCancelsTheHandler() async throws {
        let probe = Probe()
        let server = try startServer(services: [TestService(probe: probe)])
        let client = channel(to: server)
        defer { client.close() }
        let task = Task { await callError { try await client.call("Sleep", TestMessage(number: 30_000)) } }
        let started = await probe.wait { probe.started == 1 }
        XCTAssertTrue(started)
        task.cancel()
        let error = await task.value
        XCTAssertEqual(error?.code, .cancelled)
        let cancelled = await probe.wait { probe.cancelled == 1 }
        XCTAssertTrue(cancelled, "CANCEL did not reach the handler")
        await stop(server)
    }

    func testAnUnknownMethodIsUnimplemented() async throws {
        let server = try startServer(services: [TestService(probe: Probe())])
        let client = channel(to: server)
        defer { client.close() }
        let error = await callError { try await client.call("NoSuchMethod") }
        XCTAssertEqual(error?.code, .unimplemented)
        await stop(server)
    }

    func testAHandlerThrowingANonStatusErrorGivesUnknownWithoutInternalsAndTheServerStaysUp() async throws {
        let server = try startServer(services: [TestService(probe: Probe())])
        let client = channel(to: server)
        defer { client.close() }
        let error = await callError { try await client.call("Fail") }
        XCTAssertEqual(error?.code, .unknown)
        XCTAssertFalse(error?.message.contains("SELECT") ?? true, "internals leaked: \(String(describing: error))")
        let echoed = try await client.call("Echo", TestMessage(text: "still here"))
        XCTAssertEqual(echoed.text, "still here")
        await stop(server)
    }

    func testARequestThatDoesNotDecodeIsInvalidArgument() async throws {
        let server = try startServer(services: [TestService(probe: Probe())])
        let connection = try RawConnection(port: server.port)
        // Field 1 (bytes) announcing 50 bytes with 2 present.
        connection.send(frame: RawConnection.request(id: 1, method: TestService.path("Echo"), payload: [0x0A, 50, 1, 2]))
        let response = connection.readFrame()
        XCTAssertEqual(response?.kind, .response)
        XCTAssertEqual(response?.status?.code, .invalidArgument)
        XCTAssertTrue(response?.status?.message.contains("TestMessage") ?? false)
        await stop(server)
    }

    func testTheRequestIDAndTheRemainingBudgetPropagateDownstream() async throws {
        let backend = try startServer(services: [TestService(probe: Probe())])
        let backendChannel = channel(to: backend)
        defer { backendChannel.close() }
        let frontend = try startServer(services: [TestService(probe: Probe(), downstream: backendChannel)])
        let client = channel(to: frontend)
        defer { client.close() }
        let seen = try await client.call(
            "Downstream", options: CallOptions(timeout: .seconds(2), metadata: [MetadataKey.requestID: "req-42"]))
        XCTAssertEqual(seen.text, "req-42")
        XCTAssertGreaterThan(seen.number, 0)
        XCTAssertLessThanOrEqual(seen.number, 2000, "the downstream call got more than the caller's budget")
        await stop(frontend)
        await stop(backend)
    }

    func testOptionsFromAParentContextNeverExtendItsDeadline() {
        let parent = CallContext(method: "/a/b", requestID: "r1", deadline: .after(.milliseconds(500)))
        let options = CallOptions(parent: parent, timeout: .seconds(60))
        XCTAssertEqual(options.metadata[MetadataKey.requestID], "r1")
        XCTAssertEqual(options.deadline, parent.deadline)
    }

    func testOnlyIdempotentCallsAreRetriedAndOnlyOnUnavailable() async throws {
        let probe = Probe()
        let server = try startServer(services: [TestService(probe: probe)])
        let client = channel(to: server) { $0.backoff.initial = .milliseconds(5) }
        defer { client.close() }
        let unavailable = UInt64(StatusCode.unavailable.rawValue)

        let retried = try await client.call("Flaky", TestMessage(text: "idempotent", number: unavailable), idempotent: true)
        XCTAssertEqual(retried.number, 3, "the idempotent call should succeed on its third attempt")

        let notRetried = await callError { try await client.call("Flaky", TestMessage(text: "plain", number: unavailable)) }
        XCTAssertEqual(notRetried?.code, .unavailable)
        XCTAssertEqual(probe.attempts("plain"), 1)

        let otherCode = UInt64(StatusCode.aborted.rawValue)
        let notRetriedCode = await callError {
            try await client.call("Flaky", TestMessage(text: "aborted", number: otherCode), idempotent: true)
        }
        XCTAssertEqual(notRetriedCode?.code, .aborted)
        XCTAssertEqual(probe.attempts("aborted"), 1)
        await stop(server)
    }

    func testInterceptorsAuthenticateAndAttachAnIdentityToTheContext() async throws {
        let server = try startServer(services: [TestService(probe: Probe())], interceptors: [TestAuthInterceptor()])
        let anonymous = channel(to: server)
        defer { anonymous.close() }
        let rejected = await callError { try await anonymous.call("Context") }
        XCTAssertEqual(rejected?.code, .unauthenticated)

        let member = channel(to: server, interceptors: [TestTokenInterceptor(token: "member-7")])
        defer { member.close() }
        let seen = try await member.call("Context")
        XCTAssertEqual(String(decoding: seen.data, as: UTF8.self), "member-7")
        await stop(server)
    }

    func testAMethodThatNeverSuspendsIsAnsweredOutsideAnyTaskThroughEveryInterceptor() async throws {
        let server = try startServer(services: [TestService(probe: Probe())], interceptors: [TestAuthInterceptor()])
        let anonymous = channel(to: server)
        defer { anonymous.close() }
        let rejected = await callError { try await anonymous.call("Instant") }
        XCTAssertEqual(rejected?.code, .unauthenticated, "the interceptor's synchronous entry point refuses like the other")

        let member = channel(to: server, interceptors: [TestTokenInterceptor(token: "member-7")])
        defer { member.close() }
        let answer = try await member.call("Instant", options: CallOptions(metadata: [MetadataKey.requestID: "req-instant"]))
        XCTAssertEqual(answer.number, 1, "answered inside a task")
        XCTAssertEqual(String(decoding: answer.data, as: UTF8.self), "member-7")
        XCTAssertEqual(answer.text, "req-instant")
        let failed = await callError { try await member.call("InstantFail") }
        XCTAssertEqual(failed?.code, .unknown)
        XCTAssertFalse(failed?.message.contains("SELECT") ?? true, "internals leaked: \(String(describing: failed))")
        await stop(server)
    }

    func testAMethodThatNeverSuspendsIsAnsweredWhenEveryCallSlotIsTaken() async throws {
        let probe = Probe()
        let server = try startServer(services: [TestService(probe: probe)]) { $0.maxConcurrentCallsPerConnection = 1 }
        let connection = try RawConnection(port: server.port)
        connection.send(frame: RawConnection.request(
            id: 1, method: TestService.path("Sleep"), payload: TestMessage(number: 30_000).wireEncoded()))
        let started = await probe.wait { probe.started == 1 }
        XCTAssertTrue(started)
        connection.send(frame: RawConnection.request(id: 2, method: TestService.path("Echo")))
        XCTAssertEqual(connection.readFrame()?.status?.code, .resourceExhausted, "the one slot is taken")
        connection.send(frame: RawConnection.request(id: 3, method: TestService.path("Instant")))
        let instant = connection.readFrame()
        XCTAssertEqual(instant?.callID, 3)
        XCTAssertNil(instant?.status, "a call that holds no slot is not refused for want of one")
        await stop(server)
    }

    func testStatusErrorsCarryTheirCodeMessageAndFieldViolations() {
        let error = RPCError.invalidArgument(field: "member.phone", "must be 10 digits")
        XCTAssertEqual(error.code, .invalidArgument)
        XCTAssertEqual(error.fieldViolations.first?.field, "member.phone")
        XCTAssertEqual(RPCError(status: error.status), error)
        XCTAssertEqual(RPCError(.ok, "fine").code, .unknown, "an error can never carry OK")
    }
}
