import LearningContracts
import Store

/// Study programs and members' progress through them.
struct ProgramStore {
    let connection: any SQLSession

    func insert(_ program: StudyProgram) throws {
        try connection.execute(
            """
            INSERT INTO programs (id, resolution_title, target_unit_id, opens_at_ms, closes_at_ms, required, created_at_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            [program.id, program.resolutionTitle, program.targetUnitID, program.opensAtMS, program.closesAtMS,
             program.required, program.createdAtMS])
        for (position, material) in program.materialIDs.enumerated() {
            try connection.execute("INSERT INTO program_materials (program_id, position, material_id) VALUES (?, ?, ?)",
                                   [program.id, position, material])
        }
    }

    func program(_ id: String) throws -> StudyProgram? {
        guard let row = try connection.queryOne(
            """
            SELECT resolution_title, target_unit_id, opens_at_ms, closes_at_ms, required, created_at_ms
            FROM programs WHERE id = ?
            """, [id])
        else { return nil }
        var program = StudyProgram()
        program.id = id
        program.resolutionTitle = try row.get(0)
        program.targetUnitID = try row.get(1)
        program.opensAtMS = try row.get(2)
        program.closesAtMS = try row.get(3)
        program.required = try row.get(4)
        program.createdAtMS = try row.get(5)
        program.materialIDs = try connection.query(
            "SELECT material_id FROM program_materials WHERE program_id = ? ORDER BY position", [id]
        ).map { try $0.get(0) }
        return program
    }

    /// Keeps the largest running total the app has reported for the material, so a
    /// report sent twice, or late and out of order, never adds time.
    func recordStudy(programID: String, memberID: String, materialID: String, secondsSpent: Int64, nowMs: Int64) throws {
        try connection.execute(
            """
            INSERT INTO study_progress (program_id, member_id, material_id, seconds_spent, first_opened_at_ms)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (program_id, member_id, material_id)
            DO UPDATE SET seconds_spent = CASE WHEN excluded.seconds_spent > study_progress.seconds_spent
                                               THEN excluded.seconds_spent ELSE study_progress.seconds_spent END
            """,
            [programID, memberID, materialID, secondsSpent, nowMs])
    }

    func complete(programID: String, memberID: String, unitID: String, proxyMemberID: String, nowMs: Int64) throws {
        try connection.execute(
            """
            INSERT INTO study_completions (program_id, member_id, unit_id, completed_at_ms, proxy_member_id)
            VALUES (?, ?, ?, ?, ?) ON CONFLICT (program_id, member_id) DO NOTHING
            """,
            [programID, memberID, unitID, nowMs, proxyMemberID])
    }

    func progress(programID: String, memberID: String) throws -> StudyProgress {
        var progress = StudyProgress()
        progress.programID = programID
        progress.memberID = memberID
        let rows = try connection.query(
            """
            SELECT material_id, seconds_spent FROM study_progress
            WHERE program_id = ? AND member_id = ? ORDER BY first_opened_at_ms, material_id
            """, [programID, memberID])
        progress.materialsOpened = try rows.map { try $0.get(0) }
        progress.secondsSpent = try rows.reduce(0) { $0 + (try $1.get(1) as Int64) }
        progress.completed = try connection.queryOne(
            "SELECT 1 FROM study_completions WHERE program_id = ? AND member_id = ?", [programID, memberID]) != nil
        return progress
    }
}
