import MeetingContracts
import Store

/// Polls, who voted, and the tallies. A secret poll keeps no link between a voter and
/// a choice: the voter's row has no option and the choice only adds to a count.
struct PollRecords {
    let connection: Connection

    func insert(_ poll: Poll, nowMs: Int64) throws {
        try connection.execute(
            "INSERT INTO polls (id, meeting_id, question, options, secret, created_at_ms) VALUES (?, ?, ?, ?, ?, ?)",
            [poll.id, poll.meetingID, poll.question, poll.options.joined(separator: "\n"), poll.secret, nowMs])
        for option in poll.options.indices {
            try connection.execute("INSERT INTO poll_tallies (poll_id, option, votes) VALUES (?, ?, 0)",
                                   [poll.id, Int64(option)])
        }
    }

    /// The poll as `memberID` sees it: counts only once it is closed.
    func find(_ id: String, for memberID: String) throws -> Poll? {
        guard let row = try connection.queryOne(
            "SELECT id, meeting_id, question, options, secret, closed FROM polls WHERE id = ?", [id]) else { return nil }
        return try poll(row, for: memberID)
    }

    func polls(of meetingID: String, for memberID: String) throws -> [Poll] {
        try connection.query(
            "SELECT id, meeting_id, question, options, secret, closed FROM polls WHERE meeting_id = ? ORDER BY id",
            [meetingID]
        ).map { try poll($0, for: memberID) }
    }

    func hasVoted(_ pollID: String, _ memberID: String) throws -> Bool {
        try connection.queryOne("SELECT 1 FROM poll_voters WHERE poll_id = ? AND member_id = ?", [pollID, memberID]) != nil
    }

    func vote(_ poll: Poll, option: Int, memberID: String, proxy: String?) throws {
        try connection.execute(
            "INSERT INTO poll_voters (poll_id, member_id, option, by_proxy, recorded_by) VALUES (?, ?, ?, ?, ?)",
            [poll.id, memberID, poll.secret ? nil : Int64(option), proxy != nil, proxy ?? memberID])
        try connection.execute("UPDATE poll_tallies SET votes = votes + 1 WHERE poll_id = ? AND option = ?",
                               [poll.id, Int64(option)])
    }

    func close(_ pollID: String) throws {
        try connection.execute("UPDATE polls SET closed = 1 WHERE id = ?", [pollID])
    }

    private func poll(_ row: Row, for memberID: String) throws -> Poll {
        var poll = Poll()
        poll.id = try row.get(0)
        poll.meetingID = try row.get(1)
        poll.question = try row.get(2)
        poll.options = (try row.get(3, as: String.self)).split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
        poll.secret = try row.get(4)
        poll.closed = try row.get(5)
        if let counts = try connection.queryOne(
            "SELECT COUNT(*), COALESCE(SUM(by_proxy), 0) FROM poll_voters WHERE poll_id = ?", [poll.id]) {
            poll.voters = Int32(try counts.get(0, as: Int64.self))
            poll.proxyVotes = Int32(try counts.get(1, as: Int64.self))
        }
        poll.voted = try hasVoted(poll.id, memberID)
        if poll.closed {
            poll.counts = try connection.query("SELECT votes FROM poll_tallies WHERE poll_id = ? ORDER BY option", [poll.id])
                .map { Int32(try $0.get(0, as: Int64.self)) }
        }
        return poll
    }
}
