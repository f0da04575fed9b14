import FeedbackContracts
import Store

/// Writes many items straight into a feedback database that no process is serving,
/// with the service's schema and the same rows the service writes (bench-feedback
/// fills a million items this way: through RPC it would take longer than the run).
/// Items carry no events and enqueue no notices.
public struct ItemBulkLoader {
    public static let transactionSize = 10_000
    private let database: Database

    /// Opens (and migrates) the database the service would open under `dataDirectory`.
    public static func open(dataDirectory: String) async throws -> ItemBulkLoader {
        ItemBulkLoader(database: try await Database.open(path: dataDirectory + "/feedback.sqlite",
                                                         migrations: FeedbackMigrations.all))
    }

    /// Inserts `items`, in transactions of `transactionSize`.
    public func insert(_ items: [Item]) async throws {
        for start in stride(from: 0, to: items.count, by: Self.transactionSize) {
            let batch = Array(items[start..<min(start + Self.transactionSize, items.count)])
            try await database.write { connection in
                let store = ItemStore(connection: connection)
                for item in batch { try store.insert(item) }
            }
        }
    }

    public func count() async throws -> Int {
        try await database.read { connection in
            Int(try connection.queryOne("SELECT COUNT(*) FROM items")?.get(0, as: Int64.self) ?? 0)
        }
    }

    public func close() async {
        await database.close()
    }
}
