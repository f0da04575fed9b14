import CEchoBaseline
import Foundation
import ServiceBench

/// One run of the C load generator (Tools/CEchoBaseline) on a thread of its own,
/// pinned to `cpu`, against 127.0.0.1:`port`, with `serverPID`'s CPU read from /proc
/// around the measured window (a separate warm-up run comes first).
struct LoadRun {
    let port: Int
    let mode: Int32
    let tail: [UInt8]
    let connections: Int
    let inFlight: Int
    let cpu: Int32
    let seconds: Double
    /// Whether the server runs in this process (the C echo): its CPU is then the
    /// process's minus the load generator thread's.
    var serverInThisProcess = false

    struct Outcome {
        let calls: UInt64
        let errors: UInt64
        let seconds: Double
        let latency: LatencySummary
        /// Microseconds of the server's CPU per call.
        let serverCPUPerCall: Double
        var callsPerSecond: Double { Double(calls) / seconds }
    }

    /// nil when a connection could not be made or broke (the message says which run).
    func run(serverCPU: () -> Double?) async -> Outcome? {
        guard await drive(seconds: 0.3) != nil else { return nil }
        guard let before = serverCPU(), let measured = await drive(seconds: seconds), let after = serverCPU() else { return nil }
        let result = measured.result
        return Outcome(calls: result.calls, errors: result.errors, seconds: result.elapsed_seconds,
                       latency: LatencySummary(nanoseconds: measured.latencies),
                       serverCPUPerCall: (after - before - (serverInThisProcess ? result.client_cpu_seconds : 0)) / Double(max(result.calls, 1)) * 1e6)
    }

    private func drive(seconds: Double) async -> (result: ceb_load_result, latencies: [UInt64])? {
        let (port, mode, tail, connections, inFlight, cpu) = (port, mode, tail, connections, inFlight, cpu)
        return await withCheckedContinuation { continuation in
            // A thread of its own (not the cooperative pool), so that pinning it to the
            // load generator's core leaves every other thread of this process where it was.
            let thread = Thread {
                var latencies = [UInt64](repeating: 0, count: 4_000_000)
                var result = ceb_load_result()
                let status = tail.withUnsafeBufferPointer { tailBytes in
                    latencies.withUnsafeMutableBufferPointer { samples in
                        // The pointers live for this closure only, which spans the whole run.
                        var config = ceb_load_config(
                            port: Int32(port), connections: Int32(connections),
                            in_flight_per_connection: Int32(max(1, inFlight / connections)), mode: mode,
                            request_tail: tailBytes.baseAddress, request_tail_length: tailBytes.count, pin_cpu: cpu,
                            warmup_seconds: 0, duration_seconds: seconds,
                            latencies: samples.baseAddress, latency_capacity: samples.count)
                        return ceb_run_load(&config, &result)
                    }
                }
                latencies.removeLast(latencies.count - result.latency_count)
                continuation.resume(returning: status == 0 ? (result, latencies) : nil)
            }
            thread.start()
        }
    }
}
