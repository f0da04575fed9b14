/// What one run measured: throughput, latency percentiles and server CPU per call.
struct Measurement {
    var callsPerSecond: Double
    var p50: Double
    var p99: Double
    var p999: Double
    /// Microseconds of server CPU per call; nil when not measurable (RPCChannel runs
    /// share the process's CPU between client and server).
    var serverCPUPerCall: Double?
    var errors: UInt64

    init(calls: UInt64, errors: UInt64, seconds: Double, latencies: inout [UInt64], serverCPUSeconds: Double?) {
        callsPerSecond = Double(calls) / seconds
        latencies.sort()
        func percentile(_ p: Double) -> Double {
            guard !latencies.isEmpty else { return .nan }
            let index = min(latencies.count - 1, Int(Double(latencies.count) * p))
            return Double(latencies[index]) / 1000
        }
        p50 = percentile(0.50)
        p99 = percentile(0.99)
        p999 = percentile(0.999)
        serverCPUPerCall = serverCPUSeconds.map { $0 / Double(max(calls, 1)) * 1e6 }
        self.errors = errors
    }
}
