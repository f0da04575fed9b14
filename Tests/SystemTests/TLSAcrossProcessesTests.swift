import Foundation
import RPC
import RPCContracts
import ServiceKit
import TestSupport
import Testing

/// The real executables with TLS on, as `sotay up` runs them: a plaintext client is
/// refused and logged while the service goes on, and renewed certificates are taken
/// up on SIGHUP without a call failing.
@Suite struct TLSAcrossProcessesTests {
    private func health(_ channel: RPCChannel) async throws -> HealthCheckResponse.ServingStatus {
        try await channel.unary(path: "/sotay.rpc.v1.Health/Check", request: HealthCheckRequest(),
                                response: HealthCheckResponse.self, idempotent: true, options: CallOptions()).status
    }

    @Test func aPlaintextClientIsRefusedWithALogLineAndTheServiceGoesOn() async throws {
        let statuses = try await RunningSuite.run({ try await RunningSuite.start([.org, .auth]) }) { suite in
            var configuration = ChannelConfiguration(defaultTimeout: .seconds(10))
            configuration.maxAttempts = 1
            let plain = RPCChannel(addresses: [HostPort(host: "127.0.0.1", port: try #require(suite.processes[.org]).port)],
                                   configuration: configuration)
            defer { plain.close() }
            await #expect(throws: RPCError.self) { try await health(plain) }
            let logged = await eventually { (suite.processes[.org]?.logText ?? "").contains("TLS handshake refused") }
            #expect(logged, "org's log: \((suite.processes[.org]?.logText ?? ""))")
            let secure = suite.newChannel(to: .org)
            defer { secure.close() }
            let status = try await health(secure)
            #expect(status == .serving)
        }
        #expect(statuses == [.org: 0, .auth: 0])
    }

    @Test func renewedCertificatesAreTakenUpOnSIGHUPWithoutACallFailing() async throws {
        let statuses = try await RunningSuite.run({ try await RunningSuite.start([.org, .auth]) }) { suite in
            let channel = suite.newChannel(to: .org)
            defer { channel.close() }
            let reloaded = Reloaded()
            // Calls keep going on open connections until the reload has been logged.
            let calls = Task {
                try await withThrowingTaskGroup(of: Int.self) { group in
                    for _ in 0..<8 {
                        group.addTask {
                            var count = 0
                            while !reloaded.seen || count < 5 {
                                let status = try await health(channel)
                                #expect(status == .serving)
                                count += 1
                            }
                            return count
                        }
                    }
                    return try await group.reduce(0, +)
                }
            }
            try SuiteCertificates.renew(in: suite.dataFolder)
            suite.processes[.org]?.signal(SIGHUP)
            let logged = await eventually { (suite.processes[.org]?.logText ?? "").contains("TLS certificate reloaded") }
            reloaded.seen = true
            #expect(logged, "org's log: \((suite.processes[.org]?.logText ?? ""))")
            let callsMade = try await calls.value
            #expect(callsMade >= 40)
            // A new connection gets the renewed certificate, which the same authority vouches for.
            let fresh = suite.newChannel(to: .org)
            defer { fresh.close() }
            let freshStatus = try await health(fresh)
            #expect(freshStatus == .serving)
        }
        #expect(statuses == [.org: 0, .auth: 0])
    }
}

/// Whether the reload was seen, shared with the calling tasks.
private final class Reloaded: @unchecked Sendable {
    // Safety (@unchecked Sendable): `_seen` is read and written under `lock` only.
    private let lock = NSLock()
    private var _seen = false

    var seen: Bool {
        get { lock.withLock { _seen } }
        set { lock.withLock { _seen = newValue } }
    }
}
