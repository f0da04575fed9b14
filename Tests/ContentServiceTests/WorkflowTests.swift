import ContentContracts
import RPC
import ServiceTestSupport
import TestSupport
import Testing

/// The editorial workflow through the real RPC: who may take each step, restricted
/// items, corrections that keep the old revision, withdrawals, and the audit.
@Suite struct WorkflowTests {
    @Test func aDraftGoesThroughReviewToPublicationByAnotherEditor() async throws {
        try await withContent("workflow") { world in
            let unit = world.tree.province
            let author = try world.editor("m_editorA", of: unit)
            let draft = try await world.content.createDraft(
                world.draftRequest(.resolution, in: unit, document("Nghị quyết về chuyển đổi số")), options: author)
            #expect(draft.state == .draft)
            #expect(draft.revision == 1)
            // Members never see a draft, not even by id.
            #expect(await statusCode { _ = try await world.content.getItem(world.get(draft.id), options: world.member("Lan")) }
                == .notFound)
            let inReview = try await world.content.submitForReview(world.step(draft.id), options: author)
            #expect(inReview.state == .inReview)
            // Nobody approves their own draft.
            #expect(await statusCode { _ = try await world.content.publish(world.step(draft.id), options: author) }
                == .permissionDenied)
            let published = try await world.content.publish(world.step(draft.id), options: world.leader(of: unit))
            #expect(published.state == .published)
            #expect(published.publishedAtMS > 0)
            let read = try await world.content.getItem(world.get(draft.id), options: world.member("Lan"))
            #expect(read.content?.title == "Nghị quyết về chuyển đổi số")

