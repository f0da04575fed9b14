import RPC
import RPCContracts

/// Per-method call counts by status code and latency histograms, for one server.
/// Recorded by `CallObservingInterceptor` for calls that ran and, as the server's
/// `RefusedCallObserver`, for calls the runtime refused before dispatch; read as
/// Prometheus text through the admin RPC.
///
/// Every method the server serves gets its series when the metrics are made, so the
/// table never changes afterwards and recording a call takes no lock: a dictionary
/// read and a few relaxed atomic adds. Any other method name (a client asking for a
/// method that does not exist) is counted under one `unknown` series: method names
/// chosen by clients must not grow the label set without bound.
public final class MethodMetrics: RefusedCallObserver, Sendable {
    static let unknownMethodLabel = "unknown"

    private let series: [String: MethodSeries]
    private let unknownMethods = MethodSeries(method: unknownMethodLabel)

    /// Metrics for a server serving `methods` (paths such as "/sotay.org.v1.OrgService/GetUnit").
    public init(methods: some Sequence<String>) {
        var series: [String: MethodSeries] = [:]
        for method in methods { series[method] = MethodSeries(method: method) }
        self.series = series
    }

    /// Records one finished call.
    public func record(method: String, code: StatusCode, duration: Duration) {
        let (seconds, attoseconds) = duration.components
        let nanoseconds = UInt64(clamping: seconds) &* 1_000_000_000 &+ UInt64(clamping: attoseconds / 1_000_000_000)
        series(for: method).record(code, nanoseconds: nanoseconds)
    }

    /// Counts a call the runtime answered itself; it has no latency worth recording.
    public func callRefused(method: String, code: StatusCode) {
        series(for: method).count(code)
    }

    /// Where calls to `method` are counted: looked up once per method by an
    /// interceptor specialized for it, instead of on every call.
    func series(for method: String) -> MethodSeries {
        series[method] ?? unknownMethods
    }

    /// The Prometheus text exposition format (version 0.0.4), methods sorted; a method
    /// appears once it has been called.
    public func prometheusText(service: String) -> String {
        let readings = (Array(series.values) + [unknownMethods])
            .map { (method: $0.method, calls: $0.callCounts(), latency: $0.latency.snapshot()) }
            .filter { !$0.calls.isEmpty }
            .sorted { $0.method < $1.method }
        var out = "# HELP sotay_rpc_calls_total Finished and refused calls by method and status code.\n"
        out += "# TYPE sotay_rpc_calls_total counter\n"
        for reading in readings {
            for (code, calls) in reading.calls {
                let labels = PrometheusLabels.render(["service": service, "method": reading.method, "code": code])
                out += "sotay_rpc_calls_total\(labels) \(calls)\n"
            }
        }
        out += "# HELP sotay_rpc_latency_seconds Call latency by method, as seen by the server.\n"
        out += "# TYPE sotay_rpc_latency_seconds histogram\n"
        for reading in readings where reading.latency.count > 0 {
            let histogram = reading.latency
            let cumulative = histogram.cumulativeCounts
            for (index, bound) in LatencyHistogram.bucketBounds.enumerated() {
                let labels = PrometheusLabels.render(["service": service, "method": reading.method, "le": "\(bound)"])
                out += "sotay_rpc_latency_seconds_bucket\(labels) \(cumulative[index])\n"
            }
            let infLabels = PrometheusLabels.render(["service": service, "method": reading.method, "le": "+Inf"])
            out += "sotay_rpc_latency_seconds_bucket\(infLabels) \(histogram.count)\n"
            let labels = PrometheusLabels.render(["service": service, "method": reading.method])
            out += "sotay_rpc_latency_seconds_sum\(labels) \(histogram.sumSeconds)\n"
            out += "sotay_rpc_latency_seconds_count\(labels) \(histogram.count)\n"
        }
        return out
    }
}
