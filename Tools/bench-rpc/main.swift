import CEchoBaseline
import Foundation
import RPC
import RPCContracts
import Wire

// bench-rpc: the RPC runtime against a minimal C echo over epoll, both driven by the
// same C load generator (Tools/CEchoBaseline), in one run. Also the same echo driven
// through RPCChannel. Only 2 cores here: load generator and server share them.
//
//   swift run -c release --scratch-path .build-rpc bench-rpc [seconds-per-run] [--pin-server]
//
// The load generator's thread is pinned to the last core. With --pin-server the
// servers' threads are pinned to core 0, each side getting a core of its own;
// without it they float, and the scheduler sometimes puts a server beside the load
// generator, which changes the C baseline far more than ours (see docs/rpc.md).

let arguments = CommandLine.arguments.dropFirst()
let seconds = arguments.compactMap(Double.init).first ?? 1.5
let pinServer = arguments.contains("--pin-server")
if pinServer { ceb_pin_current_thread(0) }  // Threads started from here on inherit it.
let warmup = 0.3
let serverLoops = 2
/// The load generator's thread stays on the last core; the servers' threads float.
let loadGeneratorCPU = Int32(ProcessInfo.processInfo.activeProcessorCount - 1)
let sizes = [100, 4096]
let shapes: [(connections: Int, inFlight: Int)] = [(1, 1), (1, 16), (1, 128), (4, 1), (4, 16), (4, 128)]

/// Runs the C load generator against `port`.
func drive(port: Int, mode: Int32, tail: [UInt8], connections: Int, inFlight: Int) -> Measurement? {
    var latencies = [UInt64](repeating: 0, count: 8_000_000)
    var result = ceb_load_result()
    let cpuBefore = ceb_process_cpu_seconds()
    let status = tail.withUnsafeBufferPointer { tailBytes in
        latencies.withUnsafeMutableBufferPointer { samples in
            var config = ceb_load_config(
                port: Int32(port), connections: Int32(connections),
                in_flight_per_connection: Int32(max(1, inFlight / connections)), mode: mode,
                request_tail: tailBytes.baseAddress, request_tail_length: tailBytes.count,
                pin_cpu: loadGeneratorCPU, warmup_seconds: warmup, duration_seconds: seconds,
                latencies: samples.baseAddress, latency_capacity: samples.count)
            return ceb_run_load(&config, &result)
        }
    }
    let cpuTotal = ceb_process_cpu_seconds() - cpuBefore
    guard status == 0 else { return nil }
    latencies.removeLast(latencies.count - result.latency_count)
    // Process CPU minus the load generator's own thread; the warm-up share is
    // removed in proportion to time.
    let serverCPU = (cpuTotal - result.client_cpu_seconds) * seconds / (seconds + warmup)
    return Measurement(calls: result.calls, errors: result.errors, seconds: result.elapsed_seconds,
                       latencies: &latencies, serverCPUSeconds: serverCPU)
}

/// The same load through RPCChannel: `inFlight` tasks each calling in a loop.
func driveChannel(port: Int, size: Int, connections: Int, inFlight: Int) async -> Measurement {
    var configuration = ChannelConfiguration()
    configuration.connectionsPerAddress = connections
    let channel = RPCChannel(addresses: [HostPort(host: "127.0.0.1", port: port)], configuration: configuration)
    defer { channel.close() }
    let request = BenchMessage(size: size)
    let clock = ContinuousClock()
    let start = clock.now
    let measureFrom = start + .seconds(warmup)
    let end = measureFrom + .seconds(seconds)
    let perTask = await withTaskGroup(of: (UInt64, UInt64, [UInt64]).self) { group in
        for _ in 0..<inFlight {
            group.addTask {
                var calls: UInt64 = 0
                var errors: UInt64 = 0
                var latencies: [UInt64] = []
                latencies.reserveCapacity(200_000)
                while true {
                    let began = clock.now
                    if began >= end { break }
                    let ok = (try? await channel.unary(path: EchoService.path, request: request, response: BenchMessage.self,
                                                       idempotent: true, options: CallOptions())) != nil
                    let finished = clock.now
                    if began >= measureFrom {
                        calls += 1
                        if !ok { errors += 1 }
                        let elapsed = (finished - began).components
                        latencies.append(UInt64(elapsed.seconds) * 1_000_000_000 + UInt64(elapsed.attoseconds / 1_000_000_000))
                    }
                }
                return (calls, errors, latencies)
            }
        }
        var all: [(UInt64, UInt64, [UInt64])] = []
        for await result in group { all.append(result) }
        return all
    }
    var latencies = perTask.flatMap(\.2)
    return Measurement(calls: perTask.map(\.0).reduce(0, +), errors: perTask.map(\.1).reduce(0, +),
                       seconds: seconds, latencies: &latencies, serverCPUSeconds: nil)
}