            let archived = try await world.content.archive(world.step(draft.id), options: author)
            #expect(archived.state == .archived)
            // An archived item stays readable.
            _ = try await world.content.getItem(world.get(draft.id), options: world.member("Lan"))
        }
    }

    @Test func aMemberMayNotTakeAnyStepAndAnEditorOfAnotherUnitCannotFindTheDraft() async throws {
        try await withContent("workflow-rights") { world in
            let draft = try await world.content.createDraft(
                world.draftRequest(.news, in: world.tree.commune, document("Tin xã")),
                options: world.editor("m_editorA", of: world.tree.commune))
            #expect(await statusCode {
                _ = try await world.content.createDraft(world.draftRequest(.news, in: world.tree.commune, document("Tin")),
                                                        options: world.member("Lan"))
            } == .permissionDenied)
            // An editor of another subtree gets the same answer as for an item that does not exist.
            let outsider = try world.editor("m_other", of: world.tree.bloc)
            #expect(await statusCode { _ = try await world.content.submitForReview(world.step(draft.id), options: outsider) }
                == .notFound)
            #expect(await statusCode {
                _ = try await world.content.submitForReview(world.step("ci_01JAAAAAAAAAAAAAAAAAAAAAAA"), options: outsider)
            } == .notFound)
            // A province editor covers the commune's subtree.
            let submitted = try await world.content.submitForReview(
                world.step(draft.id), options: world.editor("m_prov", of: world.tree.province))
            #expect(submitted.state == .inReview)
            // Steps out of order are refused.
            #expect(await statusCode {
                _ = try await world.content.archive(world.step(draft.id), options: world.editor("m_prov", of: world.tree.province))
            } == .failedPrecondition)
        }
    }

    @Test func aRestrictedItemCanNeverBePublishedNorCorrectedIntoRestricted() async throws {
        try await withContent("restricted") { world in
            let unit = world.tree.province
            let author = try world.editor("m_editorA", of: unit)
            let draft = try await world.content.createDraft(
                world.draftRequest(.directive, in: unit, document("Chỉ thị mật", classification: .restricted)), options: author)
            _ = try await world.content.submitForReview(world.step(draft.id), options: author)
            var refusal: RPCError?
            do {
                _ = try await world.content.publish(world.step(draft.id), options: world.leader(of: unit))
            } catch let error as RPCError {
                refusal = error
            }
            #expect(refusal?.code == .failedPrecondition)
            #expect(refusal?.message.contains("không được phổ biến rộng rãi") == true)
            #expect(try await world.content.getItem(world.get(draft.id), options: author).state == .inReview)

            let open = try await world.published(in: unit, document("Chỉ thị công khai"))
            var correction = ReviseDraftRequest()
            correction.itemID = open.id
            correction.content = document("Chỉ thị công khai", classification: .restricted)
            #expect(await statusCode { _ = try await world.content.correct(correction, options: author) } == .failedPrecondition)
            // A request without a classification is refused, naming the field.
            var unclassified = document("Không phân loại")
            unclassified.classification = .unspecified
            #expect(await statusCode {
                _ = try await world.content.createDraft(world.draftRequest(.news, in: unit, unclassified), options: author)
            } == .invalidArgument)
        }
    }

    @Test func aCorrectionMakesANewRevisionAndTheOldOneStaysReadable() async throws {
        try await withContent("correction") { world in
            let unit = world.tree.province
            let item = try await world.published(in: unit, document("Nghị quyết", body: "Điều 1. Bản cũ."))
            let correction = world.correction(of: item.id, to: document("Nghị quyết (đính chính)", body: "Điều 1. Bản mới."),
                                              note: "Sửa lỗi chính tả")
            let corrected = try await world.content.correct(correction, options: world.editor("m_editorA", of: unit))
            #expect(corrected.revision == 2)
            #expect(corrected.state == .published)
            let lan = try world.member("Lan")
            #expect(try await world.content.getItem(world.get(item.id), options: lan).content?.body == "Điều 1. Bản mới.")
            #expect(try await world.content.getItem(world.get(item.id, revision: 1), options: lan).content?.body
                == "Điều 1. Bản cũ.")
            // A correction made on stale data is refused.
            #expect(await statusCode { _ = try await world.content.correct(correction, options: world.editor("m_editorA", of: unit)) }
                == .failedPrecondition)
            // Search finds the new text only.
            #expect(try await world.content.search(world.search("ban moi"), options: lan).hits.count == 1)
            #expect(try await world.content.search(world.search("ban cu"), options: lan).hits.isEmpty)
        }
    }

    @Test func aWithdrawalNeedsAReasonHidesTheItemAndEveryStepIsAudited() async throws {
        try await withContent("withdraw") { world in
            let unit = world.tree.province
            let item = try await world.published(in: unit, document("Kết luận rút lại", body: "Nội dung cần rút lại."))
            let editor = try world.editor("m_editorA", of: unit)
            #expect(await statusCode { _ = try await world.content.withdraw(world.step(item.id), options: editor) }
                == .invalidArgument)
            let withdrawn = try await world.content.withdraw(world.step(item.id, reason: "Ban hành nhầm"), options: editor)
            #expect(withdrawn.state == .withdrawn)
            #expect(withdrawn.withdrawnReason == "Ban hành nhầm")
            let lan = try world.member("Lan")
            #expect(await statusCode { _ = try await world.content.getItem(world.get(item.id), options: lan) } == .notFound)
            #expect(try await world.content.search(world.search("rut lai"), options: lan).hits.isEmpty)
            #expect(try await world.content.listFeed(ListFeedRequest(), options: lan).items.isEmpty)

            var audit = ListAuditRequest()
            audit.itemID = item.id
            let entries = try await world.content.listAudit(audit, options: editor).entries
            #expect(entries.map(\.action) == [.drafted, .submitted, .published, .withdrawn])
            #expect(entries.map(\.actorID) == ["m_editorA", "m_editorA", "m_editorB", "m_editorA"])
            #expect(entries.last?.detail == "Ban hành nhầm")
            #expect(await statusCode { _ = try await world.content.listAudit(audit, options: lan) } == .notFound)
        }
    }

    @Test func aRetriedCreateWithTheSameKeyReturnsTheFirstDraft() async throws {
        try await withContent("idempotent") { world in
            var request = world.draftRequest(.news, in: world.tree.province, document("Tin mới"))
            request.idempotencyKey = "draft-1"
            let editor = try world.editor("m_editorA", of: world.tree.province)
            let first = try await world.content.createDraft(request, options: editor)
            let again = try await world.content.createDraft(request, options: editor)
            #expect(first.id == again.id)
            request.content?.title = "Tin khác"
            #expect(await statusCode { _ = try await world.content.createDraft(request, options: editor) } == .invalidArgument)
        }
    }
}
