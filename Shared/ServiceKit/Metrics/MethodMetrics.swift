import Synchronization

/// Per-method call counts by status code and latency histograms, for one server.
/// Recorded by the metrics interceptor; read as Prometheus text through the admin RPC.
public final class MethodMetrics: Sendable {
    struct Series: Sendable {
        var callsByCode: [String: UInt64] = [:]
        var latency = LatencyHistogram()
    }

    private let series = Mutex<[String: Series]>([:])

    public init() {}

    /// Records one finished call; `code` is the canonical status name ("OK", "NOT_FOUND").
    public func record(method: String, code: String, seconds: Double) {
        series.withLock { table in
            table[method, default: Series()].callsByCode[code, default: 0] += 1
            table[method, default: Series()].latency.observe(seconds: seconds)
        }
    }

    /// The Prometheus text exposition format (version 0.0.4), methods sorted.
    public func prometheusText(service: String) -> String {
        let snapshot = series.withLock { $0 }
        var out = "# HELP sotay_rpc_calls_total Finished calls by method and status code.\n"
        out += "# TYPE sotay_rpc_calls_total counter\n"
        for method in snapshot.keys.sorted() {
            guard let entry = snapshot[method] else { continue }
            for code in entry.callsByCode.keys.sorted() {
                let labels = PrometheusLabels.render(["service": service, "method": method, "code": code])
                out += "sotay_rpc_calls_total\(labels) \(entry.callsByCode[code] ?? 0)\n"
            }
        }
        out += "# HELP sotay_rpc_latency_seconds Call latency by method, as seen by the server.\n"
        out += "# TYPE sotay_rpc_latency_seconds histogram\n"
        for method in snapshot.keys.sorted() {
            guard let histogram = snapshot[method]?.latency else { continue }
            let cumulative = histogram.cumulativeCounts
            for (index, bound) in LatencyHistogram.bucketBounds.enumerated() {
                let labels = PrometheusLabels.render(["service": service, "method": method, "le": "\(bound)"])
                out += "sotay_rpc_latency_seconds_bucket\(labels) \(cumulative[index])\n"
            }
            let infLabels = PrometheusLabels.render(["service": service, "method": method, "le": "+Inf"])
            out += "sotay_rpc_latency_seconds_bucket\(infLabels) \(histogram.count)\n"
            let labels = PrometheusLabels.render(["service": service, "method": method])
            out += "sotay_rpc_latency_seconds_sum\(labels) \(histogram.sum)\n"
            out += "sotay_rpc_latency_seconds_count\(labels) \(histogram.count)\n"
        }
        return out
    }
}
