import RPC
import RPCContracts
import TestSupport
import Testing
@testable import ServiceKit

@Suite struct MetricsTests {
    static let getUnit = "/sotay.org.v1.OrgService/GetUnit"

    @Test func countsAndHistogramsRenderAsPrometheusText() {
        let metrics = MethodMetrics(methods: [Self.getUnit])
        metrics.record(method: Self.getUnit, code: .ok, duration: .microseconds(400))
        metrics.record(method: Self.getUnit, code: .ok, duration: .milliseconds(3))
        metrics.record(method: Self.getUnit, code: .notFound, duration: .milliseconds(20))
        let text = metrics.prometheusText(service: "org")
        #expect(text.contains(#"sotay_rpc_calls_total{code="OK",method="/sotay.org.v1.OrgService/GetUnit",service="org"} 2"#))
        #expect(text.contains(#"sotay_rpc_calls_total{code="NOT_FOUND",method="/sotay.org.v1.OrgService/GetUnit",service="org"} 1"#))
        #expect(text.contains(#"sotay_rpc_latency_seconds_bucket{le="0.0005",method="/sotay.org.v1.OrgService/GetUnit",service="org"} 1"#))
        #expect(text.contains(#"sotay_rpc_latency_seconds_bucket{le="0.005",method="/sotay.org.v1.OrgService/GetUnit",service="org"} 2"#))
        #expect(text.contains(#"sotay_rpc_latency_seconds_bucket{le="+Inf",method="/sotay.org.v1.OrgService/GetUnit",service="org"} 3"#))
        #expect(text.contains(#"sotay_rpc_latency_seconds_count{method="/sotay.org.v1.OrgService/GetUnit",service="org"} 3"#))
        #expect(text.contains(#"sotay_rpc_latency_seconds_sum{method="/sotay.org.v1.OrgService/GetUnit",service="org"} 0.0234"#))
    }

    @Test func methodNamesTheServerDoesNotServeShareOneUnknownSeries() {
        let metrics = MethodMetrics(methods: [Self.getUnit])
        for index in 0..<50 { metrics.callRefused(method: "/made.up/Method\(index)", code: .unimplemented) }
        let text = metrics.prometheusText(service: "org")
        #expect(text.contains(#"sotay_rpc_calls_total{code="UNIMPLEMENTED",method="unknown",service="org"} 50"#))
        #expect(!text.contains("made.up"))
        // Refused calls never ran, so they have no latency.
        #expect(!text.contains(#"sotay_rpc_latency_seconds_count{method="unknown""#))
    }

    @Test func aMethodNotCalledYetIsNotListed() {
        let metrics = MethodMetrics(methods: [Self.getUnit])
        #expect(!metrics.prometheusText(service: "org").contains("GetUnit"))
    }

    @Test func aMethodServedWithoutATaskIsCountedAndTimedInItsOwnSeries() async throws {
        let server = try ObservedServer()
        for _ in 0..<3 {
            _ = try await server.channel.unary(path: HealthMethod.check, request: HealthCheckRequest(),
                                               response: HealthCheckResponse.self, idempotent: true, options: CallOptions())
        }
        let text = server.text()
        #expect(text.contains("sotay_rpc_calls_total{code=\"OK\",method=\"\(HealthMethod.check)\",service=\"test\"} 3"))
        #expect(text.contains("sotay_rpc_latency_seconds_count{method=\"\(HealthMethod.check)\",service=\"test\"} 3"))
        #expect(!text.contains("method=\"\(SlowService.waitPath)\""), "another method's series counted the calls")
        await server.stop()
    }

    @Test func aCallToAnUnknownMethodIsCountedThoughNoInterceptorSawIt() async throws {
        let server = try ObservedServer()
        let status = await statusCode {
            _ = try await server.channel.unary(path: "/sotay.org.v1.OrgService/NoSuchMethod", request: HealthCheckRequest(),
                                               response: HealthCheckResponse.self, idempotent: true, options: CallOptions())
        }
        #expect(status == .unimplemented)
        #expect(server.text().contains(#"sotay_rpc_calls_total{code="UNIMPLEMENTED",method="unknown",service="test"} 1"#))
        await server.stop()
    }

