import FeedbackContracts
import Store

/// An agency's response templates.
struct TemplateStore {
    let connection: Connection

    func find(_ id: String) throws -> ResponseTemplate? {
        try connection.queryOne("SELECT record FROM templates WHERE id = ?", [id]).map { row in
            try ResponseTemplate(wireEncoded: try row.get(0, as: [UInt8].self))
        }
    }

    func insert(_ template: ResponseTemplate, of agency: Agency) throws {
        try connection.execute(
            "INSERT INTO templates (id, agency_unit_id, agency_kind, record) VALUES (?, ?, ?, ?)",
            [template.id, agency.unitID, Int64(agency.kind.rawValue), template.wireEncoded()])
    }

    func list(of agency: Agency) throws -> [ResponseTemplate] {
        try connection.query("SELECT record FROM templates WHERE agency_unit_id = ? AND agency_kind = ? ORDER BY id",
                             [agency.unitID, Int64(agency.kind.rawValue)])
            .map { row in try ResponseTemplate(wireEncoded: try row.get(0, as: [UInt8].self)) }
    }
}
