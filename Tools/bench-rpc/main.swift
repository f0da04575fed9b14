import CEchoBaseline
import Foundation
import RPC
import RPCContracts
import Wire

// bench-rpc: the RPC runtime against a minimal C echo over epoll, both driven by the
// same C load generator (Tools/CEchoBaseline), in one run. Also the same echo driven
// through RPCChannel. Only 2 cores here: load generator and server share them.
//
//   swift run -c release --scratch-path .build-rpc bench-rpc [seconds-per-run]
//       [--float-server] [--runs N] [--shape SIZE/CONNECTIONS/INFLIGHT ...] [--no-channel]
//
// The load generator's thread is pinned to the last core and the servers' threads to
// core 0, so each side has a core of its own, as client and server on two machines
// would. With --float-server the servers' threads float instead; the scheduler then
// sometimes puts the busy server thread beside the load generator, where the two run
// strictly in turn and every read sees a whole burst: the C echo then reports about
// 6.3 M calls/s instead of 2.4 M (see docs/rpc.md, "Reading bench-rpc"). On a machine
// others use too, run it as root under `chrt -f 10` to keep their threads out of the
// latencies. Each server gets
// one thread per core it may use: one when pinned, as RPCServer's default of one loop
// per core would give it. --runs N measures each shape N times, C and ours in turn,
// and reports the run with the median calls/s of each, so that one run disturbed by
// other work on the machine does not decide the figure. --shape limits the runs to
// the given shapes (e.g. --shape 100/1/128); --no-channel skips RPCChannel.
//
// The RPCChannel runs go over plain TCP and over TLS (a second RPCServer with a
// certificate made for the run, the channel checking its name), in turn, in the same
// run: the C load generator speaks plain TCP only, so TLS is measured with the Swift
// client, client and server sharing the two cores. Target: TLS keeps at least 70% of
// plain TCP's calls/s at 100 B, 1 connection, 128 in flight.

/// The command line.
struct Options {
    var seconds = 1.5
    var pinServer = true
    var runs = 1
    var runChannel = true
    var shapes: [(size: Int, connections: Int, inFlight: Int)] = []

