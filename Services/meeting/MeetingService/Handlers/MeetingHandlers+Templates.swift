import MeetingContracts
import OrgTreeReplica
import RPC
import ServiceToolkit
import Store

/// Templates saved by name: a secretary saves the cell's usual meeting (title, place,
/// agenda) once, a committee saves one for every cell under it, and scheduling names
/// it instead of repeating it.
extension MeetingHandlers {
    func saveTemplate(_ request: SaveTemplateRequest, context: CallContext) async throws -> SavedTemplate {
        let actor = try actor(context)
        let unitID = try knownUnit(request.unitID)
        let name = try TextInput.checked(request.name, field: "name", limit: .label)
        let checked = try Self.checkedTemplate(request.template)
        try actor.access.require(Self.staff, on: placement(unitID), to: "save this unit's templates")
        var given = SavedTemplate()
        (given.unitID, given.name, given.savedBy) = (unitID, name, actor.memberID)
        given.template = Self.template(of: checked)
        return try await write { [given] connection, now in
            let records = TemplateRecords(connection: connection)
            guard try records.exists(name, on: unitID) || records.count(on: unitID) < TemplateRecords.maxPerUnit else {
                throw RPCError(.resourceExhausted, "a unit keeps at most \(TemplateRecords.maxPerUnit) templates")
            }
            var saved = given
            saved.savedAtMS = now
            try records.save(saved)
            return saved
        }
    }

    func listTemplates(_ request: ListTemplatesRequest, context: CallContext) async throws -> SavedTemplateList {
        let actor = try actor(context)
        let unitID = try knownUnit(request.unitID)
        try actor.access.require(Self.staff, on: placement(unitID), to: "see this unit's templates")
        let units = templateUnits(of: unitID)
        return try await read { connection in
            var list = SavedTemplateList()
            list.templates = try TemplateRecords(connection: connection).templates(of: units)
            return list
        }
    }

    func deleteTemplate(_ request: DeleteTemplateRequest, context: CallContext) async throws -> DeleteTemplateResponse {
        let actor = try actor(context)
        let unitID = try knownUnit(request.unitID)
        let name = try TextInput.checked(request.name, field: "name", limit: .label)
        try actor.access.require(Self.staff, on: placement(unitID), to: "delete this unit's templates")
        return try await write { connection, _ in
            try TemplateRecords(connection: connection).delete(name, on: unitID)
            return DeleteTemplateResponse()
        }
    }

    /// The name of the saved template a schedule call uses instead of its own, or nil
    /// when it gives its own.
    static func templateName(of request: ScheduleMeetingsRequest) throws -> String? {
        guard !request.templateName.isEmpty else { return nil }
        guard request.template == nil else {
            throw RPCError.invalidArgument(field: "template_name", "give template or template_name, not both")
        }
        return try TextInput.checked(request.templateName, field: "template_name", limit: .label)
    }

    /// The saved template called `name` on the cell, else on the nearest unit above it
    /// that has one, checked again as a given template is.
    func savedTemplate(_ name: String, for cellID: String) async throws -> Meeting {
        let units = templateUnits(of: cellID)
        let saved = try await read { connection in try TemplateRecords(connection: connection).find(name, along: units) }
        guard let saved else {
            throw RPCError.invalidArgument(field: "template_name", "no template of that name on the cell or above it")
        }
        return try Self.checkedTemplate(saved.template)
    }

    /// The unit and those above it, the nearest first: where a unit's templates come from.
    private func templateUnits(of unitID: String) -> [String] {
        [unitID] + (tree.tree.ancestors(of: unitID) ?? []).reversed()
    }

    /// A unit id of an active unit the replica knows.
    private func knownUnit(_ given: String) throws -> String {
        let unitID = try RecordID.checked(given, prefix: "u", field: "unit_id")
        guard let unit = tree.tree.unit(unitID), unit.isActive else {
            throw RPCError.invalidArgument(field: "unit_id", "is not an active unit")
        }
        return unitID
    }

    /// The template a checked meeting was made from (agenda ids are the service's).
    static func template(of meeting: Meeting) -> MeetingTemplate {
        var template = MeetingTemplate()
        (template.kind, template.title, template.place) = (meeting.kind, meeting.title, meeting.place)
        template.agenda = meeting.agenda
        return template
    }
}
