import Foundation
import Synchronization
import StorePostgres

/// One PostgreSQL server for all the tests of a test process that run on PostgreSQL,
/// each test in a database of its own: the server `Tools/test.sh` started
/// (`SOTAY_TEST_POSTGRES_URL`), or else a throwaway one started here on first use and
/// removed when the process exits, so the tests never need a server started by hand.
public enum SharedPostgres {
    public static let urlVariable = "SOTAY_TEST_POSTGRES_URL"

    private static let server: Result<ThrowawayPostgres, any Error> = Result {
        if let url = ProcessInfo.processInfo.environment[urlVariable], !url.isEmpty {
            return ThrowawayPostgres(folder: "", url: url)
        }
        let started = try ThrowawayPostgres.start()
        ownServerFolder.set(started.folder)
        atexit {
            let folder = SharedPostgres.ownServerFolder.get()
            if !folder.isEmpty { ThrowawayPostgres(folder: folder, url: "").stop() }
        }
        return started
    }

    /// The folder of the server this process started (empty when it uses test.sh's).
    private static let ownServerFolder = LockedText()

    /// The URL of a new, empty database named after `name` (and made unique).
    public static func freshDatabase(_ name: String) throws -> String {
        let server = try server.get()
        let database = "t_" + name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "_" }.prefix(30)
            + "_" + UUID().uuidString.prefix(8).lowercased()
        let connection = try PostgresConnection(url: server.url)
        try connection.execute("CREATE DATABASE \"\(database)\"")
        return server.url(ofDatabase: database)
    }
}

/// A string behind a lock: written once when the server starts, read at exit.
private final class LockedText: Sendable {
    private let text = Mutex("")

    func set(_ value: String) { text.withLock { $0 = value } }

    func get() -> String { text.withLock { $0 } }
}
