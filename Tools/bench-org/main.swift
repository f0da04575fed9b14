import Foundation
import OrgContracts
import OrgSeed
import OrgService
import RPC
import RPCContracts
import ServiceKit

// bench-org: the org service on a national (or province) preset database, measured
// through RPC from this process: subtree counts, GetMember, subtree and children
// pages, name searches (p50/p99); the province preset's import rate through
// `sotay seed`; the database's size and the service's peak memory.
//
//   swift build -c release --scratch-path .build-seed --product bench-org --product sotay
//   .build-seed/release/bench-org [--preset national|province] [--data DIR] [--seed N]
//       [--calls N] [--concurrency N] [--no-import]
//
// The database is built once per preset and seed under DIR (default ./data/bench-org)
// straight through the service's editors, and reused by later runs.

let options: BenchOptions
do {
    options = try BenchOptions(Array(CommandLine.arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("bench-org: \(error)\n".utf8))
    exit(2)
}
let cores = ProcessInfo.processInfo.activeProcessorCount
print("bench-org: \(options.preset.rawValue) preset (seed \(options.seed)), \(cores) cores shared by client and service")

let database = BenchDatabase(folder: options.folder, preset: options.preset, seed: options.seed)
print("database: \(database.databasePath)")
let build = try await database.ensure()
print((build.reused ? "  reused; built with " : "  built: ")
      + String(format: "%d rows in %.0f s (%.0f rows/s) through SeedLoader (TreeEditor, MemberEditor)",
               build.rows, build.seconds, Double(build.rows) / build.seconds))
let buildPeak = ProcessMemory.peakResidentBytes()
let size = database.sizeBytes

ProcessMemory.resetPeak()
let service = try await ServiceMain.start(OrgServiceDefinition.definition, environment: [
    "SOTAY_LISTEN": "127.0.0.1:0", "SOTAY_DATA_DIR": database.dataDirectory.path,
    "SOTAY_TOKEN_KEY_FILE": database.tokenKeyFile.path, "SOTAY_ORG_DATA_KEY_FILE": database.dataKeyFile.path,
    "SOTAY_LOG_LEVEL": "warning", "SOTAY_TLS": "off",  // In-process, measured over plain TCP.
])
var channelConfiguration = ChannelConfiguration()
channelConfiguration.connectionsPerAddress = 2
channelConfiguration.defaultTimeout = .seconds(30)
let channel = RPCChannel(addresses: [HostPort(host: "127.0.0.1", port: service.port)], configuration: channelConfiguration)
let org = OrgServiceClient(channel: channel)

/// A staff member's token with the administrator role on the root: reads everything.
func staffOptions(rootID: String) throws -> CallOptions {
    var claims = AccessTokenClaims()
    claims.memberID = "bench-org"
    var grant = Grant()
    grant.role = .administrator
    grant.unitID = rootID
    claims.grants = [grant]
    claims.issuedAtMS = WallClock.system.nowMs
    claims.expiresAtMS = claims.issuedAtMS + AccessTokenCodec.maxLifetimeMs
    let codec = AccessTokenCodec(keyRing: try TokenKeyRing(contentsOfFile: database.tokenKeyFile.path))
    return CallOptions(metadata: ["authorization": "Bearer " + (try codec.sign(claims))])
}

let rootID = try await BenchTargets.rootID(org, options: try staffOptions(rootID: ""))
let callOptions = try staffOptions(rootID: rootID)
let targets = try await BenchTargets.find(org, rootID: rootID, options: callOptions)
print("targets: root \(targets.rootID), commune \(targets.communeID), \(targets.memberIDs.count) members to read")
print("")

let calls = options.calls
let concurrency = options.concurrency
let names = ["Nguyễn Văn Hùng", "tran thi lan", "Lê Minh", "hoang anh", "Phạm Thu", "Hà Văn", "Đặng Thị Hương", "vu duc"]
var runs: [LatencyRun] = []
func counts(_ unitID: String) -> @Sendable (Int) async throws -> Void {
    { _ in
        var request = GetSubtreeCountsRequest()
        request.unitID = unitID
        _ = try await org.getSubtreeCounts(request, options: callOptions)
    }
}
func search(_ unitID: String) -> @Sendable (Int) async throws -> Void {
    { index in
        var request = SearchMembersRequest()
        request.withinUnitID = unitID
        request.query = names[index % names.count]
        request.pageSize = 50
        _ = try await org.searchMembers(request, options: callOptions)
    }
}
func children(_ unitID: String) -> @Sendable (Int) async throws -> Void {
    { _ in
        var request = ListChildrenRequest()
        request.unitID = unitID
        request.pageSize = 50
        _ = try await org.listChildren(request, options: callOptions)
    }
}
runs.append(await LatencyRun.measure("GetSubtreeCounts root", calls: calls, concurrency: concurrency, counts(targets.rootID)))
runs.append(await LatencyRun.measure("GetSubtreeCounts commune", calls: calls, concurrency: concurrency,
                                     counts(targets.communeID)))
let memberIDs = targets.memberIDs
runs.append(await LatencyRun.measure("GetMember", calls: calls, concurrency: concurrency) { index in
    var request = GetMemberRequest()
    request.memberID = memberIDs[index % memberIDs.count]
    _ = try await org.getMember(request, options: callOptions)
})
runs.append(await LatencyRun.measure("ListSubtree commune, 50", calls: calls, concurrency: concurrency) { _ in
    var request = ListSubtreeRequest()
    request.unitID = targets.communeID
    request.pageSize = 50
    _ = try await org.listSubtree(request, options: callOptions)
})
runs.append(await LatencyRun.measure("SearchMembers name, commune", calls: calls, concurrency: concurrency,
                                     search(targets.communeID)))
runs.append(await LatencyRun.measure("SearchMembers name, root", calls: calls, concurrency: concurrency,
                                     search(targets.rootID)))
runs.append(await LatencyRun.measure("ListChildren root, 50", calls: calls, concurrency: concurrency,
                                     children(targets.rootID)))
runs.append(await LatencyRun.measure("ListChildren commune, 50", calls: calls, concurrency: concurrency,
                                     children(targets.communeID)))
let servicePeak = ProcessMemory.peakResidentBytes()
channel.close()
await service.stop()

print("call (\(calls) calls, \(concurrency) in flight)        calls/s     p50 ms    p99 ms")
for run in runs {
    print(run.name.padding(toLength: 36, withPad: " ", startingAt: 0)
          + String(format: "%9.0f %10.3f %9.3f", run.callsPerSecond, run.p50Ms, run.p99Ms)
          + (run.errors > 0 ? "  (\(run.errors) errors, first: \(run.firstError ?? ""))" : ""))
}
print("")
print(String(format: "database: %.1f MB (+ WAL %.1f MB) for %d rows", Double(size.database) / 1e6, Double(size.wal) / 1e6,
             build.rows))
func megabytes(_ bytes: Int?) -> String { bytes.map { String(format: "%.0f MB", Double($0) / 1e6) } ?? "unknown" }
print("peak RSS: serving \(megabytes(servicePeak)) (service and bench client in one process); "
      + "building \(megabytes(buildPeak))")

var importSeconds: Double?
if options.importRun {
    print("")
    print("province preset import through RPC (sotay seed --preset province into an empty org service) …")
    if let result = try await ImportRun.run(folder: options.folder, tokenKeyFile: database.tokenKeyFile,
                                            dataKeyFile: database.dataKeyFile) {
        print(result.output.split(separator: "\n").filter { $0.hasPrefix("  ") || $0.hasPrefix("seeded") }
            .joined(separator: "\n"))
        print(String(format: "import: %.1f s in all (generate + stage + plan + apply), %.0f members/s", result.seconds,
                     Double(SeedPreset.province.members) / result.seconds))
        importSeconds = result.seconds
    } else {
        print("  skipped: build the release `sotay` next to bench-org (--product sotay)")
    }
}

let rootCounts = runs[0].p99Ms
let getMember = runs[2].p99Ms
let met = rootCounts < 20 && getMember < 2 && (importSeconds.map { $0 < 60 } ?? false) && runs.allSatisfy { $0.errors == 0 }
print("")
print("DONE criteria (\(options.preset.rawValue) preset): "
      + String(format: "GetSubtreeCounts root p99 %.2f ms (need < 20), GetMember p99 %.2f ms (need < 2), ", rootCounts, getMember)
      + "province import \(importSeconds.map { String(format: "%.1f s", $0) } ?? "not measured") (need < 60 s): "
      + (met ? "met" : "NOT met"))
