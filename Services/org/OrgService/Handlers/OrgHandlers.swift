import OrgContracts
import RPC
import ServiceKit
import Store

/// The org service's RPC handlers: input checks, rights, then the domain's reads and
/// writes on the service's database. Writes go through group commit (`submit`), so
/// many members editing at once share a durable transaction.
struct OrgHandlers: OrgServiceHandler {
    let database: Database
    let vault: MemberVault
    let clock: WallClock

    /// Runs a write as one piece of a group commit, with the time it happens at.
    func write<T: Sendable>(_ body: @escaping @Sendable (Connection, Int64) throws -> T) async throws -> T {
        let now = clock.nowMs
        return try await database.submit { connection in try body(connection, now) }
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await database.read(body)
    }
}
