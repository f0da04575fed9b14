import CEchoBaseline
import Foundation
import OrgService
import RPC
import AuthService
import ServiceBench
import ServiceKit

// bench-service: what users get from the real services. Starts the real `sotay-org`
// and `sotay-auth` of this build as `sotay up` does, logs a seeded member in through
// auth, and drives each call with the C load generator (Tools/CEchoBaseline) in the
// same run as the C echo floor; after each served round it does the call's work
// in-process with the service's library, to report what the RPC stack adds
// (docs/benchmarks.md).
//
//   swift run -c release bench-service [--seconds S] [--in-flight N] [--data DIR] [--port P]

// The main thread and every thread started from here on, the services' processes
// included, run on core 0; the load generator's thread moves itself to the last core.
ceb_pin_current_thread(0)
let serverCPU: Int32 = 0
let loadGeneratorCPU = Int32(ProcessInfo.processInfo.activeProcessorCount - 1)

let options = BenchOptions.parse(program: "bench-service", seconds: 1.5, maxSeconds: 30, port: 7202, takesInFlight: true)

let suite = await BenchSuite.startOrExit("bench-service", options: options)
let (member, staff) = await suite.setUpOrExit("bench-service") { suite in
    let member = try await MemberSession.obtain(in: suite)
    return (member, try member.metadata(granting: .committeeStaff, on: member.committeeID, in: suite))
}

var echoPort: Int32 = 0
guard let echoServer = ceb_server_start(1, &echoPort) else { fatalError("the C echo server did not start") }

/// Rounds per row. Each data call is served, then done in-process, in turn, this many
/// times, and each Health/Check run follows a C echo run: the table gives each
/// figure's median, and the overhead and the share of the floor are medians of the
/// rounds' own ratios, each made from two runs seconds apart. A single pair swung from
/// 0.7× to 1.9× between runs of the same code as this machine's speed drifted.
let rounds = 3

let loadBefore = ProcessStats.loadAverage()
print("bench-service: real sotay-org (pid \(suite.pid(.org))) and sotay-auth (pid \(suite.pid(.auth))), started as `sotay up` does; data in \(suite.dataFolder.path)")
print("member token: \(member.origin); SearchMembers with a committee-staff token signed with the suite's key")
print("\(ProcessInfo.processInfo.activeProcessorCount) cores; load generator thread pinned to CPU \(loadGeneratorCPU); services and C echo on CPU \(serverCPU)"
      + " (org allowed CPUs: \(ProcessStats.statusField("Cpus_allowed_list", of: suite.pid(.org)) ?? "?"), so one event loop each)")
print("each row: 1 connection, \(options.inFlight) calls in flight (closed loop), \(options.seconds) s after a 0.3 s warm-up;"
      + " median of \(rounds) rounds")
print("latency in µs seen by the load generator; CPU = the server process's utime+stime per call (µs, /proc/PID/stat)")
print("in-proc = the same call's work in this process with the service's library (token check, decode, SQLite, decryption, encode),")
print("          \(options.inFlight) at a time, right after each served round; overhead = median of the rounds' CPU / in-proc (each round's in brackets)")
print("load average before: \(loadBefore)")
print("")

func load(port: Int, mode: Int32, tail: [UInt8], inThisProcess: Bool = false) -> LoadRun {
    var run = LoadRun(port: port, mode: mode, tail: tail, connections: 1, inFlight: options.inFlight, cpu: loadGeneratorCPU,
                      seconds: options.seconds)
    run.serverInThisProcess = inThisProcess
    return run
}

/// The C echo server's calls/s with 100-byte messages, driven like every row.
func floorRun() async -> LoadRun.Outcome? {
    await load(port: Int(echoPort), mode: Int32(CEB_MODE_ECHO), tail: [UInt8](repeating: 0x61, count: 100),
               inThisProcess: true).run(serverCPU: { ceb_process_cpu_seconds() })
}
guard let floor = await floorRun() else { fatalError("the C echo floor run failed") }


/// The middle value (the mean of the two middle ones for an even count); nan for none.
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// One row: the medians of its rounds.
struct Row {
    let call: BenchCall
    var served: [LoadRun.Outcome] = []
    var inProcess: [(cpuPerCall: Double, calls: Int, failures: Int)] = []
    var overheads: [Double] = []
    /// For Health/Check: each round's share of the C echo run just before it.
    var floorShares: [Double] = []

    /// A run could not connect or broke, so the rounds stopped short.
    var brokeDown: Bool { served.count < rounds }

    var callsPerSecond: Double { median(served.map(\.callsPerSecond)) }
    var p50: Double { median(served.map(\.latency.p50)) }
    var p99: Double { median(served.map(\.latency.p99)) }
    var serverCPUPerCall: Double { median(served.map(\.serverCPUPerCall)) }
    var inProcessCPUPerCall: Double? { inProcess.isEmpty ? nil : median(inProcess.map(\.cpuPerCall)) }
    var overhead: Double? { overheads.isEmpty ? nil : median(overheads) }

    /// Share of the C echo floor: of each round's own floor run where there is one,
    /// else of the floor measured first.
    func share(of floor: LoadRun.Outcome) -> Double {
        floorShares.isEmpty ? callsPerSecond / floor.callsPerSecond : median(floorShares)
    }
}

// The in-process services, opened before any row (with the real services running, as
// in the real suite: auth's tree replica follows org), so that each round can do the
// call's work here right after the served run.
var local: [ServiceName: InProcessService] = [:]
let calls = CallTable.calls(member: member, staff: staff)
for service in suite.services where calls.contains(where: { $0.service == service && $0.measuresWork }) {
    let definition = service == .org ? OrgServiceDefinition.definition : AuthServiceDefinition.definition
    do {
        local[service] = try await InProcessService.open(definition, environment: suite.environment(of: service))
    } catch {
        print("in-process \(service.rawValue) could not open: \(error)")
    }
}

