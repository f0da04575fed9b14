import Foundation

/// A structured logger: one JSON object per line on standard error, with the level,
/// the service, the request id and fields.
///
/// Nothing is built for a line below the minimum level: the message and the fields are
/// autoclosures evaluated only after the level check, and the fields a call adds
/// (request id, method) come from a provider run only when a line is written. A call
/// that logs nothing therefore costs a comparison, however many `debug` lines it has.
///
/// Personal data must never reach a log (docs/architecture.md §8). Fields whose key names
/// personal data or secrets are replaced by "[redacted]" whatever their value, so a
/// careless `logger.info("sent", ["phone": phone])` still cannot leak; see
/// `LogRedaction`.
public struct Logger: Sendable {
    /// Computes fields when a line is written.
    public typealias FieldProvider = @Sendable () -> [String: String]

    public let service: String
    public let minimumLevel: LogLevel
    /// Fields attached to every line, given as values.
    private var fixedFields: [String: String] = [:]
    /// Fields attached to every line, computed only for lines that are written.
    private var lateFields: FieldProvider?
    private let sink: LogSink

    public init(service: String, minimumLevel: LogLevel = .info, sink: LogSink = .standardError) {
        self.service = service
        self.minimumLevel = minimumLevel
        self.sink = sink
    }

    /// A logger whose lines all carry `key`.
    public func with(_ key: String, _ value: String) -> Logger {
        var copy = self
        copy.fixedFields[key] = value
        return copy
    }

    /// A logger whose lines all carry the fields `provider` returns, asked for only when
    /// a line is written (after this logger's own fields, which it may override).
    public func with(fields provider: @escaping FieldProvider) -> Logger {
        var copy = self
        if let earlier = lateFields {
            copy.lateFields = { earlier().merging(provider()) { _, later in later } }
        } else {
            copy.lateFields = provider
        }
        return copy
    }

    /// Whether a line at `level` would be written.
    public func isEnabled(_ level: LogLevel) -> Bool { level >= minimumLevel }

    public func debug(_ message: @autoclosure () -> String, _ fields: @autoclosure () -> [String: String] = [:]) {
        log(.debug, message(), fields())
    }

    public func info(_ message: @autoclosure () -> String, _ fields: @autoclosure () -> [String: String] = [:]) {
        log(.info, message(), fields())
    }

    public func warning(_ message: @autoclosure () -> String, _ fields: @autoclosure () -> [String: String] = [:]) {
        log(.warning, message(), fields())
    }

    public func error(_ message: @autoclosure () -> String, _ fields: @autoclosure () -> [String: String] = [:]) {
        log(.error, message(), fields())
    }

    public func log(_ level: LogLevel, _ message: @autoclosure () -> String,
                    _ fields: @autoclosure () -> [String: String] = [:]) {
        guard level >= minimumLevel else { return }
        var line = fixedFields
        if let lateFields { line.merge(lateFields()) { _, late in late } }
        line.merge(fields()) { _, own in own }
        for key in line.keys where LogRedaction.isSensitive(key: key) { line[key] = LogRedaction.placeholder }
        line["level"] = level.rawValue
        line["service"] = service
        line["message"] = message()
        line["time"] = LogLine.timestamp(Date())
        sink.write(LogLine.json(line))
    }
}
