import RPC

/// Counts every call by method and status code and times it into `MethodMetrics`.
public struct MetricsInterceptor: ServerInterceptor {
    public let metrics: MethodMetrics

    public init(metrics: MethodMetrics) {
        self.metrics = metrics
    }

    public func intercept(
        _ context: CallContext, next: (CallContext) async throws -> [UInt8]
    ) async throws -> [UInt8] {
        let started = ContinuousClock.now
        do {
            let response = try await next(context)
            record(context.method, error: nil, since: started)
            return response
        } catch {
            record(context.method, error: error, since: started)
            throw error
        }
    }

    private func record(_ method: String, error: (any Error)?, since started: ContinuousClock.Instant) {
        let elapsed = (ContinuousClock.now - started).components
        let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        metrics.record(method: method, code: StatusName.of(error), seconds: seconds)
    }
}
