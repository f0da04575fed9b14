import OrgContracts
import ServiceKit
import Store

/// Fills an org database straight through the service's own editors (`TreeEditor`,
/// `MemberEditor`), a batch of rows per transaction, without RPC: the way bench-org
/// builds its national database (six million members), which the import RPCs take
/// only 500,000 rows at a time, planning each against everything already stored.
/// Subtree totals, sealed personal numbers and history come out as the RPCs would
/// write them; only the checks of rights are skipped, as an operator would pass them.
public struct SeedLoader: Sendable {
    /// A unit as the seed files describe it: by code, under its parent's code.
    public struct UnitRow: Sendable {
        public var code: String
        public var name: String
        public var kind: UnitKind
        public var cellType: CellType
        public var parentCode: String

        public init(code: String, name: String, kind: UnitKind, cellType: CellType, parentCode: String) {
            self.code = code
            self.name = name
            self.kind = kind
            self.cellType = cellType
            self.parentCode = parentCode
        }
    }

    /// Units come before anything under them, and a member after its unit.
    public enum Row: Sendable {
        case unit(UnitRow)
        /// The member's `unit_id` is ignored: `unitCode` places it.
        case member(Member, unitCode: String)
    }

    static let actorID = "seed"
    static let reason = "synthetic data (bench-org)"

    private let database: Database
    private let vault: MemberVault

    /// Opens (creating and migrating) the database at `databasePath` — for a service
    /// data folder, `<SOTAY_DATA_DIR>/org.sqlite` — sealing with the first key of
    /// `dataKeyFile`, which the service must later be given too.
    public static func open(databasePath: String, dataKeyFile: String) async throws -> SeedLoader {
        let keys = try TokenKeyRing(contentsOfFile: dataKeyFile, variable: ServiceName.org.dataKeyFileVariable)
        let vault = try MemberVault(keys: keys)
        return SeedLoader(database: try await Database.open(path: databasePath, migrations: OrgMigrations.all), vault: vault)
    }

    /// Writes `rows` in one transaction, at `nowMs`.
    public func load(_ rows: [Row], nowMs: Int64) async throws {
        let vault = self.vault
        try await database.write { connection in
            let tree = TreeEditor(connection: connection, actorID: Self.actorID, nowMs: nowMs)
            let members = MemberEditor(connection: connection, vault: vault, actorID: Self.actorID, nowMs: nowMs)
            // Members of a cell arrive together: one lookup per cell, not per member.
            var lastCode = ""
            var lastID = ""
            func unitID(_ code: String) throws -> String {
                if code == lastCode { return lastID }
                guard let row = try connection.queryOne("SELECT id FROM units WHERE code = ? AND state = 1", [code]) else {
                    throw SeedLoaderError(description: "no active unit has the code \(code)")
                }
                lastCode = code
                lastID = try row.get(0)
                return lastID
            }
            for row in rows {
                switch row {
                case .unit(let unit):
                    _ = try tree.create(parentID: unit.parentCode.isEmpty ? "" : try unitID(unit.parentCode), code: unit.code,
                                        name: unit.name, kind: unit.kind, cellType: unit.cellType, reason: Self.reason)
                case .member(let member, let unitCode):
                    var input = try MemberFields.checked(member, fields: MemberField.staffEditable)
                    input.unitID = try unitID(unitCode)
                    _ = try members.create(input, reason: Self.reason)
                }
            }
        }
    }

    public func close() async {
        await database.close()
    }
}

public struct SeedLoaderError: Error, CustomStringConvertible {
    public let description: String
}
