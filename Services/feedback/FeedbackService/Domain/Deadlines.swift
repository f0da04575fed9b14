import FeedbackContracts

/// How long an agency has to answer, by category, and how long a member may reopen a
/// decided item. Matters that need an inquiry (conduct, corruption) get longer.
enum Deadlines {
    static let dayMs: Int64 = 86_400_000
    /// After an answer, a referral or a duplicate, the member may reopen for this long.
    static let reopenWindowMs = 30 * dayMs

    static func answerWithinMs(_ category: Category) -> Int64 {
        switch category {
        case .discipline, .internalAffairsMatter: 30 * dayMs
        case .partyBuilding, .ideology: 15 * dayMs
        default: 10 * dayMs
        }
    }
}
