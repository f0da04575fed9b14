/// Draws an attempt's questions: from each category the quiz names, its count of
/// live questions at random, preferring questions this member has not been given in
/// an earlier attempt of the quiz; only when a category has too few unseen ones are
/// seen questions reused, those seen longest ago first. Then the order is shuffled,
/// and each question's choices too.
struct QuestionDraw {
    struct Pool {
        let count: Int
        let liveQuestionIDs: [String]
    }

    /// The attempt number in which the member last saw each question.
    let lastSeen: [String: Int]

    /// Nil when a pool holds fewer live questions than its count.
    func draw(from pools: [Pool], using generator: inout some RandomNumberGenerator) -> [String]? {
        var drawn: [String] = []
        for pool in pools {
            guard pool.liveQuestionIDs.count >= pool.count else { return nil }
            let unseen = pool.liveQuestionIDs.filter { lastSeen[$0] == nil }.shuffled(using: &generator)
            var picked = Array(unseen.prefix(pool.count))
            if picked.count < pool.count {
                let seen = pool.liveQuestionIDs.filter { lastSeen[$0] != nil }.shuffled(using: &generator)
                    .sorted { lastSeen[$0, default: 0] < lastSeen[$1, default: 0] }
                picked += seen.prefix(pool.count - picked.count)
            }
            drawn += picked
        }
        return drawn.shuffled(using: &generator)
    }

    static func shuffledChoiceOrder(count: Int, using generator: inout some RandomNumberGenerator) -> [Int] {
        Array(0..<count).shuffled(using: &generator)
    }
}
