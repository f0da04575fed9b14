import Dispatch
@testable import Store
import Synchronization
import TestSupport
import Testing

/// Reads waiting for a reader are served caller by caller: one caller's pile of reads
/// does not make another caller wait for all of them.
@Suite struct ReadFairnessTests {
    @Test func aCallersReadWaitsForOneOfAnotherCallersQueuedReadsNotForAll() async throws {
        try await withReaders(1) { database, entered, released in
            let order = ServedOrder()
            // The only reader is busy with the flooder's first read…
            let first = read(as: "flooder", in: database) {
                entered.signal()
                released.wait()
                order.append("flood-1")
            }
            await entered.waitOffThread()
            // …while five more of its reads queue, and then one of another caller.
            var reads: [Task<Void, any Error>] = []
            for index in 2...6 {
                reads.append(read(as: "flooder", in: database) { order.append("flood-\(index)") })
                #expect(await eventually { database.waitingReadCount == index - 1 })
            }
            reads.append(read(as: "member", in: database) { order.append("member") })
            #expect(await eventually { database.waitingReadCount == 6 })
            released.signal()
            try await first.value
            for read in reads { try await read.value }

            let served = order.names
            #expect(served.count == 7)
            // In turn: the flooder's next read, then the member's, then the rest.
            #expect(served.firstIndex(of: "member") == 2, "served: \(served)")
        }
    }

    @Test func aCallerWhoseReadsAllBlockLeavesAReaderForAnother() async throws {
        try await withReaders(3) { database, entered, released in
            let flood = (1...5).map { _ in
                read(as: "flooder", in: database) {
                    entered.signal()
                    released.wait()
                }
            }
            // Two of the three readers are the flooder's; its other three reads wait
            // although a reader is idle.
            await entered.waitOffThread()
            await entered.waitOffThread()
            #expect(await eventually { database.waitingReadCount == 3 })
            // The member's read runs on the reader kept free, while the flooder's block.
            let memberRead = ServedOrder()
            let member = read(as: "member", in: database) { memberRead.append("member") }
            let answeredWhileFlooderBlocks = await eventually(timeout: .seconds(20)) { memberRead.names == ["member"] }
            #expect(answeredWhileFlooderBlocks)
            #expect(database.waitingReadCount == 3)
            for _ in flood { released.signal() }
            for read in flood { try await read.value }
            try await member.value
        }
    }

    /// A database with `readers` reader connections, and the gate a blocking read
    /// uses: it signals `entered`, then waits for `released`.
    private func withReaders(
        _ readers: Int, _ body: (Database, _ entered: DispatchSemaphore, _ released: DispatchSemaphore) async throws -> Void
    ) async throws {
        var configuration = Database.Configuration()
        configuration.readerCount = readers
        try await withDatabase(migrations: [], configuration: configuration) { database in
            try await body(database, DispatchSemaphore(value: 0), DispatchSemaphore(value: 0))
        }
    }

    /// A read running `body`, in a task of its own, as `caller`.
    private func read(as caller: String, in database: Database,
                      _ body: @escaping @Sendable () -> Void) -> Task<Void, any Error> {
        Task {
            try await ReadFairness.$caller.withValue(caller) {
                try await database.read { _ in body() }
            }
        }
    }
}

/// The order reads ran in, appended from the readers' threads.
final class ServedOrder: Sendable {
    private let served = Mutex<[String]>([])

    var names: [String] { served.withLock { $0 } }

    func append(_ name: String) {
        served.withLock { $0.append(name) }
    }
}
