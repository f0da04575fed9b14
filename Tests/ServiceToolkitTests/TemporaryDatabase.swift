import Foundation
import Store

/// A database in a temporary folder with `migrations` applied, closed and removed after.
func withTemporaryDatabase(_ migrations: [Migration], _ body: (Database) async throws -> Void) async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("toolkit-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let database = try await Database.open(path: folder.appendingPathComponent("t.sqlite").path, migrations: migrations)
    // Closed on failure too, before the folder goes: the body's error is thrown after.
    var failure: (any Error)?
    do { try await body(database) } catch { failure = error }
    await database.close()
    if let failure { throw failure }
}
