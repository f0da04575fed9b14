// Durable single-row inserts per second with synchronous=FULL: one transaction per
// insert against group commit, both with 64 concurrent writers, in the same run;
// then point reads per second on the reader pool, alone and while group commit is
// writing. Build and run in release:
//
//     swift build -c release --scratch-path .build-store --product bench-store
//     .build-store/release/bench-store [seconds per phase, default 2]
//
// The database lives in a fresh folder under the system temporary directory (on this
// machine the same disk as /work, not tmpfs; `df /tmp` says) and is removed at the end.
import Foundation
import Store

let secondsPerPhase = CommandLine.arguments.dropFirst().first.flatMap { Double($0) } ?? 2
let rounds = 3
let concurrentWriters = 64
let concurrentReaders = 8
let payload = [UInt8](repeating: 0x5A, count: 100)

let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bench-store-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: folder) }

let database = try await Database.open(
    path: folder.appendingPathComponent("bench.sqlite").path,
    migrations: [Migration(1, "rows", sql: "CREATE TABLE rows(id INTEGER PRIMARY KEY, payload BLOB NOT NULL)")])

@Sendable func insert(_ connection: Connection) throws {
    try connection.execute("INSERT INTO rows(payload) VALUES (?)", [payload])
}

@Sendable func readRandomRow(_ connection: Connection) throws {
    let newest = try connection.queryOne("SELECT max(id) FROM rows")?.get(0, as: Int64?.self) ?? 0
    _ = try connection.queryOne("SELECT payload FROM rows WHERE id = ?", [Int64.random(in: 0...max(newest, 1))])
}

/// Runs `workers` tasks that each repeat `operation` until the phase's time is up;
/// returns the operations completed per second.
func rate(workers: Int, _ operation: @escaping @Sendable () async throws -> Void) async throws -> Double {
    let start = ContinuousClock.now
    let deadline = start + .seconds(secondsPerPhase)
    let completed = try await withThrowingTaskGroup(of: Int.self) { group in
        for _ in 0..<workers {
            group.addTask {
                var completed = 0
                while ContinuousClock.now < deadline {
                    try await operation()
                    completed += 1
                }
                return completed
            }
        }
        return try await group.reduce(0, +)
    }
    return Double(completed) / ((ContinuousClock.now - start) / .seconds(1))
}

func figure(_ value: Double) -> String { String(Int(value.rounded())) }

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

print("bench-store: SQLite WAL, synchronous=FULL, \(rounds) rounds of \(secondsPerPhase) s per phase, "
    + "database in \(folder.path)")

// The two ways alternate, round after round, so a change in the machine's load (other
// builds share the disk) weighs on both alike; the medians are compared.
var oneTransactionEachRates: [Double] = []
var groupCommitRates: [Double] = []
for round in 1...rounds {
    oneTransactionEachRates.append(try await rate(workers: concurrentWriters) { try await database.write(insert) })
    groupCommitRates.append(try await rate(workers: concurrentWriters) { try await database.submit(insert) })
    print("round \(round): one transaction per insert \(figure(oneTransactionEachRates[round - 1])) inserts/s, "
        + "group commit \(figure(groupCommitRates[round - 1])) inserts/s")
}
let oneTransactionEach = median(oneTransactionEachRates)
let groupCommit = median(groupCommitRates)
print("one transaction per insert, \(concurrentWriters) writers: \(figure(oneTransactionEach)) inserts/s (median)")
print("group commit, \(concurrentWriters) submitters:             \(figure(groupCommit)) inserts/s (median)")
print(String(format: "group commit / one transaction per insert: %.1fx (target >= 20x)", groupCommit / oneTransactionEach))

let readsAlone = try await rate(workers: concurrentReaders) { try await database.read(readRandomRow) }
print("point reads, \(concurrentReaders) readers, no writes:            \(figure(readsAlone)) reads/s")

async let writesMeanwhile = rate(workers: concurrentWriters) { try await database.submit(insert) }
let readsDuringWrites = try await rate(workers: concurrentReaders) { try await database.read(readRandomRow) }
print("point reads, \(concurrentReaders) readers, during group commit:   \(figure(readsDuringWrites)) reads/s "
    + "(\(figure(try await writesMeanwhile)) inserts/s meanwhile)")
print(String(format: "reads during writes / reads alone: %.2f", readsDuringWrites / readsAlone))

await database.close()
