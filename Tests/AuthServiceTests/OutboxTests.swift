import Foundation
import ServiceKit
import ServiceToolkit
import Store
import Synchronization
import TestSupport
import Testing

/// The toolkit's outbox on a real SQLite file: enqueued in the effect's transaction,
/// delivered after commit, retried, deleted once delivered, sealed at rest.
@Suite struct OutboxTests {
    /// A transport that records what it delivers and refuses the first `failures` tries.
    final class RecordingTransport: OutboxTransport {
        private let state: Mutex<(failuresLeft: Int, tries: [String], delivered: [OutboxMessage])>

        init(failing failures: Int = 0) {
            state = Mutex((failures, [], []))
        }

        func deliver(_ message: OutboxMessage) async throws {
            try state.withLock { state in
                state.tries.append(message.id)
                if state.failuresLeft > 0 {
                    state.failuresLeft -= 1
                    throw GatewayDown()
                }
                state.delivered.append(message)
            }
        }

        var delivered: [OutboxMessage] { state.withLock { $0.delivered } }
        var tries: [String] { state.withLock { $0.tries } }
    }

    struct Rolledback: Error {}
    struct GatewayDown: Error {}

    /// A database with only the outbox's table, in a fresh folder.
    struct Fixture {
        let folder: URL
        let database: Database
        let outbox: Outbox

        static func make() async throws -> Fixture {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sotay-outbox-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let database = try await Database.open(path: folder.appendingPathComponent("outbox.sqlite").path,
                                                   migrations: [Outbox.migration(1)])
            let keys = try TokenKeyRing(fileContents: try TokenKeyRing.newKeyLine(id: "a1"), variable: "test")
            return Fixture(folder: folder, database: database, outbox: try Outbox(keys: keys))
        }

        func deliverer(_ transport: RecordingTransport) -> OutboxDeliverer {
            var policy = OutboxPolicy()
            policy.firstRetryDelayMs = 1
            policy.idleWaitMs = 20
            return OutboxDeliverer(database: database, outbox: outbox, transport: transport, policy: policy,
                                   logger: Logger(service: "test", sink: LogSink.memory().0))
        }

        func enqueue(_ body: String, to recipient: String = "+84912000101") async throws {
            let outbox = self.outbox
            try await database.write { connection in
                try outbox.enqueue(.sms, to: recipient, body: body, nowMs: WallClock.system.nowMs, in: connection)
            }
        }

        func waitingRows() async throws -> Int64 {
            try await database.read { connection in
                try connection.queryOne("SELECT COUNT(*) FROM outbox_messages")?.get(0) ?? 0
            }
        }

        func remove() async {
            await database.close()
            try? FileManager.default.removeItem(at: folder)
        }
    }

    @Test func aRolledBackWriteSendsNothingAndACommittedOneIsDeliveredThenDeleted() async throws {
        let fixture = try await Fixture.make()
        let transport = RecordingTransport()
        let deliverer = fixture.deliverer(transport)
        deliverer.start()
        let outbox = fixture.outbox
        await #expect(throws: Rolledback.self) {
            try await fixture.database.write { connection in
                try outbox.enqueue(.sms, to: "+84912000101", body: "rolled back", nowMs: 1, in: connection)
                throw Rolledback()
            }
        }
        try await fixture.enqueue("committed")
        deliverer.wake()

        #expect(await eventually { transport.delivered.count == 1 })
        #expect(try await eventually { try await fixture.waitingRows() == 0 })
        #expect(transport.delivered.map(\.body) == ["committed"])
        #expect(transport.delivered.first?.recipient == "+84912000101")
        #expect(transport.delivered.first?.channel == .sms)
        await deliverer.stop()
        await fixture.remove()
    }

    @Test func aFailingTransportIsRetriedWithTheSameIdUntilItDelivers() async throws {
        let fixture = try await Fixture.make()
        let transport = RecordingTransport(failing: 2)
        let deliverer = fixture.deliverer(transport)
        deliverer.start()
        try await fixture.enqueue("retried")
        deliverer.wake()

        #expect(await eventually { transport.delivered.count == 1 })
        #expect(transport.tries.count == 3)
        #expect(Set(transport.tries).count == 1)
        #expect(try await eventually { try await fixture.waitingRows() == 0 })
        await deliverer.stop()
        await fixture.remove()
    }

    @Test func messagesCommittedBeforeACrashAreDeliveredAtTheNextStart() async throws {
        let fixture = try await Fixture.make()
        // Committed with no deliverer running: the process died before delivering.
        for index in 0..<120 { try await fixture.enqueue("left behind \(index)") }
        let transport = RecordingTransport()
        let deliverer = fixture.deliverer(transport)
        deliverer.start()

        #expect(await eventually { transport.delivered.count == 120 })
        #expect(Set(transport.delivered.map(\.id)).count == 120)
        #expect(try await eventually { try await fixture.waitingRows() == 0 })
        await deliverer.stop()
        await fixture.remove()
    }

    @Test func aWaitingMessageIsSealedInTheDatabaseFile() async throws {
        let fixture = try await Fixture.make()
        try await fixture.enqueue("Sổ tay: mã xác thực của bạn là 482916", to: "+84912000555")
        #expect(try await fixture.waitingRows() == 1)

        for suffix in ["", "-wal"] {
            let bytes = (try? Data(contentsOf: fixture.folder.appendingPathComponent("outbox.sqlite" + suffix))) ?? Data()
            #expect(bytes.range(of: Data("482916".utf8)) == nil)
            #expect(bytes.range(of: Data("912000555".utf8)) == nil)
        }
        await fixture.remove()
    }

    @Test func stoppingLetsTheDelivererEndAndKeepsWhatIsUndelivered() async throws {
        let fixture = try await Fixture.make()
        let deliverer = fixture.deliverer(RecordingTransport())
        deliverer.start()
        await deliverer.stop()
        try await fixture.enqueue("after the stop")
        deliverer.wake()
        #expect(try await fixture.waitingRows() == 1)
        await fixture.remove()
    }
}
