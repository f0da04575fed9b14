@testable import ContentService
import Testing

/// How the assistant asks the index for candidates: by the question's rarest words, no
/// more passages in all than the index ranks at once, and by every word together when
/// each is common.
@Suite struct AssistantCandidatesTests {
    let ranking = AssistantRanking(question: "Đảng viên dự bị có được biểu quyết không?")
    let limit = AssistantRanking.candidatePassages

    @Test func theRarestWordsAreTakenWhileTheirPassagesFitTogether() {
        let frequencies = ["vien": limit + 1, "du": 40, "bi": 1_200, "bieu": 1_200, "quyet": 900]
        // du (40) and quyet (900) fit in 2,000; bi (1,200 more) would not.
        #expect(ranking.candidates(frequencies: frequencies)
                == AssistantRanking.Candidates(match: "\"du\" OR \"quyet\"", common: false))
    }

    @Test func whenEveryWordIsCommonAllOfThemAreAskedForTogether() {
        // "quyet" is in no passage here, and "dang" is dropped as the question word "đang".
        let frequencies = ["vien": limit + 1, "du": limit + 1, "bi": limit + 1, "bieu": limit + 1]
        #expect(ranking.candidates(frequencies: frequencies)
                == AssistantRanking.Candidates(match: "\"bi\" \"bieu\" \"du\" \"vien\"", common: true))
    }

    @Test func aQuestionWhoseWordsAreInNoPassageHasNoCandidates() {
        #expect(ranking.candidates(frequencies: [:]) == nil)
    }
}
