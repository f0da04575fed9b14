import Foundation
import RPC

enum CallLoggerKey: CallContextKey {
    typealias Value = Logger
}

extension CallContext {
    /// A logger whose lines carry this call's request id and method (DESIGN.md §6);
    /// nil when the server runs without `CallLoggingInterceptor`.
    public var logger: Logger? { self[CallLoggerKey.self] }
}

/// Gives every handler a logger tagged with the call's request id and method, and
/// logs each call that ends in a server-side failure (UNKNOWN, INTERNAL, DATA_LOSS) at
/// error level and every other call at debug level. Only the method, the status and
/// the duration are logged: requests may carry personal data.
public struct CallLoggingInterceptor: ServerInterceptor {
    public let logger: Logger

    public init(logger: Logger) {
        self.logger = logger
    }

    public func intercept(
        _ context: CallContext, next: (CallContext) async throws -> [UInt8]
    ) async throws -> [UInt8] {
        let callLogger = logger.with("request_id", context.requestID).with("method", context.method)
        var context = context
        context[CallLoggerKey.self] = callLogger
        let started = ContinuousClock.now
        do {
            let response = try await next(context)
            log(callLogger, error: nil, since: started)
            return response
        } catch {
            log(callLogger, error: error, since: started)
            throw error
        }
    }

    private func log(_ logger: Logger, error: (any Error)?, since started: ContinuousClock.Instant) {
        let status = StatusName.of(error)
        let serverFault = ["UNKNOWN", "INTERNAL", "DATA_LOSS"].contains(status)
        let milliseconds = (ContinuousClock.now - started) / .milliseconds(1)
        logger.log(serverFault ? .error : .debug, "call finished",
                   ["status": status, "duration_ms": String(format: "%.2f", milliseconds)])
        if serverFault, let error, !(error is RPCError) {
            // The caller saw only "the server failed"; the operator needs the type.
            logger.error("handler threw a non-status error", ["error_type": String(describing: type(of: error))])
        }
    }
}
