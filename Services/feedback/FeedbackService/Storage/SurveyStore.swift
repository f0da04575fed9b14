import FeedbackContracts
import Store

/// Surveys and their responses, one per member.
struct SurveyStore {
    let connection: Connection

    func insert(_ survey: Survey) throws {
        try connection.execute(
            "INSERT INTO surveys (id, unit_id, opens_at_ms, closes_at_ms, record) VALUES (?, ?, ?, ?, ?)",
            [survey.id, survey.unitID, survey.opensAtMS, survey.closesAtMS, survey.wireEncoded()])
    }

    func find(_ id: String) throws -> Survey? {
        try connection.queryOne("SELECT record FROM surveys WHERE id = ?", [id]).map { row in
            try Survey(wireEncoded: try row.get(0, as: [UInt8].self))
        }
    }

    /// Surveys on any of `unitIDs` open at `nowMs`, by closing time then id, after `after`.
    func open(on unitIDs: [String], nowMs: Int64, after: (Int64, String)?, limit: Int) throws -> [Survey] {
        let marks = Array(repeating: "?", count: unitIDs.count).joined(separator: ",")
        let (afterMs, afterID) = after ?? (Int64.min, "")
        let arguments: [(any SQLValueConvertible)?] = unitIDs.map { $0 } + [nowMs, nowMs, afterMs, afterID, Int64(limit)]
        return try connection.query(
            """
            SELECT record FROM surveys WHERE unit_id IN (\(marks)) AND opens_at_ms <= ? AND closes_at_ms > ?
              AND (closes_at_ms, id) > (?, ?) ORDER BY closes_at_ms, id LIMIT ?
            """, arguments).map { row in try Survey(wireEncoded: try row.get(0, as: [UInt8].self)) }
    }

    func hasResponded(_ surveyID: String, memberID: String) throws -> Bool {
        try connection.queryOne("SELECT 1 FROM survey_responses WHERE survey_id = ? AND member_id = ?",
                                [surveyID, memberID]) != nil
    }

    /// False when the member had already responded (the first response stays).
    func respond(_ surveyID: String, memberID: String, unitID: String, proxyMemberID: String, answers: [SurveyAnswer],
                 nowMs: Int64) throws -> Bool {
        var response = RespondSurveyRequest()
        response.answers = answers
        try connection.execute(
            """
            INSERT INTO survey_responses (survey_id, member_id, unit_id, proxy_member_id, answered_at_ms, answers)
            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
            """,
            [surveyID, memberID, unitID, proxyMemberID, nowMs, response.wireEncoded()])
        return connection.changes > 0
    }

    /// Every response: the respondent's unit, whether by proxy, the answers.
    func forEachResponse(_ surveyID: String, _ body: (String, Bool, [SurveyAnswer]) -> Void) throws {
        for row in try connection.query(
            "SELECT unit_id, proxy_member_id, answers FROM survey_responses WHERE survey_id = ?", [surveyID]) {
            let answers = try RespondSurveyRequest(wireEncoded: try row.get(2, as: [UInt8].self)).answers
            body(try row.get(0), !(try row.get(1, as: String.self)).isEmpty, answers)
        }
    }
}
