import Foundation
import Store

/// A database in a temporary folder with `migrations` applied, closed and removed after.
func withTemporaryDatabase(_ migrations: [Migration], _ body: (Database) async throws -> Void) async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("toolkit-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let database = try await Database.open(path: folder.appendingPathComponent("t.sqlite").path, migrations: migrations)
    do {
        try await body(database)
        await database.close()
    } catch {
        await database.close()
        throw error
    }
}
