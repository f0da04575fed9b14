import Foundation
import Glibc
import Testing
import Store

/// Database files hold personal data: only the service's user may read them.
@Suite struct FileModeTests {
    static let schema = [Migration(1, "entries", sql: "CREATE TABLE entries(id INTEGER PRIMARY KEY, name TEXT NOT NULL)")]

    /// The permission bits of `path`, from stat(2).
    static func mode(_ path: String) throws -> mode_t {
        var status = stat()
        guard stat(path, &status) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .ENOENT) }
        return status.st_mode & 0o777
    }

    @Test func aNewDatabaseItsWalItsShmAndTheFoldersCreatedForItAreTheOwnersOnly() async throws {
        try await withTemporaryDirectory { folder in
            let dataDirectory = folder.appendingPathComponent("data/org").path
            let path = dataDirectory + "/org.sqlite"
            let database = try await Database.open(path: path, migrations: Self.schema)
            try await database.write { connection in try connection.execute("INSERT INTO entries(name) VALUES ('x')") }

            #expect(try Self.mode(path) == 0o600)
            #expect(try Self.mode(path + "-wal") == 0o600)
            #expect(try Self.mode(path + "-shm") == 0o600)
            #expect(try Self.mode(dataDirectory) == 0o700)
            #expect(try Self.mode(folder.appendingPathComponent("data").path) == 0o700)
            await database.close()
        }
    }

    @Test func anExistingDatabaseAndItsLeftoverWalAreTightenedAtOpen() async throws {
        try await withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("auth.sqlite").path
            try await Database.open(path: path, migrations: Self.schema).close()
            #expect(chmod(path, 0o644) == 0)
            // A WAL left by a crash, with the mode older builds gave it.
            #expect(FileManager.default.createFile(atPath: path + "-wal", contents: Data(), attributes: [.posixPermissions: 0o644]))
            #expect(try Self.mode(path) == 0o644)

            let database = try await Database.open(path: path, migrations: Self.schema)
            #expect(try Self.mode(path) == 0o600)
            #expect(try Self.mode(path + "-wal") == 0o600)
            #expect(try Self.mode(path + "-shm") == 0o600)
            await database.close()
        }
    }

    @Test func aBackupIsTheOwnersOnlyEvenWhenItReplacesAReadableFile() async throws {
        try await withTemporaryDirectory { folder in
            let fresh = folder.appendingPathComponent("fresh-backup.sqlite").path
            let replaced = folder.appendingPathComponent("replaced-backup.sqlite").path
            #expect(FileManager.default.createFile(atPath: replaced, contents: Data(), attributes: [.posixPermissions: 0o644]))
            try await withDatabase(migrations: Self.schema) { database in
                try await database.write { connection in try connection.execute("INSERT INTO entries(name) VALUES ('x')") }
                try await database.backup(to: fresh)
                try await database.backup(to: replaced)
            }
            #expect(try Self.mode(fresh) == 0o600)
            #expect(try Self.mode(replaced) == 0o600)
            let copy = try await Database.open(path: replaced, migrations: Self.schema)
            #expect(try await copy.count("entries") == 1)
            await copy.close()
        }
    }
}
