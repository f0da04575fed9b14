import RPCContracts

/// The error every RPC call throws: a status whose code is never OK.
///
/// Handlers throw it to answer with a status (`throw RPCError(.notFound, "no unit 42")`);
/// callers catch it from generated clients. Any other error a handler throws reaches
/// the caller as UNKNOWN with a fixed message, so internals never leak.
public struct RPCError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Never `.ok`.
    public let code: StatusCode
    /// For humans: never personal data, never internals.
    public var message: String
    /// For INVALID_ARGUMENT: one entry per offending field.
    public var fieldViolations: [FieldViolation]

    /// A status error; `.ok` is not an error and becomes UNKNOWN.
    public init(_ code: StatusCode, _ message: String = "", fieldViolations: [FieldViolation] = []) {
        self.code = code == .ok ? .unknown : code
        self.message = code == .ok ? "a handler threw status OK" : message
        self.fieldViolations = fieldViolations
    }

    /// The error carried by a status read from the wire.
    public init(status: Status) {
        self.init(status.code, status.message, fieldViolations: status.fieldViolations)
    }

    /// INVALID_ARGUMENT naming the offending field.
    public static func invalidArgument(field: String, _ description: String) -> RPCError {
        var violation = FieldViolation()
        violation.field = field
        violation.description = description
        return RPCError(.invalidArgument, "\(field): \(description)", fieldViolations: [violation])
    }

    /// The status to put on the wire.
    public var status: Status {
        var status = Status()
        status.code = code
        status.message = message
        status.fieldViolations = fieldViolations
        return status
    }

    public var description: String {
        message.isEmpty ? "\(code)" : "\(code): \(message)"
    }
}
