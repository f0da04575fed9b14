import CEchoBaseline
import ServiceBench
import ServiceKit

/// The same work as a measured call done in this process with the service's own
/// library (`InProcessService`: token check, decode, handler with its SQLite read and
/// decryption, encode), `inFlight` calls at a time like the load generator: this
/// process's CPU per call is the denominator of the stack overhead.
struct InProcessRun {
    let service: InProcessService
    let frame: RequestFrame
    let inFlight: Int
    let seconds: Double

    /// Microseconds of CPU per call, and the number of calls that failed.
    func run() async -> (cpuPerCall: Double, calls: Int, failures: Int) {
        _ = await calls(for: 0.2)  // warm-up: statement caches, page cache
        let before = ceb_process_cpu_seconds()
        let (calls, failures) = await calls(for: seconds)
        let cpu = ceb_process_cpu_seconds() - before
        return (cpu / Double(max(calls, 1)) * 1e6, calls, failures)
    }

    private func calls(for seconds: Double) async -> (Int, Int) {
        let end = ContinuousClock.now + .seconds(seconds)
        let (service, frame) = (service, frame)
        return await withTaskGroup(of: (Int, Int).self) { group in
            for _ in 0..<inFlight {
                group.addTask {
                    var (calls, failures) = (0, 0)
                    while ContinuousClock.now < end {
                        do {
                            _ = try await service.call(frame.method, payload: frame.payload, metadata: frame.metadata)
                        } catch {
                            failures += 1
                        }
                        calls += 1
                    }
                    return (calls, failures)
                }
            }
            var total = (0, 0)
            for await (calls, failures) in group { total = (total.0 + calls, total.1 + failures) }
            return total
        }
    }
}
