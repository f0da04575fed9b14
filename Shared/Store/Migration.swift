/// One numbered, named schema change. A service lists its migrations 1, 2, 3, … and
/// never edits one that has shipped; a change is a new migration. The migrator
/// records each applied migration by `identifier` with a checksum, and refuses to
/// open a database whose recorded checksum differs from the code's (docs/storage.md).
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    /// The text whose SHA-256 is recorded when the migration is applied and compared
    /// at every start: the SQL of a SQL migration, the `fingerprint` of a code one.
    let checksumSource: String
    let apply: @Sendable (Connection) throws -> Void

    /// A migration written as SQL (several statements separated by `;` are fine). Its
    /// checksum covers the SQL text, so any edit to it is detected.
    public init(_ version: Int, _ name: String, sql: String) {
        self.init(version, name, checksumSource: sql) { connection in try connection.executeScript(sql) }
    }

    /// A migration that needs code (to fill a new column from old ones, say). Code
    /// cannot be hashed, so its checksum covers `fingerprint`, or the name when there
    /// is none: give as fingerprint the SQL the code runs or a description of what it
    /// does, so that editing what it does means editing the fingerprint, which is
    /// detected like an edited SQL migration.
    public init(
        _ version: Int, _ name: String, fingerprint: String? = nil,
        apply: @escaping @Sendable (Connection) throws -> Void
    ) {
        self.init(version, name, checksumSource: fingerprint ?? name, apply: apply)
    }

    private init(_ version: Int, _ name: String, checksumSource: String, apply: @escaping @Sendable (Connection) throws -> Void) {
        self.version = version
        self.name = name
        self.checksumSource = checksumSource
        self.apply = apply
    }

    /// The name the migration is recorded under: its number and name, so that two
    /// migrations never share one and a renamed migration is noticed.
    public var identifier: String { "\(version) \(name)" }

    /// How errors and logs name this migration.
    var label: String { "migration \(version) `\(name)`" }
}
