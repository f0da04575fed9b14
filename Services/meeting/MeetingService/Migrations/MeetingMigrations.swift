import ServiceToolkit
import Store

/// The meeting service's schema, numbered; each runs once, in a transaction, at start.
enum MeetingMigrations {
    static let all: [Migration] = [
        Migration(1, "meetings, agenda and invitations", sql: """
            CREATE TABLE meetings (
                id TEXT PRIMARY KEY,
                cell_id TEXT NOT NULL,
                kind INTEGER NOT NULL,
                title TEXT NOT NULL,
                place TEXT NOT NULL,
                starts_at_ms INTEGER NOT NULL,
                -- YYYY-MM of starts_at_ms in Vietnam time: the month a regular meeting counts for.
                month TEXT NOT NULL,
                state INTEGER NOT NULL,
                reason TEXT NOT NULL DEFAULT '',
                -- Bumped by each reschedule, so each change is its own notice.
                revision INTEGER NOT NULL DEFAULT 0,
                opened_at_ms INTEGER NOT NULL DEFAULT 0,
                closed_at_ms INTEGER NOT NULL DEFAULT 0,
                -- Kept with each change of `invitations`, so that a subtree's figures read
                -- one row per meeting, not its whole roster.
                invited_count INTEGER NOT NULL DEFAULT 0,
                present_count INTEGER NOT NULL DEFAULT 0,
                created_by TEXT NOT NULL,
                created_at_ms INTEGER NOT NULL
            );
            CREATE INDEX meetings_by_cell ON meetings(cell_id, starts_at_ms, id);
            CREATE INDEX meetings_by_month ON meetings(month, kind, cell_id);
            CREATE INDEX meetings_by_start ON meetings(starts_at_ms, id);
            CREATE TABLE agenda_items (
                meeting_id TEXT NOT NULL REFERENCES meetings(id),
                position INTEGER NOT NULL,
                title TEXT NOT NULL,
                -- Content item ids, one per line.
                document_ids TEXT NOT NULL,
                PRIMARY KEY (meeting_id, position)
            ) WITHOUT ROWID;
            CREATE TABLE invitations (
                meeting_id TEXT NOT NULL REFERENCES meetings(id),
                member_id TEXT NOT NULL,
                full_name TEXT NOT NULL,
                response INTEGER NOT NULL DEFAULT 0,
                presence INTEGER NOT NULL DEFAULT 1,
                by_proxy INTEGER NOT NULL DEFAULT 0,
                recorded_by TEXT NOT NULL DEFAULT '',
                checked_in_at_ms INTEGER NOT NULL DEFAULT 0,
                absence_reason TEXT NOT NULL DEFAULT '',
                PRIMARY KEY (meeting_id, member_id)
            ) WITHOUT ROWID;
            CREATE INDEX invitations_by_member ON invitations(member_id, meeting_id);
            """),
        Migration(2, "comments, polls, minutes, ratings and tasks", sql: """
            CREATE TABLE comments (
                id TEXT PRIMARY KEY,
                meeting_id TEXT NOT NULL REFERENCES meetings(id),
                subject TEXT NOT NULL,
                member_id TEXT NOT NULL,
                text TEXT NOT NULL,
                created_at_ms INTEGER NOT NULL
            );
            CREATE INDEX comments_by_meeting ON comments(meeting_id, id);
            CREATE TABLE polls (
                id TEXT PRIMARY KEY,
                meeting_id TEXT NOT NULL REFERENCES meetings(id),
                question TEXT NOT NULL,
                -- The options, one per line.
                options TEXT NOT NULL,
                secret INTEGER NOT NULL,
                closed INTEGER NOT NULL DEFAULT 0,
                created_at_ms INTEGER NOT NULL
            );
            CREATE INDEX polls_by_meeting ON polls(meeting_id, id);
            -- Who voted; `option` is NULL in a secret poll, whose choices exist only as tallies.
            CREATE TABLE poll_voters (
                poll_id TEXT NOT NULL REFERENCES polls(id),
                member_id TEXT NOT NULL,
                option INTEGER,
                by_proxy INTEGER NOT NULL,
                recorded_by TEXT NOT NULL,
                PRIMARY KEY (poll_id, member_id)
            ) WITHOUT ROWID;
            CREATE TABLE poll_tallies (
                poll_id TEXT NOT NULL REFERENCES polls(id),
                option INTEGER NOT NULL,
                votes INTEGER NOT NULL,
                PRIMARY KEY (poll_id, option)
            ) WITHOUT ROWID;
            -- Every revision is kept: an approved one is never changed, a correction is a new row.
            CREATE TABLE minutes_revisions (
                meeting_id TEXT NOT NULL REFERENCES meetings(id),
                revision INTEGER NOT NULL,
                text TEXT NOT NULL,
                conclusions TEXT NOT NULL,
                approved INTEGER NOT NULL DEFAULT 0,
                recorded_by TEXT NOT NULL,
                recorded_at_ms INTEGER NOT NULL,
                reason TEXT NOT NULL,
                PRIMARY KEY (meeting_id, revision)
            ) WITHOUT ROWID;
            CREATE TABLE ratings (
                meeting_id TEXT NOT NULL REFERENCES meetings(id),
                member_id TEXT NOT NULL,
                score INTEGER NOT NULL,
                PRIMARY KEY (meeting_id, member_id)
            ) WITHOUT ROWID;
            CREATE TABLE tasks (
                id TEXT PRIMARY KEY,
                cell_id TEXT NOT NULL,
                meeting_id TEXT NOT NULL,
                member_id TEXT NOT NULL,
                title TEXT NOT NULL,
                due_date TEXT NOT NULL,
                status INTEGER NOT NULL,
                assigned_by TEXT NOT NULL,
                created_at_ms INTEGER NOT NULL
            );
            CREATE INDEX tasks_by_member ON tasks(member_id, due_date, id);
            CREATE INDEX tasks_by_cell ON tasks(cell_id, due_date, id);
            """),
        Migration(3, "notices: preferences, what each member was sent, who uses the app", sql: """
            CREATE TABLE notice_preferences (
                member_id TEXT PRIMARY KEY,
                scheduled INTEGER NOT NULL,
                changes INTEGER NOT NULL,
                reminders INTEGER NOT NULL
            ) WITHOUT ROWID;
            -- One row per notice a member was given: the key makes each notice once.
            CREATE TABLE notices (
                meeting_id TEXT NOT NULL,
                member_id TEXT NOT NULL,
                notice TEXT NOT NULL,
                outbox_id TEXT NOT NULL,
                PRIMARY KEY (meeting_id, member_id, notice)
            ) WITHOUT ROWID;
            -- Members who have used the app: they get push notices, the others SMS.
            CREATE TABLE app_users (member_id TEXT PRIMARY KEY) WITHOUT ROWID;
            """),
        Outbox.migration(4),
        IdempotentCall.migration(5),
        // The warning list reads which cells held their regular meeting from this index
        // alone (a covering index: month, kind and state narrow it to the held meetings).
        Migration(6, "an index of the regular meetings of a month by state", sql: """
            CREATE INDEX meetings_regular_by_month ON meetings(month, kind, state, cell_id, id);
            """),
        Migration(7, "templates saved by name on a unit", sql: """
            CREATE TABLE templates (
                unit_id TEXT NOT NULL,
                name TEXT NOT NULL,
                -- The checked MeetingTemplate, protobuf-encoded.
                template BLOB NOT NULL,
                saved_by TEXT NOT NULL,
                saved_at_ms INTEGER NOT NULL,
                PRIMARY KEY (unit_id, name)
            ) WITHOUT ROWID;
            """),
    ]
}
