import RPC
import Synchronization
import Testing
@testable import ServiceKit

@Suite struct LoggerTests {
    @Test func personalDataNeverReachesALine() {
        let (sink, lines) = LogSink.memory()
        let logger = Logger(service: "auth", sink: sink).with("request-id", "r-1")
        logger.info("code sent", [
            "phone": "0912345678", "card_number": "01234567", "citizen_id": "001090000001",
            "otp_code": "123456", "member_id": "m-42",
        ])
        let line = lines().joined()
        for secret in ["0912345678", "01234567", "001090000001", "123456"] {
            #expect(!line.contains(secret))
        }
        #expect(line.contains("\"member_id\":\"m-42\""))
        #expect(line.contains("\"request-id\":\"r-1\""))
        #expect(line.contains("\"service\":\"auth\""))
    }

    @Test func linesBelowTheMinimumLevelAreDropped() {
        let (sink, lines) = LogSink.memory()
        let logger = Logger(service: "org", minimumLevel: .warning, sink: sink)
        logger.info("quiet")
        logger.error("loud")
        #expect(lines().count == 1)
        #expect(lines().first?.contains("loud") == true)
    }

    @Test func messagesAreEscapedAsJSON() {
        let (sink, lines) = LogSink.memory()
        Logger(service: "org", sink: sink).info("a \"quoted\"\nline\u{1}")
        #expect(lines().first?.contains(#""message":"a \"quoted\"\nline\u0001""#) == true)
    }

    @Test func aLineBelowTheLevelBuildsNothing() {
        let (sink, lines) = LogSink.memory()
        let built = Atomic<Int>(0)
        let logger = Logger(service: "org", minimumLevel: .info, sink: sink)
            .with(fields: { built.add(1, ordering: .relaxed); return ["request_id": "r-1"] })
        func record(_ text: String) -> String { built.add(1, ordering: .relaxed); return text }
        logger.debug(record("message"), ["duration_ms": record("1.00")])
        #expect(built.load(ordering: .relaxed) == 0)
        #expect(lines().isEmpty)
        logger.info(record("message"), ["duration_ms": record("1.00")])
        #expect(built.load(ordering: .relaxed) == 3)
        #expect(lines().first?.contains(#""request_id":"r-1""#) == true)
    }

    @Test func fieldsGivenLateAreRedactedToo() {
        let (sink, lines) = LogSink.memory()
        let logger = Logger(service: "auth", sink: sink)
            .with("Phone_Number", "0912345678")
            .with(fields: { ["citizen_id": "001090000001", "peer_address": "10.0.0.7:5000"] })
        logger.warning("checked")
        let line = lines().joined()
        #expect(!line.contains("0912345678"))
        #expect(!line.contains("001090000001"))
        #expect(line.contains(#""Phone_Number":"[redacted]""#))
        #expect(line.contains(#""peer_address":"10.0.0.7:5000""#))
    }

    @Test func sensitiveKeysAreFoundWhateverTheirCase() {
        for key in ["phone", "PHONE", "home_Address", "x-authorization", "otp", "CardNumber"] {
            #expect(LogRedaction.isSensitive(key: key), "\(key)")
        }
        for key in ["member_id", "method", "request_id", "peer", "PEER", "status", "duration_ms", ""] {
            #expect(!LogRedaction.isSensitive(key: key), "\(key)")
        }
    }

    @Test func aHandlersLoggerCarriesTheCallsRequestIDAndMethod() async throws {
        let (sink, lines) = LogSink.memory()
        let logger = Logger(service: "org", sink: sink)
        let interceptor = CallObservingInterceptor(logger: logger,
                                                   metrics: MethodMetrics(methods: ["/sotay.test.v1.Notes/Ping"]))
        let context = CallContext(method: "/sotay.test.v1.Notes/Ping", requestID: "req-7")
        _ = try await interceptor.intercept(context) { context in
            logger.forCall(context).info("inside")
            return []
        }
        // The call ended OK: its "call finished" line is debug, below this logger's level.
        #expect(lines().count == 1)
        #expect(lines().first?.contains(#""request_id":"req-7""#) == true)
        #expect(lines().first?.contains(#""method":"/sotay.test.v1.Notes/Ping""#) == true)
    }

    @Test func aServerFaultIsLoggedAtErrorWithTheErrorType() async {
        struct DiskOnFire: Error {}
        let (sink, lines) = LogSink.memory()
        let interceptor = CallObservingInterceptor(logger: Logger(service: "org", sink: sink),
                                                   metrics: MethodMetrics(methods: []))
        await #expect(throws: DiskOnFire.self) {
            _ = try await interceptor.intercept(CallContext(method: "/sotay.test.v1.Notes/Ping")) { _ in throw DiskOnFire() }
        }
        let line = lines().joined()
        #expect(line.contains(#""level":"error""#))
        #expect(line.contains(#""status":"UNKNOWN""#))
        #expect(line.contains(#""error_type":"DiskOnFire""#))
    }

    @Test func durationsAreWrittenAsMillisecondsWithTwoDecimals() {
        #expect(CallObservingInterceptor.milliseconds(1_234_000) == "1.23")
        #expect(CallObservingInterceptor.milliseconds(50_000) == "0.05")
        #expect(CallObservingInterceptor.milliseconds(2_000_007_000) == "2000.01")
        #expect(CallObservingInterceptor.milliseconds(0) == "0.00")
    }
}
