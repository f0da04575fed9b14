import Foundation
import RPC
import RPCContracts
import TestSupport
import XCTest

/// TLS through real sockets: mutual authentication between services, clients with
/// tokens only, and every way a handshake can go wrong, none of which takes the
/// server down.
final class TLSTests: XCTestCase {
    private let org = "org.sotay.internal"
    private let auth = "auth.sotay.internal"

    private func startTLSServer(_ files: TLSFiles, certificate: String = "org", failures: TLSFailures = TLSFailures(),
                                probe: Probe = Probe(), handshakeTimeout: Duration = .seconds(5)) throws -> RPCServer {
        try startServer(services: [TestService(probe: probe), WhoamiService()], tlsFailureObserver: failures) {
            $0.tls = files.server(certificate, handshakeTimeout: handshakeTimeout)
        }
    }

    func testServicesAuthenticateEachOtherAndTheHandlerSeesTheCallersName() async throws {
        let files = try TLSFiles()
        defer { files.remove() }
        try files.issue(org, file: "org")
        try files.issue(auth, file: "auth")
        let server = try startTLSServer(files)
        let client = channel(to: server) { $0.tls = files.client(expecting: org, presenting: "auth") }
        defer { client.close() }
        let name = try await client.whoami()
        XCTAssertEqual(name, auth)
        // Many small calls at once, and one larger than a TLS record many times over.
        let echoed = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<256 {
                group.addTask { try await client.call("Echo", TestMessage(text: String(index), data: [UInt8](repeating: 7, count: 100))).text.count }
            }
            group.addTask { try await client.call("Echo", TestMessage(data: [UInt8](repeating: 9, count: 1_000_000))).data.count }
            return try await group.reduce(0, +)
        }
        XCTAssertEqual(echoed, (0..<256).map { String($0).count }.reduce(0, +) + 1_000_000)
        await stop(server)
    }

    func testAClientWithoutACertificateIsServedWithoutAName() async throws {
        let files = try TLSFiles()
        defer { files.remove() }
        try files.issue(org, file: "org")
        let server = try startTLSServer(files)
        let client = channel(to: server) { $0.tls = files.client(expecting: org) }
        defer { client.close() }
        let name = try await client.whoami()
        XCTAssertEqual(name, "(none)")
        await stop(server)
    }

    func testAServerWithAnotherNameIsRefusedByTheClientAndTheServerStaysUp() async throws {
        let files = try TLSFiles()
        defer { files.remove() }
        try files.issue(org, file: "org")
        let failures = TLSFailures()
        let server = try startTLSServer(files, failures: failures)
        let impostor = channel(to: server) { $0.tls = files.client(expecting: auth); $0.maxAttempts = 1 }
        defer { impostor.close() }
        let error = await callError { try await impostor.call("Echo") }
        XCTAssertEqual(error?.code, .unavailable)
        XCTAssertTrue(error?.message.contains("TLS handshake") ?? false, "\(String(describing: error))")
        XCTAssertTrue(error?.message.contains("certificate verify failed") ?? false, "\(String(describing: error))")
        let honest = channel(to: server) { $0.tls = files.client(expecting: org) }
        defer { honest.close() }
        _ = try await honest.call("Echo")
        await stop(server)
    }

    func testAnExpiredClientCertificateIsRefusedWithAClearLogLine() async throws {
        let files = try TLSFiles()
        defer { files.remove() }
        try files.issue(org, file: "org")
        try files.issue(auth, file: "expired", validity: CertificateValidity(startsIn: -172_800, endsIn: -86_400))
        let failures = TLSFailures()
        let server = try startTLSServer(files, failures: failures)
        let expired = channel(to: server) { $0.tls = files.client(expecting: org, presenting: "expired"); $0.maxAttempts = 1 }
        defer { expired.close() }
        let error = await callError { try await expired.call("Echo") }
        XCTAssertEqual(error?.code, .unavailable)
        XCTAssertTrue(error.map { $0.message.contains("TLS") } ?? false, "\(String(describing: error))")
        let logged = await eventually { failures.reasons.contains { $0.contains("certificate has expired") } }
        XCTAssertTrue(logged, "\(failures.reasons)")
        let valid = channel(to: server) { $0.tls = files.client(expecting: org) }
        defer { valid.close() }
        _ = try await valid.call("Echo")
        await stop(server)
    }

    func testAnExpiredServerCertificateFailsTheCallNamingTheReason() async throws {
        let files = try TLSFiles()
        defer { files.remove() }
        try files.issue(org, file: "org", validity: CertificateValidity(startsIn: -172_800, endsIn: -86_400))
        let server = try startTLSServer(files)
        let client = channel(to: server) { $0.tls = files.client(expecting: org); $0.maxAttempts = 1 }
        defer { client.close() }
        let error = await callError { try await client.call("Echo") }
        XCTAssertEqual(error?.code, .unavailable)
        XCTAssertTrue(error?.message.contains("certificate has expired") ?? false, "\(String(describing: error))")
        await stop(server)
    }

    func testACertificateFromAnotherAuthorityIsRefused() async throws {
        let files = try TLSFiles()
        defer { files.remove() }
        try files.issue(org, file: "org")
        try files.issue(auth, file: "stranger", by: try CertificateIssuer.authority(named: "another authority"))
        let failures = TLSFailures()
        let server = try startTLSServer(files, failures: failures)
        let stranger = channel(to: server) { $0.tls = files.client(expecting: org, presenting: "stranger"); $0.maxAttempts = 1 }
        defer { stranger.close() }
        let error = await callError { try await stranger.call("Echo") }
        XCTAssertEqual(error?.code, .unavailable)
        let logged = await eventually { failures.reasons.contains { $0.contains("certificate verify failed") } }
        XCTAssertTrue(logged, "\(failures.reasons)")
        await stop(server)
    }

    func testAPlaintextClientOnATLSPortIsRefusedAndTheServerStaysUp() async throws {
        let files = try TLSFiles()
        defer { files.remove() }
        try files.issue(org, file: "org")
        let failures = TLSFailures()
        let server = try startTLSServer(files, failures: failures)
        let plain = channel(to: server) { $0.maxAttempts = 1 }
        defer { plain.close() }
        let error = await callError { try await plain.call("Echo") }
        XCTAssertEqual(error?.code, .unavailable)
        let logged = await eventually { failures.reasons.count == 1 }
        XCTAssertTrue(logged, "\(failures.reasons)")
        XCTAssertTrue(failures.reasons.first?.contains("plaintext client") ?? false, "\(failures.reasons)")
        let secure = channel(to: server) { $0.tls = files.client(expecting: org) }
        defer { secure.close() }
        _ = try await secure.call("Echo")
        await stop(server)
    }

    func testAHandshakeThatNeverFinishesIsAbandonedAfterItsTimeout() async throws {
        let files = try TLSFiles()
        defer { files.remove() }
        try files.issue(org, file: "org")
        let failures = TLSFailures()
        let server = try startTLSServer(files, failures: failures, handshakeTimeout: .milliseconds(300))
        let silent = try RawConnection(port: server.port, receiveTimeout: 30)
        XCTAssertNil(silent.readFrame())
        XCTAssertFalse(silent.receiveTimedOut, "the server did not close the silent connection")
        let logged = await eventually { failures.reasons.contains { $0.contains("did not finish") } }
        XCTAssertTrue(logged, "\(failures.reasons)")
        await stop(server)
    }

    func testReloadedCertificatesServeNewConnectionsWhileCallsInFlightFinish() async throws {
        let files = try TLSFiles()
        defer { files.remove() }
        try files.issue("old.sotay.internal", file: "org")
        let probe = Probe()
        let server = try startTLSServer(files, probe: probe)
        let before = channel(to: server) { $0.tls = files.client(expecting: "old.sotay.internal") }
        defer { before.close() }
        let inFlight = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<50 {
                    group.addTask { _ = try await before.call("Gated", TestMessage(text: String(index), number: 10)) }
                }
                try await group.waitForAll()
            }
        }
        let allStarted = await eventually { probe.started == 50 }
        XCTAssertTrue(allStarted)
        try files.issue(org, file: "org")
        try server.reloadTLS()
        let after = channel(to: server) { $0.tls = files.client(expecting: org) }
        defer { after.close() }
        _ = try await after.call("Echo")
        let stale = channel(to: server) { $0.tls = files.client(expecting: "old.sotay.internal"); $0.maxAttempts = 1 }
        defer { stale.close() }
        let staleError = await callError { try await stale.call("Echo") }
        XCTAssertEqual(staleError?.code, .unavailable, "a new connection still got the old certificate")
        probe.openGate()
        try await inFlight.value
        _ = try await before.call("Echo")
        await stop(server)
    }

    func testAServerWhoseCertificateCannotBeReadDoesNotStartAndSaysWhich() throws {
        let files = try TLSFiles()
        defer { files.remove() }
        XCTAssertThrowsError(try startTLSServer(files, certificate: "missing")) { error in
            XCTAssertTrue("\(error)".contains(files.path("missing.crt")), "\(error)")
        }
    }

    func testAChannelWhoseAuthorityCannotBeReadFailsItsCallsSayingWhy() async throws {
        let files = try TLSFiles()
        defer { files.remove() }
        try files.issue(org, file: "org")
        let server = try startTLSServer(files)
        let client = channel(to: server) {
            $0.tls = TLSConfiguration(caFile: files.path("nowhere.crt"), serverName: "org.sotay.internal")
            $0.maxAttempts = 1
        }
        defer { client.close() }
        let error = await callError { try await client.call("Echo") }
        XCTAssertEqual(error?.code, .unavailable)
        XCTAssertTrue(error?.message.contains(files.path("nowhere.crt")) ?? false, "\(String(describing: error))")
        await stop(server)
    }
}
