import MeetingContracts
import Store
import Wire

/// Templates saved by name on a unit (a cell, or a committee for the cells under it),
/// stored as the checked `MeetingTemplate`'s protobuf encoding.
struct TemplateRecords {
    /// How many templates one unit may keep.
    static let maxPerUnit = 50

    let connection: Connection

    /// Saves the template, replacing the unit's template of that name.
    func save(_ saved: SavedTemplate) throws {
        try connection.execute(
            """
            INSERT INTO templates (unit_id, name, template, saved_by, saved_at_ms) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (unit_id, name) DO UPDATE SET template = excluded.template, saved_by = excluded.saved_by,
                saved_at_ms = excluded.saved_at_ms
            """,
            [saved.unitID, saved.name, (saved.template ?? MeetingTemplate()).wireEncoded(), saved.savedBy,
             saved.savedAtMS])
    }

    func count(on unitID: String) throws -> Int {
        try connection.queryOne("SELECT COUNT(*) FROM templates WHERE unit_id = ?", [unitID])?.get(0) ?? 0
    }

    func exists(_ name: String, on unitID: String) throws -> Bool {
        try connection.queryOne("SELECT 1 FROM templates WHERE unit_id = ? AND name = ?", [unitID, name]) != nil
    }

    func delete(_ name: String, on unitID: String) throws {
        try connection.execute("DELETE FROM templates WHERE unit_id = ? AND name = ?", [unitID, name])
    }

    /// The templates of `unitIDs`, in that order (the nearest unit first), each unit's by name.
    func templates(of unitIDs: [String]) throws -> [SavedTemplate] {
        try unitIDs.flatMap { unitID in
            try connection.query(
                "SELECT unit_id, name, template, saved_by, saved_at_ms FROM templates WHERE unit_id = ? ORDER BY name",
                [unitID]
            ).map(Self.saved)
        }
    }

    /// The template called `name` on the first of `unitIDs` that has one.
    func find(_ name: String, along unitIDs: [String]) throws -> SavedTemplate? {
        for unitID in unitIDs {
            if let row = try connection.queryOne(
                "SELECT unit_id, name, template, saved_by, saved_at_ms FROM templates WHERE unit_id = ? AND name = ?",
                [unitID, name]) {
                return try Self.saved(row)
            }
        }
        return nil
    }

    private static func saved(_ row: Row) throws -> SavedTemplate {
        var saved = SavedTemplate()
        saved.unitID = try row.get(0)
        saved.name = try row.get(1)
        saved.template = try MeetingTemplate(wireEncoded: try row.get(2, as: [UInt8].self))
        saved.savedBy = try row.get(3)
        saved.savedAtMS = try row.get(4)
        return saved
    }
}
