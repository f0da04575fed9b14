import RPC
import RPCContracts

/// Watches every call once, outermost: times the call, counts it into `MethodMetrics` and logs how it ended: server faults
/// (UNKNOWN, INTERNAL, DATA_LOSS) at error level with the error's type, everything else
/// at debug level. Only the method, request id, status and duration are logged:
/// requests may carry personal data.
///
/// Built for the call path: one clock reading at the end (the start is when the
/// server read the frame) feeds both the metrics and the log line, the context passes
/// through unchanged, and a line below the logger's level is never formatted.
public struct CallObservingInterceptor: ServerInterceptor {
    public let logger: Logger
    public let metrics: MethodMetrics
    /// The series of the one method this copy watches (`specialized(for:)`); nil in
    /// the general one, which looks the method up on each call.
    private let series: MethodSeries?

    public init(logger: Logger, metrics: MethodMetrics) {
        self.logger = logger
        self.metrics = metrics
        self.series = nil
    }

    private init(_ general: CallObservingInterceptor, method: String) {
        logger = general.logger
        metrics = general.metrics
        series = general.metrics.series(for: method)
    }

    public func specialized(for method: String) -> any ServerInterceptor {
        CallObservingInterceptor(self, method: method)
    }

    public nonisolated(nonsending) func intercept(
        _ context: CallContext, next: nonisolated(nonsending) (CallContext) async throws -> [UInt8]
    ) async throws -> [UInt8] {
        do {
            let response = try await next(context)
            finished(context, .ok, error: nil)
            return response
        } catch {
            finished(context, Self.code(of: error, in: context), error: error)
            throw error
        }
    }

    public func interceptSynchronously(_ context: CallContext, next: (CallContext) throws -> [UInt8]) throws -> [UInt8] {
        do {
            let response = try next(context)
            finished(context, .ok, error: nil)
            return response
        } catch {
            finished(context, Self.code(of: error, in: context), error: error)
            throw error
        }
    }

    /// The code the caller saw. A handler cancelled because its deadline passed (the
    /// server's timer, or the caller's CANCEL saying so) is labelled DEADLINE_EXCEEDED,
    /// not CANCELLED.
    static func code(of error: any Error, in context: CallContext) -> StatusCode {
        switch error {
        case let status as RPCError: status.code
        case is CancellationError:
            context.ending?.deadlineExceeded == true || context.deadline?.hasPassed == true ? .deadlineExceeded : .cancelled
        default: .unknown
        }
    }

    /// Timed from when the server read the call's frame: one clock reading per call.
    private func finished(_ context: CallContext, _ code: StatusCode, error: (any Error)?) {
        let elapsed = context.nanosecondsSinceReceived
        (series ?? metrics.series(for: context.method)).record(code, nanoseconds: elapsed)
        let serverFault = code == .unknown || code == .internal || code == .dataLoss
        let level: LogLevel = serverFault ? .error : .debug
        guard logger.isEnabled(level) else { return }
        var fields = context.logFields
        fields["status"] = StatusName.name(code)
        fields["duration_ms"] = Self.milliseconds(elapsed)
        if serverFault, let error, !(error is RPCError) {
            // The caller saw only "the server failed"; the operator needs the type.
            fields["error_type"] = String(describing: type(of: error))
        }
        logger.log(level, "call finished", fields)
    }

    /// "12.34": `nanoseconds` in milliseconds with two decimals, without Foundation's
    /// formatter.
    static func milliseconds(_ nanoseconds: UInt64) -> String {
        let hundredths = nanoseconds / 10_000 + (nanoseconds % 10_000 >= 5_000 ? 1 : 0)
        let fraction = hundredths % 100
        return "\(hundredths / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }
}
