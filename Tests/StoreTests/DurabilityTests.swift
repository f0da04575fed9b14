import Foundation
import Glibc
import Synchronization
import Testing
import Store

/// Kills a writing process with SIGKILL at a random moment, many times over, and
/// checks that every row it acknowledged is still there and the file is healthy.
/// `SOTAY_DURABILITY_CYCLES=200 swift test --filter DurabilityTests` runs more cycles.
@Suite struct DurabilityTests {
    static let cycles = ProcessInfo.processInfo.environment["SOTAY_DURABILITY_CYCLES"].flatMap { Int($0) } ?? 25
    static let submitters = 64
    /// Each cycle's child numbers its rows from `cycle * idsPerCycle`, so no id repeats.
    static let idsPerCycle: Int64 = 1_000_000_000
    /// The child's schema (Tools/store-durability-child/main.swift).
    static let migrations = [
        Migration(1, "acknowledged rows", sql: "CREATE TABLE acknowledged(id INTEGER PRIMARY KEY, payload BLOB NOT NULL)")
    ]

    /// The child is built into the same folder as the test binary
    /// (`<bin>/SotayPackageTests.xctest` on Linux).
    static func childExecutable() -> URL? {
        guard let testBinary = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
        let child = URL(fileURLWithPath: testBinary).deletingLastPathComponent().appendingPathComponent("store-durability-child")
        return FileManager.default.isExecutableFile(atPath: child.path) ? child : nil
    }

    @Test func everyAcknowledgedRowSurvivesSIGKILL() async throws {
        let child = try #require(Self.childExecutable(), "store-durability-child was not found next to the test binary")
        try await withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("durability.sqlite").path
            var acknowledgedTotal = 0
            for cycle in 0..<Self.cycles {
                let firstID = Int64(cycle) * Self.idsPerCycle
                let acknowledged = try await Self.runChildUntilKilled(child, arguments: [path, String(firstID), String(Self.submitters)])
                acknowledgedTotal += acknowledged.count

                let database = try await Database.open(path: path, migrations: Self.migrations)
                let present = try await database.read { connection in
                    try Set(connection.query(
                        "SELECT id FROM acknowledged WHERE id >= ? AND id < ?", [firstID, firstID + Self.idsPerCycle]
                    ).map { try $0.get(0, as: Int64.self) })
                }
                let lost = acknowledged.subtracting(present).count
                #expect(lost == 0, "cycle \(cycle): \(lost) of \(acknowledged.count) acknowledged rows lost")
                #expect(try await database.integrityCheck() == [], "cycle \(cycle)")
                await database.close()
            }
            print("durability: \(Self.cycles) SIGKILL cycles, \(acknowledgedTotal) acknowledged rows, all present, integrity ok")
        }
    }

    /// Starts the child, lets it acknowledge for a random while, kills it with SIGKILL
    /// and returns the ids it printed (complete lines only).
    static func runChildUntilKilled(_ executable: URL, arguments: [String]) async throws -> Set<Int64> {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let collector = OutputCollector(reading: output.fileHandleForReading)

        await collector.firstLineOrEnd.waitOffThread()
        try await Task.sleep(for: .milliseconds(Int.random(in: 0...150)))
        kill(process.processIdentifier, SIGKILL)
        await collector.end.waitOffThread()
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the child ended before it was killed: \(collector.text)")

        let completeLines = collector.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        return Set(completeLines.compactMap { Int64($0) })
    }
}

/// Reads a pipe on a Dispatch thread until end of file, so the child never blocks on
/// a full pipe, and signals when the first line (or the end) has arrived.
final class OutputCollector: Sendable {
    let firstLineOrEnd = DispatchSemaphore(value: 0)
    let end = DispatchSemaphore(value: 0)
    private let received = Mutex(Data())

    init(reading handle: FileHandle) {
        DispatchQueue.global().async { [self] in
            var sawFirstLine = false
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                received.withLock { $0.append(chunk) }
                if !sawFirstLine, chunk.contains(UInt8(ascii: "\n")) {
                    sawFirstLine = true
                    firstLineOrEnd.signal()
                }
            }
            if !sawFirstLine { firstLineOrEnd.signal() }
            end.signal()
        }
    }

    var text: String {
        received.withLock { String(decoding: $0, as: UTF8.self) }
    }
}
