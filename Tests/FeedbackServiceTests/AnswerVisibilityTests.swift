import FeedbackContracts
import RPC
import ServiceTestSupport
import Testing
import TestSupport

/// Who sees what: a member sees their own items and private answers only; an agency
/// sees what is routed to it or its subtree; public answers are listed in the
/// subtree's Q&A under the edited question, without the asker.
@Suite struct AnswerVisibilityTests {
    @Test func aMemberSeesOnlyTheirOwnItemsAndPrivateAnswers() async throws {
        try await FeedbackHarness.run("private") { harness in
            let tree = harness.tree
            let item = try await harness.submit("Lan", title: "Hồ sơ cá nhân", body: "Sai ngày vào đảng của tôi")
            var answer = AnswerItemRequest()
            answer.itemID = item.id
            answer.text = "Đã sửa ngày vào đảng trong hồ sơ."
            answer.visibility = .private
            _ = try await harness.feedback.answerItem(answer, options: try await harness.agencyStaff(of: tree.commune))

            let own = try await harness.get(item.id, as: try harness.member("Lan"))
            #expect(own.answer?.text == answer.text)
            #expect(own.status == .answered)
            // Another member, of the same cell: the same answer as for an id that does not exist.
            let hung = try harness.member("Hung")
            let other = await statusCode { _ = try await harness.get(item.id, as: hung) }
            let missing = await statusCode { _ = try await harness.get("fb_00000000000000000000000000", as: hung) }
            #expect(other == .notFound && missing == .notFound)
            var batch = BatchGetItemsRequest()
            batch.itemIDs = [item.id]
            #expect(try await harness.feedback.batchGetItems(batch, options: hung).items.isEmpty)
            var search = SearchQARequest()
            search.query = "ngay vao dang"
            #expect(try await harness.feedback.searchQA(search, options: hung).entries.isEmpty)
        }
    }

    @Test func anAgencySeesOnlyWhatIsRoutedToItOrItsSubtree() async throws {
        try await FeedbackHarness.run("agency") { harness in
            let tree = harness.tree
            let item = try await harness.submit("Lan")
            #expect(try await harness.get(item.id, as: try await harness.agencyStaff(of: tree.commune)).id == item.id)
            #expect(try await harness.get(item.id, as: try await harness.agencyStaff(of: tree.province)).id == item.id)
            #expect(await statusCode { _ = try await harness.get(item.id, as: try await harness.agencyStaff(of: tree.bloc)) } == .notFound)
            #expect(await statusCode { _ = try await harness.get(item.id, as: try harness.staff(of: tree.cellA)) }
                == .notFound)
            var start = StartItemRequest()
            start.itemID = item.id
            #expect(await statusCode { _ = try await harness.feedback.startItem(start, options: try harness.member("Lan")) }
                == .permissionDenied)
            #expect(await statusCode {
                _ = try await harness.feedback.startItem(start, options: try await harness.agencyStaff(of: tree.bloc))
            } == .notFound)
        }
    }

    @Test func aPublicAnswerIsListedInTheSubtreesQAUnderTheEditedQuestionAndFoundWithoutDiacritics() async throws {
        try await FeedbackHarness.run("public") { harness in
            let tree = harness.tree
            let item = try await harness.submit(
                "Lan", title: "Học tập nghị quyết", body: "Ông Trần Văn Hùng nói học tập nghị quyết online không tính, đúng không?")
            var answer = AnswerItemRequest()
            answer.itemID = item.id
            answer.text = "Học tập nghị quyết trực tuyến được tính như học tập tập trung."
            answer.visibility = .public
            answer.publicQuestion = "Học tập nghị quyết trực tuyến có được tính không?"
            _ = try await harness.feedback.answerItem(answer, options: try await harness.agencyStaff(of: tree.commune))

            var search = SearchQARequest()
            search.query = "hoc tap nghi quyet"
            let forTuan = try await harness.feedback.searchQA(search, options: try harness.member("Tuan"))
            #expect(forTuan.entries.map(\.itemID) == [item.id])
            #expect(forTuan.entries.first?.question == answer.publicQuestion)
            #expect(forTuan.entries.first?.question.contains("Hùng") == false)
            // Outside the commune's subtree it is not listed.
            let forHoa = try await harness.feedback.searchQA(search, options: try harness.member("Hoa"))
            #expect(forHoa.entries.isEmpty)
            search.query = "ket nap"
            #expect(try await harness.feedback.searchQA(search, options: try harness.member("Tuan")).entries.isEmpty)
        }
    }

    @Test func anAnswerFromATemplateOfTheAgency() async throws {
        try await FeedbackHarness.run("template") { harness in
            let tree = harness.tree
            let staff = try await harness.agencyStaff(of: tree.commune)
            var create = CreateTemplateRequest()
            create.agency = agency(tree.commune, .office)
            create.title = "Đã tiếp nhận"
            create.body = "Văn phòng đã tiếp nhận và chuyển bộ phận liên quan."
            let template = try await harness.feedback.createTemplate(create, options: staff)
            #expect(await statusCode { _ = try await harness.feedback.createTemplate(create, options: try await harness.agencyStaff(of: tree.bloc)) }
                == .permissionDenied)
            let item = try await harness.submit("Lan")
            var answer = AnswerItemRequest()
            answer.itemID = item.id
            answer.templateID = template.id
            answer.visibility = .private
            #expect(try await harness.feedback.answerItem(answer, options: staff).answer?.text == create.body)
        }
    }
}
