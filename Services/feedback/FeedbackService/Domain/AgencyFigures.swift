import FeedbackContracts

/// One agency's figures for a month while they are counted.
struct AgencyFigures {
    var received: Int64 = 0
    var overdue: Int64 = 0
    var answerTimesMs: [Int64] = []

    mutating func merge(_ other: AgencyFigures) {
        received += other.received
        overdue += other.overdue
        answerTimesMs += other.answerTimesMs
    }

    func statistics(for agency: Agency) -> AgencyStatistics {
        let sorted = answerTimesMs.sorted()
        var statistics = AgencyStatistics()
        statistics.agency = agency
        statistics.received = received
        statistics.answered = Int64(sorted.count)
        statistics.overdue = overdue
        statistics.medianMSToAnswer = Percentiles.nearestRank(0.5, of: sorted)
        statistics.p90MSToAnswer = Percentiles.nearestRank(0.9, of: sorted)
        return statistics
    }
}
