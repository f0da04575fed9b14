import Foundation

/// A structured logger: one JSON object per line on standard error, with the level,
/// the service, the request id and fields.
///
/// Personal data must never reach a log (DESIGN.md §8). Fields whose key names
/// personal data or secrets are replaced by "[redacted]" whatever their value, so a
/// careless `logger.info("sent", ["phone": phone])` still cannot leak; see
/// `LogRedaction`.
public struct Logger: Sendable {
    public let service: String
    public let minimumLevel: LogLevel
    /// Fields attached to every line: the request id, the method.
    public private(set) var context: [String: String]
    private let sink: LogSink

    public init(service: String, minimumLevel: LogLevel = .info, sink: LogSink = .standardError) {
        self.service = service
        self.minimumLevel = minimumLevel
        self.context = [:]
        self.sink = sink
    }

    /// A logger whose lines all carry `key`.
    public func with(_ key: String, _ value: String) -> Logger {
        var copy = self
        copy.context[key] = LogRedaction.redacted(key: key, value: value)
        return copy
    }

    public func debug(_ message: @autoclosure () -> String, _ fields: [String: String] = [:]) {
        log(.debug, message(), fields)
    }

    public func info(_ message: @autoclosure () -> String, _ fields: [String: String] = [:]) {
        log(.info, message(), fields)
    }

    public func warning(_ message: @autoclosure () -> String, _ fields: [String: String] = [:]) {
        log(.warning, message(), fields)
    }

    public func error(_ message: @autoclosure () -> String, _ fields: [String: String] = [:]) {
        log(.error, message(), fields)
    }

    public func log(_ level: LogLevel, _ message: @autoclosure () -> String, _ fields: [String: String] = [:]) {
        guard level >= minimumLevel else { return }
        var line: [String: String] = context
        for (key, value) in fields { line[key] = LogRedaction.redacted(key: key, value: value) }
        line["level"] = level.rawValue
        line["service"] = service
        line["message"] = message()
        line["time"] = LogLine.timestamp(Date())
        sink.write(LogLine.json(line))
    }
}
