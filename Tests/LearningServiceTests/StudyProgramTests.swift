import LearningContracts
import RPC
import ServiceTestSupport
import Testing
import TestSupport

@Suite struct StudyProgramTests {
    func program(_ harness: LearningHarness, unit: String) async throws -> StudyProgram {
        var request = CreateProgramRequest()
        request.resolutionTitle = "Học tập Nghị quyết Đại hội XIII"
        request.materialIDs = ["d_01", "d_02"]
        request.targetUnitID = unit
        request.opensAtMS = harness.clock.now - 1_000
        request.closesAtMS = harness.clock.now + 30 * 86_400_000
        request.required = true
        request.idempotencyKey = "program-1"
        return try await harness.learning.createProgram(request, options: try harness.staff)
    }

    @Test(arguments: LearningEngine.allCases) func aMembersProgressCountsMaterialsTimeAndCompletionOnce(on engine: LearningEngine) async throws {
        try await LearningHarness.run("program-progress", on: engine) { harness in
            let program = try await program(harness, unit: harness.tree.commune)
            #expect(try await self.program(harness, unit: harness.tree.commune).id == program.id)
            let lan = try harness.member("Lan")
            var study = RecordStudyRequest()
            study.programID = program.id
            study.materialID = "d_01"
            study.secondsSpent = 120
            _ = try await harness.learning.recordStudy(study, options: lan)
            study.secondsSpent = 300
            _ = try await harness.learning.recordStudy(study, options: lan)
            _ = try await harness.learning.recordStudy(study, options: lan)  // the same report again
            study.materialID = "d_02"
            study.secondsSpent = 60
            study.completed = true
            let progress = try await harness.learning.recordStudy(study, options: lan)
            #expect(progress.materialsOpened == ["d_01", "d_02"])
            #expect(progress.secondsSpent == 360)
            #expect(progress.completed)
            study.materialID = "d_99"
            #expect(await refusedField { _ = try await harness.learning.recordStudy(study, options: lan) } == "material_id")
        }
    }

    @Test(arguments: LearningEngine.allCases) func aProgramOutsideTheMembersSubtreeIsNotFound(on engine: LearningEngine) async throws {
        try await LearningHarness.run("program-rights", on: engine) { harness in
            let program = try await program(harness, unit: harness.tree.commune)
            var get = GetProgramRequest()
            get.programID = program.id
            #expect(try await harness.learning.getProgram(get, options: try harness.member("Lan")).materialIDs.count == 2)
            #expect(await statusCode { _ = try await harness.learning.getProgram(get, options: try harness.member("Hoa")) }
                == .notFound)
            get.programID = "sp_01ARZ3NDEKTSV4RRFFQ69G5FAV"
            #expect(await statusCode { _ = try await harness.learning.getProgram(get, options: try harness.member("Hoa")) }
                == .notFound)
            var create = CreateProgramRequest()
            create.resolutionTitle = "Không được"
            create.targetUnitID = harness.tree.cellA
            create.opensAtMS = 1
            create.closesAtMS = 2
            #expect(await statusCode { _ = try await harness.learning.createProgram(create, options: try harness.member("Lan")) }
                == .permissionDenied)
            create.resolutionTitle = "Chi bộ \u{0} 🙂"
            #expect(await refusedField { _ = try await harness.learning.createProgram(create, options: try harness.staff) }
                == "resolution_title")
        }
    }
}
