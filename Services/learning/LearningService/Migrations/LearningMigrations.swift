import ServiceToolkit
import Store
import StorePostgres

/// The learning service's schema. Never edit a shipped migration: add the next one.
/// The scripts are written once, for SQLite, and run on PostgreSQL as
/// `SQLDialect.postgres` translates them, under the same numbers and names.
enum LearningMigrations {
    static let scripts: [(version: Int, name: String, sql: String)] = [
        (1, "programs, question bank, quizzes, attempts", schema),
        // What IdempotentCall.migration(2) is: the same number, name and SQL.
        (2, "idempotency records", IdempotentCall.schema),
    ]

    static let sqlite = scripts.map { Migration($0.version, $0.name, sql: $0.sql) }

    static let postgres = scripts.map { PostgresMigration($0.version, $0.name, sql: SQLDialect.postgres.schema($0.sql)) }

    static let schema = """
        CREATE TABLE programs (
            id TEXT PRIMARY KEY,
            resolution_title TEXT NOT NULL,
            target_unit_id TEXT NOT NULL,
            opens_at_ms INTEGER NOT NULL,
            closes_at_ms INTEGER NOT NULL,
            required INTEGER NOT NULL,
            created_at_ms INTEGER NOT NULL
        );
        CREATE TABLE program_materials (
            program_id TEXT NOT NULL REFERENCES programs(id),
            position INTEGER NOT NULL,
            material_id TEXT NOT NULL,
            PRIMARY KEY (program_id, position)
        );
        -- One row per member and material opened; seconds are the app's running total.
        CREATE TABLE study_progress (
            program_id TEXT NOT NULL REFERENCES programs(id),
            member_id TEXT NOT NULL,
            material_id TEXT NOT NULL,
            seconds_spent INTEGER NOT NULL,
            first_opened_at_ms INTEGER NOT NULL,
            PRIMARY KEY (program_id, member_id, material_id)
        );
        CREATE TABLE study_completions (
            program_id TEXT NOT NULL REFERENCES programs(id),
            member_id TEXT NOT NULL,
            unit_id TEXT NOT NULL,
            completed_at_ms INTEGER NOT NULL,
            proxy_member_id TEXT NOT NULL,
            PRIMARY KEY (program_id, member_id)
        );

        CREATE TABLE categories (
            id TEXT PRIMARY KEY,
            unit_id TEXT NOT NULL,
            name TEXT NOT NULL,
            created_at_ms INTEGER NOT NULL
        );
        CREATE TABLE questions (
            id TEXT PRIMARY KEY,
            category_id TEXT NOT NULL REFERENCES categories(id),
            current_version INTEGER NOT NULL,
            retired_at_ms INTEGER
        );
        CREATE INDEX questions_live_by_category ON questions(category_id) WHERE retired_at_ms IS NULL;
        -- Every version a question ever had: an attempt points at the one it was given.
        -- Choices are joined with U+001F (text checks refuse control characters in them);
        -- correct holds the indexes of the right choices, joined with commas.
        CREATE TABLE question_versions (
            question_id TEXT NOT NULL REFERENCES questions(id),
            version INTEGER NOT NULL,
            kind INTEGER NOT NULL,
            text TEXT NOT NULL,
            choices TEXT NOT NULL,
            correct TEXT NOT NULL,
            explanation TEXT NOT NULL,
            created_at_ms INTEGER NOT NULL,
            PRIMARY KEY (question_id, version)
        );

        CREATE TABLE quizzes (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            target_unit_id TEXT NOT NULL,
            program_id TEXT NOT NULL,
            time_limit_seconds INTEGER NOT NULL,
            grace_seconds INTEGER NOT NULL,
            max_attempts INTEGER NOT NULL,
            grading INTEGER NOT NULL,
            pass_percent INTEGER NOT NULL,
            opens_at_ms INTEGER NOT NULL,
            closes_at_ms INTEGER NOT NULL,
            late_submit INTEGER NOT NULL,
            created_at_ms INTEGER NOT NULL
        );
        CREATE TABLE quiz_draws (
            quiz_id TEXT NOT NULL REFERENCES quizzes(id),
            position INTEGER NOT NULL,
            category_id TEXT NOT NULL REFERENCES categories(id),
            count INTEGER NOT NULL,
            PRIMARY KEY (quiz_id, position)
        );
        CREATE TABLE quiz_overrides (
            quiz_id TEXT NOT NULL REFERENCES quizzes(id),
            member_id TEXT NOT NULL,
            extra_seconds INTEGER NOT NULL,
            extra_attempts INTEGER NOT NULL,
            PRIMARY KEY (quiz_id, member_id)
        );

        -- state: 0 open, 1 submitted. score fields are set once, at submit.
        CREATE TABLE attempts (
            id TEXT PRIMARY KEY,
            quiz_id TEXT NOT NULL REFERENCES quizzes(id),
            member_id TEXT NOT NULL,
            unit_id TEXT NOT NULL,
            number INTEGER NOT NULL,
            started_at_ms INTEGER NOT NULL,
            deadline_ms INTEGER NOT NULL,
            proxy_member_id TEXT NOT NULL,
            state INTEGER NOT NULL DEFAULT 0,
            submitted_at_ms INTEGER,
            correct_count INTEGER,
            question_count INTEGER NOT NULL,
            late INTEGER,
            counted INTEGER,
            UNIQUE (quiz_id, member_id, number)
        );
        CREATE INDEX attempts_by_quiz_unit ON attempts(quiz_id, unit_id);
        CREATE TABLE attempt_questions (
            attempt_id TEXT NOT NULL REFERENCES attempts(id),
            position INTEGER NOT NULL,
            question_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            -- The shuffled order of the choice ids shown, joined with commas.
            choice_order TEXT NOT NULL,
            PRIMARY KEY (attempt_id, position),
            UNIQUE (attempt_id, question_id),
            FOREIGN KEY (question_id, version) REFERENCES question_versions(question_id, version)
        );
        CREATE TABLE attempt_answers (
            attempt_id TEXT NOT NULL REFERENCES attempts(id),
            question_id TEXT NOT NULL,
            choice_ids TEXT NOT NULL,
            saved_at_ms INTEGER NOT NULL,
            -- Time since the previous save of the attempt (or its start), for item statistics.
            seconds_taken REAL NOT NULL,
            PRIMARY KEY (attempt_id, question_id)
        );
        """
}