    init(_ commandLine: [String]) {
        var arguments = commandLine[...]
        while let argument = arguments.popFirst() {
            switch argument {
            case "--float-server": pinServer = false
            case "--no-channel": runChannel = false
            case "--runs":
                guard let value = arguments.popFirst().flatMap(Int.init), value > 0 else { fatalError("--runs wants a count") }
                runs = value
            case "--shape":
                let parts = arguments.popFirst()?.split(separator: "/").compactMap { Int($0) } ?? []
                guard parts.count == 3 else { fatalError("--shape wants SIZE/CONNECTIONS/INFLIGHT") }
                shapes.append((parts[0], parts[1], parts[2]))
            default:
                guard let value = Double(argument), value > 0 else { fatalError("unknown argument \(argument)") }
                seconds = value
            }
        }
    }
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
let seconds = options.seconds
let pinServer = options.pinServer
let runs = options.runs
let runChannel = options.runChannel
let shapeFilter = options.shapes
if pinServer { ceb_pin_current_thread(0) }  // Threads started from here on inherit it.
/// Whether a shape is one of those asked for with --shape (all, when none was).
func selected(size: Int, connections: Int, inFlight: Int) -> Bool {
    shapeFilter.isEmpty || shapeFilter.contains { $0 == (size, connections, inFlight) }
}
let warmup = 0.3
let serverLoops = pinServer ? 1 : ProcessInfo.processInfo.activeProcessorCount
/// The load generator's thread stays on the last core.
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
func driveChannel(port: Int, size: Int, connections: Int, inFlight: Int, tls: TLSConfiguration?) async -> Measurement {
    var configuration = ChannelConfiguration()
    configuration.connectionsPerAddress = connections
    configuration.tls = tls
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

/// The 1, 5 and 15 minute load averages: other work on the machine shows here.
func loadAverage() -> String {
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
}

/// The run with the median calls/s.
func median(_ measurements: [Measurement]) -> Measurement {
    measurements.sorted { $0.callsPerSecond < $1.callsPerSecond }[measurements.count / 2]
}

var serverConfiguration = ServerConfiguration(host: "127.0.0.1", port: 0)
serverConfiguration.eventLoopCount = serverLoops
let server = RPCServer(configuration: serverConfiguration, services: [EchoService()])
try server.start()
let benchTLS = try BenchTLS()
var tlsServerConfiguration = serverConfiguration
tlsServerConfiguration.tls = benchTLS.server
let tlsServer = RPCServer(configuration: tlsServerConfiguration, services: [EchoService()])
try tlsServer.start()
var cPort: Int32 = 0
guard let cServer = ceb_server_start(Int32(serverLoops), &cPort) else { fatalError("the C echo server did not start") }

print("bench-rpc: echo, \(seconds) s per run after \(warmup) s warm-up; \(ProcessInfo.processInfo.activeProcessorCount) cores shared by load generator and server")
print("load generator thread pinned to CPU \(loadGeneratorCPU); server threads \(pinServer ? "pinned to CPU 0" : "float (--float-server)")")
print("servers: RPCServer with \(serverLoops) event loops; C echo with \(serverLoops) epoll threads; same C load generator (closed loop)")
print("latency in µs; CPU = server CPU per call in µs (process CPU minus the load generator's thread)")
print(runs > 1 ? "each figure: the run with the median calls/s of \(runs)" : "each figure: one run")
print("load average before: \(loadAverage())")
print("")
print("msg    conns inflight | C calls/s    p50     p99   p99.9   CPU | RPC calls/s    p50     p99   p99.9   CPU | ratio")
var target: (ratio: Double, p99: Double)?
for size in sizes {
    for shape in shapes {
        let inFlight = max(shape.inFlight, shape.connections)
        guard selected(size: size, connections: shape.connections, inFlight: inFlight) else { continue }
        var baselines: [Measurement] = []
        var ourRuns: [Measurement] = []
        for _ in 0..<runs {
            guard let baseline = drive(port: Int(cPort), mode: Int32(CEB_MODE_ECHO), tail: [UInt8](repeating: 0x61, count: size),
                                       connections: shape.connections, inFlight: inFlight),
                  let ours = drive(port: server.port, mode: Int32(CEB_MODE_RPC), tail: rpcRequestTail(size: size),
                                   connections: shape.connections, inFlight: inFlight) else { break }
            baselines.append(baseline)
            ourRuns.append(ours)
        }
        guard baselines.count == runs else {
            print("run failed: \(size) bytes, \(shape)")
            continue
        }
        let baseline = median(baselines)
        let ours = median(ourRuns)
        let ratio = ours.callsPerSecond / baseline.callsPerSecond
        if size == 100 && shape.connections == 1 && shape.inFlight == 128 { target = (ratio, ours.p99) }
        print(String(format: "%-6d %5d %8d |", size, shape.connections, inFlight)
              + format(baseline.callsPerSecond) + format(baseline.p50) + format(baseline.p99) + format(baseline.p999)
              + String(format: "%6.2f |", baseline.serverCPUPerCall ?? .nan)
              + format(ours.callsPerSecond) + format(ours.p50) + format(ours.p99) + format(ours.p999)
              + String(format: "%6.2f |", ours.serverCPUPerCall ?? .nan)
              + String(format: " %5.1f%%", ratio * 100)
              + (ours.errors > 0 ? "  (\(ours.errors) errors)" : ""))
    }
}
print("load average after: \(loadAverage())")
var tlsTarget: Double?
for size in sizes where runChannel {
    if size == sizes[0] {
        print("")
        print("Through RPCChannel (Swift client in the same process; latency includes the client), plain TCP and TLS in turn:")
        print("msg    conns inflight | plain calls/s  p50     p99   p99.9 | TLS calls/s    p50     p99   p99.9 | TLS/plain")
    }
    for shape in shapes {
        let inFlight = max(shape.inFlight, shape.connections)
        guard selected(size: size, connections: shape.connections, inFlight: inFlight) else { continue }
        var plainRuns: [Measurement] = []
        var tlsRuns: [Measurement] = []
        for _ in 0..<runs {
            plainRuns.append(await driveChannel(port: server.port, size: size, connections: shape.connections,
                                                inFlight: inFlight, tls: nil))
            tlsRuns.append(await driveChannel(port: tlsServer.port, size: size, connections: shape.connections,
                                              inFlight: inFlight, tls: benchTLS.client))
        }
        let plain = median(plainRuns)
        let tls = median(tlsRuns)
        let ratio = tls.callsPerSecond / plain.callsPerSecond
        if size == 100 && shape.connections == 1 && shape.inFlight == 128 { tlsTarget = ratio }
        let errors = plain.errors + tls.errors
        print(String(format: "%-6d %5d %8d |", size, shape.connections, inFlight)
              + format(plain.callsPerSecond) + format(plain.p50) + format(plain.p99) + format(plain.p999) + " |"
              + format(tls.callsPerSecond) + format(tls.p50) + format(tls.p99) + format(tls.p999) + " |"
              + String(format: " %5.1f%%", ratio * 100)
              + (errors > 0 ? "  (\(plain.errors) plain, \(tls.errors) TLS errors)" : ""))
    }
}
if let target {
    print("")
    print(String(format: "DONE criterion (100 B, 1 connection, 128 in flight): %.1f%% of C (need >= 15%%), p99 %.0f µs (need < 2000 µs): %@",
                 target.ratio * 100, target.p99, target.ratio >= 0.15 && target.p99 < 2000 ? "met" : "NOT met"))
}
if let tlsTarget {
    print(String(format: "TLS criterion (RPCChannel, 100 B, 1 connection, 128 in flight): TLS at %.1f%% of plain TCP's calls/s (need >= 70%%): %@",
                 tlsTarget * 100, tlsTarget >= 0.7 ? "met" : "NOT met"))
}
ceb_server_stop(cServer)
for running in [server, tlsServer] {
    running.shutdownNow()
    await running.waitUntilStopped()
}
benchTLS.remove()
