/// One unit's month, for its whole subtree, as the five services that hold the figures
/// count it: registrations (auth), reading (content), meetings (meeting), quizzes
/// (learning) and feedback (feedback). Rates are derived here, once, so that the text,
/// CSV and HTML forms of the report cannot disagree.
public struct UnitMonth: Sendable, Equatable {
    public var unitID: String
    public var unitName: String
    /// Auth: members of the subtree in the registry, and those with an account.
    public var members: Int64 = 0
    public var registered: Int64 = 0
    /// Content: members who opened anything in the month, and their openings (one per
    /// member and item).
    public var activeMembers: Int64 = 0
    public var reads: Int64 = 0
    /// Meeting: cells, cells that held their regular meeting, meetings held and held on
    /// time, members invited to them and present.
    public var cells: Int64 = 0
    public var cellsMet: Int64 = 0
    public var meetingsHeld: Int64 = 0
    public var meetingsOnTime: Int64 = 0
    public var invited: Int64 = 0
    public var present: Int64 = 0
    /// Learning: over the quizzes open in the month for the subtree, the members each
    /// targeted, those who completed an attempt and those who passed.
    public var quizTargeted: Int64 = 0
    public var quizCompleted: Int64 = 0
    public var quizPassed: Int64 = 0
    /// Feedback, as the agencies of the subtree handled it: items they received and
    /// answered in the month, and those due in it and not answered by then (a cell has
    /// no agency: its members' items count where they were routed).
    public var feedbackReceived: Int64 = 0
    public var feedbackAnswered: Int64 = 0
    public var feedbackOverdue: Int64 = 0

    public init(unitID: String, unitName: String) {
        self.unitID = unitID
        self.unitName = unitName
    }

    public var registrationRate: Double? { Self.share(registered, of: members) }
    public var activeRate: Double? { Self.share(activeMembers, of: members) }
    public var cellsMetRate: Double? { Self.share(cellsMet, of: cells) }
    public var onTimeRate: Double? { Self.share(meetingsOnTime, of: meetingsHeld) }
    public var attendanceRate: Double? { Self.share(present, of: invited) }
    public var quizParticipation: Double? { Self.share(quizCompleted, of: quizTargeted) }
    public var passRate: Double? { Self.share(quizPassed, of: quizCompleted) }
    public var answeredRate: Double? { Self.share(feedbackAnswered, of: feedbackReceived) }

    /// What units are ranked by: the mean of the shares that measure members' use and
    /// the cells' work (registration, activity, cells that met, attendance, quiz
    /// participation), over those the unit has a denominator for. Pass rate and
    /// feedback are shown but not ranked on: a unit should not climb by making
    /// quizzes easy or by receiving fewer questions.
    public var score: Double? {
        let shares = [registrationRate, activeRate, cellsMetRate, attendanceRate, quizParticipation].compactMap { $0 }
        return shares.isEmpty ? nil : shares.reduce(0, +) / Double(shares.count)
    }

    private static func share(_ part: Int64, of whole: Int64) -> Double? {
        whole > 0 ? Double(part) / Double(whole) : nil
    }
}
