import Foundation
import RPC
import RPCContracts

/// What the test handlers observed, for assertions from the test's side.
final class Probe: @unchecked Sendable {
    // Safety (@unchecked Sendable): every property is read and written under `lock`.
    private let lock = NSLock()
    private var _started = 0
    private var _cancelled = 0
    private var _finished: [UInt64] = []
    private var _attempts: [String: Int] = [:]
    private var _gateOpen = false
    private var _gateWaiters: [Int: CheckedContinuation<Void, any Error>] = [:]
    private var _nextGateWaiter = 0

    var started: Int { lock.withLock { _started } }
    var cancelled: Int { lock.withLock { _cancelled } }
    var finishedOrder: [UInt64] { lock.withLock { _finished } }
    func attempts(_ key: String) -> Int { lock.withLock { _attempts[key, default: 0] } }

    var isGateOpen: Bool { lock.withLock { _gateOpen } }

    /// Lets every Gated call (waiting or to come) answer.
    func openGate() {
        let waiters = lock.withLock {
            _gateOpen = true
            defer { _gateWaiters = [:] }
            return _gateWaiters
        }
        for waiter in waiters.values { waiter.resume() }
    }

    /// Returns once the gate is open; throws CancellationError if the task is cancelled first.
    func passGate() async throws {
        let id = lock.withLock {
            _nextGateWaiter += 1
            return _nextGateWaiter
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let now: Result<Void, any Error>? = lock.withLock {
                    if _gateOpen { return .success(()) }
                    // Cancelled before registering: the handler below found nothing to resume.
                    if Task.isCancelled { return .failure(CancellationError()) }
                    _gateWaiters[id] = continuation
                    return nil
                }
                if let now { continuation.resume(with: now) }
            }
        } onCancel: {
            let waiter = lock.withLock { _gateWaiters.removeValue(forKey: id) }
            waiter?.resume(throwing: CancellationError())
        }
    }

    func didStart() { lock.withLock { _started += 1 } }
    func didCancel() { lock.withLock { _cancelled += 1 } }
    func didFinish(_ number: UInt64) { lock.withLock { _finished.append(number) } }
    func nextAttempt(_ key: String) -> Int {
        lock.withLock {
            _attempts[key, default: 0] += 1
            return _attempts[key, default: 0]
        }
    }

    /// Polls `condition` until it holds or `timeout` passes.
    func wait(timeout: Duration = .seconds(10), _ condition: () -> Bool) async -> Bool {
        let end = ContinuousClock.now + timeout
        while ContinuousClock.now < end {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return condition()
    }
}

struct HandlerSecretError: Error, CustomStringConvertible {
    var description: String { "SELECT password FROM secrets -- internal detail" }
}

/// The methods the tests call: echo, sleep (cancellable), failures, big responses,
/// context reporting, a downstream hop, a flaky method, and two that never suspend.
struct TestService: RPCService {
    static let name = "sotay.test.v1.TestService"
    static func path(_ method: String) -> String { "/\(name)/\(method)" }

    let probe: Probe
    /// Where Downstream calls go.
    let downstream: RPCChannel?

    init(probe: Probe, downstream: RPCChannel? = nil) {
        self.probe = probe
        self.downstream = downstream
    }

    var serviceName: String { TestService.name }

