import MeetingContracts
import RPC
import RPCContracts
import ServiceTestSupport
import Testing

/// Templates saved by name on a cell or a committee and reused when scheduling.
@Suite struct TemplateTests {
    static func template(place: String, agendaItem: String) -> MeetingTemplate {
        var template = MeetingBed.template()
        template.place = place
        template.agenda[0].title = agendaItem
        return template
    }

    func save(_ bed: MeetingBed, _ name: String, on unitID: String, _ template: MeetingTemplate,
              as options: CallOptions) async throws -> SavedTemplate {
        var request = SaveTemplateRequest()
        (request.unitID, request.name, request.template) = (unitID, name, template)
        return try await bed.client.saveTemplate(request, options: options)
    }

    func schedule(_ bed: MeetingBed, _ cellID: String, with name: String) async throws -> Meeting {
        var request = ScheduleMeetingsRequest()
        (request.cellID, request.templateName) = (cellID, name)
        request.when = .startsAtMS(MeetingBed.vietnam(2026, 3, 10, 19, 30))
        return try await bed.client.scheduleMeetings(request, options: try bed.secretary(of: cellID)).meetings[0]
    }

    @Test func aCellsTemplateComesBeforeItsCommitteesOfTheSameNameAndBothAreReusedByName() async throws {
        try await withMeetingBed { bed in
            let commune = try bed.staff(of: bed.tree.commune)
            let saved = try await save(bed, "Thường kỳ", on: bed.tree.commune,
                                       Self.template(place: "Hội trường xã", agendaItem: "Nghị quyết của xã"), as: commune)
            #expect(saved.savedBy == "m_staff1" && saved.template?.agenda.map(\.title) == ["Nghị quyết của xã"])
            _ = try await save(bed, "Thường kỳ", on: bed.tree.cellA,
                               Self.template(place: "Nhà văn hóa thôn", agendaItem: "Việc của thôn"), as: try bed.secretary())

            let inCellA = try await schedule(bed, bed.tree.cellA, with: "Thường kỳ")
            #expect(inCellA.place == "Nhà văn hóa thôn" && inCellA.agenda.map(\.title) == ["Việc của thôn"])
            #expect(inCellA.agenda.first?.id == "a1" && inCellA.agenda.first?.documentIDs == ["doc_01"])
            let inCellB = try await schedule(bed, bed.tree.cellB, with: "Thường kỳ")
            #expect(inCellB.place == "Hội trường xã", "cell B has none of its own: the commune's")

            var list = ListTemplatesRequest()
            list.unitID = bed.tree.cellA
            let usable = try await bed.client.listTemplates(list, options: try bed.secretary())
            #expect(usable.templates.map(\.unitID) == [bed.tree.cellA, bed.tree.commune], "the nearest first")

            var delete = DeleteTemplateRequest()
            (delete.unitID, delete.name) = (bed.tree.cellA, "Thường kỳ")
            _ = try await bed.client.deleteTemplate(delete, options: try bed.secretary())
            #expect(try await schedule(bed, bed.tree.cellA, with: "Thường kỳ").place == "Hội trường xã")
            #expect(try await bed.client.listTemplates(list, options: try bed.secretary()).templates.count == 1)
        }
    }

    @Test func onlyStaffOfTheUnitSaveAndAnUnknownOrDoubledTemplateIsRefused() async throws {
        try await withMeetingBed { bed in
            let template = Self.template(place: "Hội trường", agendaItem: "Nghị quyết")
            #expect(await statusCode {
                try await save(bed, "Thường kỳ", on: bed.tree.cellA, template, as: try bed.member("Hung"))
            } == .permissionDenied)
            #expect(await statusCode {
                try await save(bed, "Thường kỳ", on: bed.tree.commune, template, as: try bed.secretary())
            } == .permissionDenied, "a cell's secretary does not write the commune's templates")
            var list = ListTemplatesRequest()
            list.unitID = bed.tree.cellA
            #expect(await statusCode { try await bed.client.listTemplates(list, options: try bed.member("Hung")) }
                == .permissionDenied)
            #expect(await invalidField {
                try await save(bed, "", on: bed.tree.cellA, template, as: try bed.secretary())
            } == "name")
            var untitled = template
            untitled.title = ""
            #expect(await invalidField {
                try await save(bed, "Thường kỳ", on: bed.tree.cellA, untitled, as: try bed.secretary())
            } == "template.title")

            #expect(await invalidField { try await schedule(bed, bed.tree.cellA, with: "Không có") } == "template_name")
            var both = ScheduleMeetingsRequest()
            (both.cellID, both.templateName, both.template) = (bed.tree.cellA, "Thường kỳ", template)
            both.when = .startsAtMS(MeetingBed.vietnam(2026, 3, 10, 19, 30))
            #expect(await invalidField { try await bed.client.scheduleMeetings(both, options: try bed.secretary()) }
                == "template_name")
            _ = try await save(bed, "Thường kỳ", on: bed.tree.cellB, template, as: try bed.secretary(of: bed.tree.cellB))
            #expect(await invalidField { try await schedule(bed, bed.tree.cellA, with: "Thường kỳ") } == "template_name",
                    "cell B's template is not cell A's")
        }
    }
}
