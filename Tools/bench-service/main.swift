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
// same run as the C echo floor; then does each call's work in-process with the
// service's library, to report what the RPC stack adds (docs/benchmarks.md).
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

let loadBefore = ProcessStats.loadAverage()
print("bench-service: real sotay-org (pid \(suite.pid(.org))) and sotay-auth (pid \(suite.pid(.auth))), started as `sotay up` does; data in \(suite.dataFolder.path)")
print("member token: \(member.origin); SearchMembers with a committee-staff token signed with the suite's key")
print("\(ProcessInfo.processInfo.activeProcessorCount) cores; load generator thread pinned to CPU \(loadGeneratorCPU); services and C echo on CPU \(serverCPU)"
      + " (org allowed CPUs: \(ProcessStats.statusField("Cpus_allowed_list", of: suite.pid(.org)) ?? "?"), so one event loop each)")
print("each row: 1 connection, \(options.inFlight) calls in flight (closed loop), \(options.seconds) s after a 0.3 s warm-up")
print("latency in µs seen by the load generator; CPU = the server process's utime+stime per call (µs, /proc/PID/stat)")
print("in-proc = the same call's work in this process with the service's library (token check, decode, SQLite, decryption, encode),")
print("          \(options.inFlight) at a time; overhead = CPU / in-proc")
print("load average before: \(loadBefore)")
print("")

func load(port: Int, mode: Int32, tail: [UInt8], inThisProcess: Bool = false) -> LoadRun {
    var run = LoadRun(port: port, mode: mode, tail: tail, connections: 1, inFlight: options.inFlight, cpu: loadGeneratorCPU,
                      seconds: options.seconds)
    run.serverInThisProcess = inThisProcess
    return run
}

guard let floor = await load(port: Int(echoPort), mode: Int32(CEB_MODE_ECHO), tail: [UInt8](repeating: 0x61, count: 100),
                             inThisProcess: true).run(serverCPU: { ceb_process_cpu_seconds() }) else {
    fatalError("the C echo floor run failed")
}

struct Row {
    let call: BenchCall
    let outcome: LoadRun.Outcome?
    var inProcess: (cpuPerCall: Double, calls: Int, failures: Int)?
}
var rows: [Row] = []
for call in CallTable.calls(member: member, staff: staff) {
    let pid = suite.pid(call.service)
    let port = suite.addresses[call.service]?.port ?? 0
    let outcome = await load(port: port, mode: Int32(CEB_MODE_RPC), tail: call.frame.tail)
        .run(serverCPU: { ProcessStats.cpuSeconds(of: pid) })
    rows.append(Row(call: call, outcome: outcome))
}
let loadAfter = ProcessStats.loadAverage()

// The in-process half, with the services idle (still running: auth's tree replica
// follows org as in the real process).
for service in suite.services {
    guard rows.contains(where: { $0.call.service == service && $0.call.measuresWork }) else { continue }
    let definition = service == .org ? OrgServiceDefinition.definition : AuthServiceDefinition.definition
    do {
        let local = try await InProcessService.open(definition, environment: suite.environment(of: service))
        for index in rows.indices where rows[index].call.service == service && rows[index].call.measuresWork {
            rows[index].inProcess = await InProcessRun(service: local, frame: rows[index].call.frame, inFlight: options.inFlight,
                                                       seconds: options.seconds).run()
        }
        await local.close()
    } catch {
        print("in-process \(service.rawValue) could not open: \(error)")
    }
}

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
    guard let outcome = row.outcome else {
        print(label(row.call.label) + " | run failed (connection refused or broken)")
        continue
    }
    let overhead = row.inProcess.map { outcome.serverCPUPerCall / $0.cpuPerCall }
    let errors = outcome.errors > 0 ? "  (\(outcome.errors) of \(outcome.calls) calls failed)" : ""
    let localFailures = (row.inProcess?.failures ?? 0) > 0 ? "  (in-proc: \(row.inProcess?.failures ?? 0) failed)" : ""
    print(label(row.call.label)
          + String(format: " | %8.0f  %6.1f%% %7.0f %7.0f %7.2f |", outcome.callsPerSecond,
                   outcome.callsPerSecond / floor.callsPerSecond * 100, outcome.latency.p50, outcome.latency.p99,
                   outcome.serverCPUPerCall)
          + figure(row.inProcess?.cpuPerCall, "%.2f", width: 11) + figure(overhead, "%.1f×", width: 10) + errors + localFailures)
}
print("load average after: \(loadAfter)")
print("")
if let health = rows.first(where: { $0.call.service == .org && !$0.call.measuresWork })?.outcome {
    let share = health.callsPerSecond / floor.callsPerSecond
    print(String(format: "target: Health/Check >= 25%% of the C echo floor with p99 < 1 ms: %.1f%%, p99 %.0f µs: %@", share * 100,
                 health.latency.p99, share >= 0.25 && health.latency.p99 < 1000 ? "met" : "NOT met"))
}
let overheads = rows.compactMap { row in row.inProcess.flatMap { local in row.outcome.map { $0.serverCPUPerCall / local.cpuPerCall } } }
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