    @Test func aCallWhoseDeadlinePassedIsLabelledDeadlineExceeded() async throws {
        let server = try ObservedServer()
        let status = await statusCode {
            _ = try await server.channel.unary(path: SlowService.waitPath, request: HealthCheckRequest(),
                                               response: HealthCheckResponse.self, idempotent: false,
                                               options: CallOptions(timeout: .milliseconds(50)))
        }
        #expect(status == .deadlineExceeded)
        // The handler is cancelled on the server's loop after the client has its answer;
        // wait for the interceptor to have recorded it.
        let expected = #"sotay_rpc_calls_total{code="DEADLINE_EXCEEDED",method="/sotay.test.v1.Slow/Wait",service="test"} 1"#
        let recorded = await eventually { server.text().contains(expected) }
        #expect(recorded)
        #expect(!server.text().contains(#"code="CANCELLED""#))
        await server.stop()
    }

    @Test func countsAreExactUnderConcurrentCallsFromSeveralConnections() async throws {
        let server = try ObservedServer()
        let clients = 4
        let callsPerClient = 250
        let channels = (0..<clients).map { _ in
            RPCChannel(addresses: [HostPort(host: "127.0.0.1", port: server.server.port)],
                       configuration: ChannelConfiguration(defaultTimeout: .seconds(60)))
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for channel in channels {
                for _ in 0..<callsPerClient {
                    group.addTask {
                        _ = try await channel.unary(path: HealthMethod.check, request: HealthCheckRequest(),
                                                    response: HealthCheckResponse.self, idempotent: true, options: CallOptions())
                    }
                }
            }
            try await group.waitForAll()
        }
        for channel in channels { channel.close() }
        let total = clients * callsPerClient
        let text = server.text()
        #expect(text.contains(#"sotay_rpc_calls_total{code="OK",method="/sotay.rpc.v1.Health/Check",service="test"} \#(total)"#))
        #expect(text.contains(#"sotay_rpc_latency_seconds_count{method="/sotay.rpc.v1.Health/Check",service="test"} \#(total)"#))
        await server.stop()
    }
}

/// A method that waits until it is cancelled, for deadline tests.
struct SlowService: RPCService {
    static let waitPath = "/sotay.test.v1.Slow/Wait"

    var serviceName: String { "sotay.test.v1.Slow" }

    var methods: [RPCMethod] {
        [RPCMethod.unary(path: Self.waitPath) { (_: HealthCheckRequest, _) in
            try await Task.sleep(for: .seconds(600))
            return HealthCheckResponse()
        }]
    }
}

/// An RPC server on port 0 observed as ServiceMain observes one: `CallObservingInterceptor`
/// and `MethodMetrics` as its refused-call observer.
struct ObservedServer {
    let server: RPCServer
    let metrics: MethodMetrics
    let channel: RPCChannel

    init() throws {
        metrics = MethodMetrics(methods: [SlowService.waitPath, HealthMethod.check])
        server = RPCServer(
            configuration: ServerConfiguration(host: "127.0.0.1", port: 0),
            services: [SlowService()],
            interceptors: [CallObservingInterceptor(logger: Logger(service: "test", sink: LogSink { _ in }), metrics: metrics)],
            refusedCallObserver: metrics)
        try server.start()
        channel = RPCChannel(addresses: [HostPort(host: "127.0.0.1", port: server.port)],
                             configuration: ChannelConfiguration(defaultTimeout: .seconds(60)))
    }

    func text() -> String { metrics.prometheusText(service: "test") }

    func stop() async {
        channel.close()
        server.shutdownNow()
        await server.waitUntilStopped()
    }
}