var rows: [Row] = []
for call in calls {
    let pid = suite.pid(call.service)
    let port = suite.addresses[call.service]?.port ?? 0
    var row = Row(call: call)
    for _ in 0..<rounds {
        let roundFloor = call.measuresWork ? nil : await floorRun()
        guard let outcome = await load(port: port, mode: Int32(CEB_MODE_RPC), tail: call.frame.tail)
            .run(serverCPU: { ProcessStats.cpuSeconds(of: pid) }) else { break }
        row.served.append(outcome)
        if let roundFloor { row.floorShares.append(outcome.callsPerSecond / roundFloor.callsPerSecond) }
        guard call.measuresWork, let service = local[call.service] else { continue }
        let work = await InProcessRun(service: service, frame: call.frame, inFlight: options.inFlight,
                                      seconds: options.seconds).run()
        row.inProcess.append(work)
        row.overheads.append(outcome.serverCPUPerCall / work.cpuPerCall)
    }
    rows.append(row)
}
let loadAfter = ProcessStats.loadAverage()
for service in local.values { await service.close() }

/// `text` padded (or cut) to `width` characters, for the table's first column.
func label(_ text: String, _ width: Int = 36) -> String { text.padding(toLength: width, withPad: " ", startingAt: 0) }
func figure(_ value: Double?, _ format: String, width: Int) -> String {
    let text = value.map { $0.isFinite ? String(format: format, $0) : "—" } ?? "—"
    return String(repeating: " ", count: max(0, width - text.count)) + text
}
print(label("call") + " |  calls/s  % floor     p50     p99  CPU µs | in-proc µs  overhead")
print(label("C echo floor (100 B, in the bench)") + String(format: " | %8.0f   100.0%% %7.0f %7.0f %7.2f |", floor.callsPerSecond,
                                                           floor.latency.p50, floor.latency.p99, floor.serverCPUPerCall))
for row in rows {
    guard !row.brokeDown else {
        print(label(row.call.label) + " | run failed (connection refused or broken)")
        continue
    }
    let errors = row.served.reduce(UInt64(0)) { $0 + $1.errors }
    let sent = row.served.reduce(UInt64(0)) { $0 + $1.calls }
    let localFailures = row.inProcess.reduce(0) { $0 + $1.failures }
    print(label(row.call.label)
          + String(format: " | %8.0f  %6.1f%% %7.0f %7.0f %7.2f |", row.callsPerSecond,
                   row.share(of: floor) * 100, row.p50, row.p99, row.serverCPUPerCall)
          + figure(row.inProcessCPUPerCall, "%.2f", width: 11) + figure(row.overhead, "%.1f×", width: 10)
          + (row.overheads.count > 1 ? "  (" + row.overheads.map { String(format: "%.1f", $0) }.joined(separator: ", ") + ")" : "")
          + (row.floorShares.count > 1
             ? "  (of each round's floor: " + row.floorShares.map { String(format: "%.1f%%", $0 * 100) }.joined(separator: ", ") + ")" : "")
          + (errors > 0 ? "  (\(errors) of \(sent) calls failed)" : "")
          + (localFailures > 0 ? "  (in-proc: \(localFailures) failed)" : ""))
}
print("load average after: \(loadAfter)")
print("")
if let health = rows.first(where: { $0.call.service == .org && !$0.call.measuresWork && !$0.brokeDown }) {
    let share = health.share(of: floor)
    print(String(format: "target: Health/Check >= 25%% of the C echo floor with p99 < 1 ms: %.1f%%, p99 %.0f µs: %@", share * 100,
                 health.p99, share >= 0.25 && health.p99 < 1000 ? "met" : "NOT met"))
}
let overheads = rows.compactMap(\.overhead)
if let worst = overheads.max() {
    print(String(format: "target: stack overhead <= 1.5× on every data call: worst %.1f×: %@", worst, worst <= 1.5 ? "met" : "NOT met"))
}

// TLS next to plain TCP, in the same run: Health/Check through the Swift client
// against the suite's org (plain TCP) and a second sotay-org with TLS on.
print("")
print("Health/Check through RPCChannel (the Swift client: the C load generator speaks plain TCP only), "
      + "1 connection, \(options.inFlight) in flight, client in this process:")
if let plainAddress = suite.addresses[.org] {
    do {
        let tlsPort = options.port + 50
        let tlsOrg = try await TLSOrg.start(suite: suite, port: tlsPort)
        let plain = await ChannelHealthRun(address: plainAddress, tls: nil, inFlight: options.inFlight,
                                           seconds: options.seconds).run()
        let tls = await ChannelHealthRun(address: HostPort(host: "127.0.0.1", port: tlsPort),
                                         tls: suite.keys.certificates.tls.channel(to: .org), inFlight: options.inFlight,
                                         seconds: options.seconds).run()
        tlsOrg.signal(SIGTERM)
        _ = await tlsOrg.waitForExit()
        for (name, outcome) in [("plain TCP", plain), ("TLS", tls)] {
            print(label("  org Health/Check, \(name)")
                  + String(format: " | %8.0f calls/s  p50 %5.0f µs  p99 %5.0f µs", outcome.callsPerSecond,
                           outcome.latency.p50, outcome.latency.p99)
                  + (outcome.errors > 0 ? "  (\(outcome.errors) failed)" : ""))
        }
        print(String(format: "TLS keeps %.1f%% of plain TCP's Health/Check calls/s", tls.callsPerSecond / plain.callsPerSecond * 100))
    } catch {
        print("the TLS line could not run: \(error)")
    }
}
ceb_server_stop(echoServer)
await suite.stop()