    var methods: [RPCMethod] {
        [
            .unary(path: TestService.path("Echo")) { (request: TestMessage, _) in request },
            .unary(path: TestService.path("Sleep")) { (request: TestMessage, _) in
                // Sleeps `number` ms, then reports completion; records cancellation.
                probe.didStart()
                do {
                    try await Task.sleep(for: .milliseconds(Int(request.number)))
                } catch {
                    probe.didCancel()
                    throw error
                }
                probe.didFinish(UInt64(request.text) ?? 0)
                return request
            },
            .unary(path: TestService.path("Stubborn")) { (request: TestMessage, _) in
                // Ignores cancellation, like a handler stuck in a blocking call.
                probe.didStart()
                let end = ContinuousClock.now + .milliseconds(Int(request.number))
                while ContinuousClock.now < end { await Task.yield(); usleep(1_000) }
                return request
            },
            .unary(path: TestService.path("Gated")) { (request: TestMessage, _) in
                // Waits until the test opens the gate, then answers `number` bytes (echoing
                // `text`): many responses produced at once, when the test chooses.
                // Reports completion (the number in `text`) or cancellation.
                probe.didStart()
                do {
                    try await probe.passGate()
                } catch {
                    probe.didCancel()
                    throw error
                }
                probe.didFinish(UInt64(request.text) ?? 0)
                return TestMessage(text: request.text, data: [UInt8](repeating: 0x47, count: Int(request.number)))
            },
            .unary(path: TestService.path("HogLoop")) { (request: TestMessage, _) in
                // Blocks its event loop's thread (never suspending) until the gate opens,
                // so that a test can line up work for the loop's next turn.
                probe.didStart()
                while !probe.isGateOpen { usleep(1_000) }
                return request
            },
            .unary(path: TestService.path("Record")) { (request: TestMessage, _) in
                // Answers at once, noting `number` in the order calls were handled.
                probe.didFinish(request.number)
                return request
            },
            .unary(path: TestService.path("Fail")) { (_: TestMessage, _) -> TestMessage in
                throw HandlerSecretError()
            },
            .unary(path: TestService.path("Big")) { (request: TestMessage, _) in
                probe.didStart()
                return TestMessage(data: [UInt8](repeating: 0x5A, count: Int(request.number)))
            },
            .unary(path: TestService.path("Context")) { (_: TestMessage, context) in
                // text: request id; number: remaining ms (0 without a deadline); data: identity.
                let remaining = context.remainingTime.map { UInt64($0 / .milliseconds(1)) } ?? 0
                return TestMessage(text: context.requestID, number: remaining,
                                   data: Array((context[IdentityKey.self] ?? "").utf8))
            },
            .unary(path: TestService.path("Downstream")) { (request: TestMessage, context) in
                guard let downstream else { throw RPCError(.failedPrecondition, "no downstream") }
                return try await downstream.unary(
                    path: TestService.path("Context"), request: request, response: TestMessage.self,
                    idempotent: true, options: CallOptions(parent: context))
            },
            .synchronousUnary(path: TestService.path("Instant")) { (_: TestMessage, context) in
                // number: 1 when answered outside any task; data: identity.
                let outsideATask = withUnsafeCurrentTask { $0 == nil }
                return TestMessage(text: context.requestID, number: outsideATask ? 1 : 0,
                                   data: Array((context[IdentityKey.self] ?? "").utf8))
            },
            .synchronousUnary(path: TestService.path("InstantFail")) { (_: TestMessage, _) -> TestMessage in
                throw HandlerSecretError()
            },
            .unary(path: TestService.path("Flaky")) { (request: TestMessage, _) in
                // Fails with the code in `number` for the first two attempts per key.
                let attempt = probe.nextAttempt(request.text)
                if attempt <= 2 { throw RPCError(StatusCode(rawValue: Int32(request.number)), "flaky attempt \(attempt)") }
                return TestMessage(text: request.text, number: UInt64(attempt))
            },
        ]
    }
}

/// Where the test interceptor puts the caller's identity.
enum IdentityKey: CallContextKey {
    typealias Value = String
}

/// Accepts "Bearer <name>" and stores <name> as the identity; rejects anything else
/// on methods other than Health.
struct TestAuthInterceptor: ServerInterceptor {
    nonisolated(nonsending) func intercept(
        _ context: CallContext, next: nonisolated(nonsending) (CallContext) async throws -> [UInt8]
    ) async throws -> [UInt8] {
        try await next(identified(context))
    }

    func interceptSynchronously(_ context: CallContext, next: (CallContext) throws -> [UInt8]) throws -> [UInt8] {
        try next(identified(context))
    }

    private func identified(_ context: CallContext) throws -> CallContext {
        guard let header = context.metadata[MetadataKey.authorization], header.hasPrefix("Bearer ") else {
            throw RPCError(.unauthenticated, "missing bearer token")
        }
        var context = context
        context[IdentityKey.self] = String(header.dropFirst("Bearer ".count))
        return context
    }
}

/// Adds a bearer token to every outgoing call.
struct TestTokenInterceptor: ClientInterceptor {
    let token: String
    func intercept(_ call: OutgoingCall, next: (OutgoingCall) async throws -> [UInt8]) async throws -> [UInt8] {
        var call = call
        call.metadata[MetadataKey.authorization] = "Bearer \(token)"
        return try await next(call)
    }
}