func rpcRequestTail(size: Int) -> [UInt8] {
    var frame = Frame()
    frame.kind = .request
    frame.method = EchoService.path
    frame.timeoutMS = 10_000
    frame.payload = BenchMessage(size: size).wireEncoded()
    return frame.wireEncoded()  // call_id 0 is not encoded: the generator prepends it.
}

func format(_ value: Double) -> String { String(format: "%8.1f", value) }

var serverConfiguration = ServerConfiguration(host: "127.0.0.1", port: 0)
serverConfiguration.eventLoopCount = serverLoops
let server = RPCServer(configuration: serverConfiguration, services: [EchoService()])
try server.start()
var cPort: Int32 = 0
guard let cServer = ceb_server_start(Int32(serverLoops), &cPort) else { fatalError("the C echo server did not start") }

print("bench-rpc: echo, \(seconds) s per run after \(warmup) s warm-up; \(ProcessInfo.processInfo.activeProcessorCount) cores shared by load generator and server")
print("load generator thread pinned to CPU \(loadGeneratorCPU); server threads \(pinServer ? "pinned to CPU 0" : "float")")
print("servers: RPCServer with \(serverLoops) event loops; C echo with \(serverLoops) epoll threads; same C load generator (closed loop)")
print("latency in µs; CPU = server CPU per call in µs (process CPU minus the load generator's thread)")
print("")
print("msg    conns inflight | C calls/s    p50     p99   p99.9   CPU | RPC calls/s    p50     p99   p99.9   CPU | ratio")
var target: (ratio: Double, p99: Double)?
for size in sizes {
    for shape in shapes {
        let inFlight = max(shape.inFlight, shape.connections)
        guard let baseline = drive(port: Int(cPort), mode: Int32(CEB_MODE_ECHO), tail: [UInt8](repeating: 0x61, count: size),
                                   connections: shape.connections, inFlight: inFlight),
              let ours = drive(port: server.port, mode: Int32(CEB_MODE_RPC), tail: rpcRequestTail(size: size),
                               connections: shape.connections, inFlight: inFlight) else {
            print("run failed: \(size) bytes, \(shape)")
            continue
        }
        let ratio = ours.callsPerSecond / baseline.callsPerSecond
        if size == 100 && shape.connections == 1 && shape.inFlight == 128 { target = (ratio, ours.p99) }
        print(String(format: "%-6d %5d %8d |", size, shape.connections, inFlight)
              + format(baseline.callsPerSecond / 1) + format(baseline.p50) + format(baseline.p99) + format(baseline.p999)
              + String(format: "%6.2f |", baseline.serverCPUPerCall ?? .nan)
              + format(ours.callsPerSecond) + format(ours.p50) + format(ours.p99) + format(ours.p999)
              + String(format: "%6.2f |", ours.serverCPUPerCall ?? .nan)
              + String(format: " %5.1f%%", ratio * 100)
              + (ours.errors > 0 ? "  (\(ours.errors) errors)" : ""))
    }
}
print("")
print("Through RPCChannel (Swift client in the same process; latency includes the client):")
print("msg    conns inflight | calls/s      p50     p99   p99.9")
for size in sizes {
    for shape in shapes {
        let inFlight = max(shape.inFlight, shape.connections)
        let result = await driveChannel(port: server.port, size: size, connections: shape.connections, inFlight: inFlight)
        print(String(format: "%-6d %5d %8d |", size, shape.connections, inFlight)
              + format(result.callsPerSecond) + format(result.p50) + format(result.p99) + format(result.p999)
              + (result.errors > 0 ? "  (\(result.errors) errors)" : ""))
    }
}
if let target {
    print("")
    print(String(format: "DONE criterion (100 B, 1 connection, 128 in flight): %.1f%% of C (need >= 15%%), p99 %.0f µs (need < 2000 µs): %@",
                 target.ratio * 100, target.p99, target.ratio >= 0.15 && target.p99 < 2000 ? "met" : "NOT met"))
}
ceb_server_stop(cServer)
server.shutdownNow()
await server.waitUntilStopped()
