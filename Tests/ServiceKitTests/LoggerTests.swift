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
}
