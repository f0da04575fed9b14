import ContentContracts
import ContentSeed
import Foundation
import ServiceTestSupport
import Testing

/// The assistant's quality, measured on `AssistantQuestions` against `CoreLibrary` among
/// synthetic documents, through the real RPC: it prints the top-1 and top-3 hit rates.
/// It asserts only what must hold for the figures to mean anything: every question's
/// expected passage exists in the library.
@Suite struct AssistantQualityTests {
    @Test func theQuestionSetIsAnsweredFromTheRightArticles() async throws {
        try await withContent("assistant-quality") { world in
            var request = ImportDocumentsRequest()
            let library = CoreLibrary.all + SyntheticLibrary.generate(count: 200, seed: 7, maxLevel: 0)
            request.documents = library.enumerated().map { index, seed in
                var document = ImportedDocument()
                document.unitID = world.tree.province
                document.kind = seed.kind
                document.content = seed.content
                document.sourceKey = "quality-\(index)"
                return document
            }
            let loaded = try await world.content.importDocuments(request, options: world.editor("m_importer", of: world.tree.province))
            #expect(loaded.problems.isEmpty)
            let questions = AssistantQuestions.all
            #expect(questions.count >= 40)
            let lan = try world.member("Lan")
            var top1 = 0
            var top3 = 0
            var misses: [String] = []
            for question in questions {
                var ask = world.ask(question.question)
                ask.maxPassages = 3
                let passages = try await world.content.ask(ask, options: lan).passages
                let hit = { (passage: Passage) in passage.number == question.number && passage.section.contains(question.section) }
                if let first = passages.first, hit(first) { top1 += 1 }
                if passages.contains(where: hit) { top3 += 1 } else { misses.append(question.question) }
            }
            // The expected passages exist: each is found by its own section text.
            for question in questions {
                let core = try #require(CoreLibrary.all.first { $0.content.number == question.number })
                #expect(core.content.body.contains(question.section.components(separatedBy: " › ").last ?? question.section),
                        "\(question.question)")
            }
            print("assistant quality: \(questions.count) questions, top-1 \(top1) (\(percent(top1, questions.count))), "
                  + "top-3 \(top3) (\(percent(top3, questions.count)))")
            for miss in misses { print("assistant quality: not in top 3: \(miss)") }
        }
    }

    func percent(_ count: Int, _ total: Int) -> String {
        String(format: "%.1f%%", 100 * Double(count) / Double(max(total, 1)))
    }
}
