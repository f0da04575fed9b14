import ContentContracts
import RPC
import ServiceTestSupport
import TestSupport
import Testing

/// A library loaded in bulk: checked whole, nothing written unless all is clean, the
/// same source imported again changes nothing, and a dry run writes nothing.
@Suite struct ImportTests {
    func imported(_ title: String, key: String, unitID: String, classification: Classification = .public)
        -> ImportedDocument {
        var entry = ImportedDocument()
        entry.unitID = unitID
        entry.kind = .resolution
        entry.content = document(title, body: "Điều 1. \(title).", classification: classification)
        entry.sourceKey = key
        return entry
    }

    @Test func oneBadDocumentAndNothingIsImportedThenAllCleanImportsOnce() async throws {
        try await withContent("import") { world in
            let importer = try world.editor("m_importer", of: world.tree.province)
            var request = ImportDocumentsRequest()
            var bad = imported("Nghị quyết lỗi", key: "k2", unitID: world.tree.province)
            bad.content?.issueDate = "2026-02-31"
            request.documents = [imported("Nghị quyết một", key: "k1", unitID: world.tree.province), bad,
                                 imported("Nghị quyết mật", key: "k3", unitID: world.tree.commune, classification: .restricted)]
            let refused = try await world.content.importDocuments(request, options: importer)
            #expect(refused.problems.map(\.index) == [1])
            #expect(refused.problems.first?.field == "content.issue_date")
            #expect(refused.imported == 0)
            let lan = try world.member("Lan")
            #expect(try await world.content.search(world.search("nghi quyet mot"), options: lan).hits.isEmpty)

            request.documents[1] = imported("Nghị quyết hai", key: "k2", unitID: world.tree.province)
            request.dryRun = true
            let dry = try await world.content.importDocuments(request, options: importer)
            #expect(dry.imported == 3)
            #expect(dry.itemIDs.isEmpty)
            #expect(try await world.content.search(world.search("nghi quyet mot"), options: lan).hits.isEmpty)

            request.dryRun = false
            let done = try await world.content.importDocuments(request, options: importer)
            #expect(done.imported == 3)
            #expect(done.problems.isEmpty)
            #expect(try await world.content.search(world.search("nghi quyet mot"), options: lan).hits.count == 1)
            // The restricted one is kept for editors, never shown to members.
            #expect(await statusCode { _ = try await world.content.getItem(world.get(done.itemIDs[2]), options: lan) }
                == .notFound)
            #expect(try await world.content.getItem(world.get(done.itemIDs[2]), options: importer).state == .draft)

            let again = try await world.content.importDocuments(request, options: importer)
            #expect(again.imported == 0)
            #expect(again.unchanged == 3)
            #expect(again.itemIDs == done.itemIDs)
        }
    }

    @Test func anImporterWithoutAGrantOnTheUnitIsRefusedPerDocument() async throws {
        try await withContent("import-rights") { world in
            var request = ImportDocumentsRequest()
            request.documents = [imported("Nghị quyết", key: "k1", unitID: world.tree.province)]
            let answer = try await world.content.importDocuments(request, options: world.editor("m_cell", of: world.tree.cellA))
            #expect(answer.problems.first?.field == "unit_id")
            #expect(answer.imported == 0)
        }
    }
}
