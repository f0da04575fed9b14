import ServiceKit
import Store

/// A handler set that works on one database with the service's clock. The time of a
/// request is read once, when its transaction is asked for, and handed to the body,
/// so every row a request writes carries the same instant and tests move time by
/// injecting the clock.
public protocol ClockedStorage: Sendable {
    var database: Database { get }
    var clock: WallClock { get }
}

extension ClockedStorage {
    /// Runs a write as one piece of a group commit, with the time it happens at.
    public func write<T: Sendable>(_ body: @escaping @Sendable (Connection, Int64) throws -> T) async throws -> T {
        let now = clock.nowMs
        return try await database.submit { connection in try body(connection, now) }
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await database.read(body)
    }

    /// A read that needs the time (what has expired, what is still open).
    public func read<T: Sendable>(_ body: @escaping @Sendable (Connection, Int64) throws -> T) async throws -> T {
        let now = clock.nowMs
        return try await database.read { connection in try body(connection, now) }
    }
}
