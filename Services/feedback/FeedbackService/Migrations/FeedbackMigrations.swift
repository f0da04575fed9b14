import ServiceToolkit
import Store

/// The feedback service's schema. Never edit a shipped migration: add the next one.
/// Records are kept as their contract message (`record` blobs) beside the columns the
/// queries filter and sort on, which the storage code writes from the same message.
enum FeedbackMigrations {
    static let all: [Migration] = [
        Migration(1, "items, events, routing rules, templates, public Q&A, surveys", sql: schema),
        IdempotentCall.migration(2),
        Outbox.migration(3),
        Migration(4, "agency staff and the log of their appointments", sql: agencyStaff),
        Migration(5, "open items by agency for inbox pages", sql: openItemsByAgency),
    ]

    /// Who staffs which agency; each handler call reads the caller's rows by member.
    /// Every appointment and removal is kept in `agency_staff_log`.
    static let agencyStaff = """
        CREATE TABLE agency_staff (
            agency_unit_id TEXT NOT NULL,
            agency_kind INTEGER NOT NULL,
            member_id TEXT NOT NULL,
            record BLOB NOT NULL,
            PRIMARY KEY (agency_unit_id, agency_kind, member_id)
        ) WITHOUT ROWID;
        CREATE INDEX agency_staff_by_member ON agency_staff(member_id);

        CREATE TABLE agency_staff_log (
            at_ms INTEGER NOT NULL,
            by_member_id TEXT NOT NULL,
            action TEXT NOT NULL,
            agency_unit_id TEXT NOT NULL,
            agency_kind INTEGER NOT NULL,
            member_id TEXT NOT NULL
        );
        CREATE INDEX agency_staff_log_by_agency ON agency_staff_log(agency_unit_id, agency_kind, at_ms);
        """

    /// An inbox page (open items of one agency by due date) as one index range: the
    /// partial index holds only open items, so no closed row is read and skipped.
    static let openItemsByAgency = """
        CREATE INDEX items_open_by_agency ON items(agency_unit_id, agency_kind, due_at_ms, id) WHERE is_open = 1;
        """

    static let schema = """
        CREATE TABLE items (
            id TEXT PRIMARY KEY,
            member_id TEXT NOT NULL,
            agency_unit_id TEXT NOT NULL,
            agency_kind INTEGER NOT NULL,
            status INTEGER NOT NULL,
            is_open INTEGER NOT NULL,
            due_at_ms INTEGER NOT NULL,
            escalated_to_unit_id TEXT NOT NULL,
            submitted_at_ms INTEGER NOT NULL,
            -- Statistics: the deadline set at submit, the first answer, the first decision.
            first_due_at_ms INTEGER NOT NULL,
            first_answered_at_ms INTEGER,
            first_decided_at_ms INTEGER,
            record BLOB NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX items_by_member ON items(member_id, submitted_at_ms, id);
        CREATE INDEX items_by_agency ON items(agency_unit_id, agency_kind, due_at_ms, id);
        CREATE INDEX items_by_escalation ON items(escalated_to_unit_id, agency_kind, due_at_ms, id);
        -- The escalation sweep reads only open items, oldest due first.
        CREATE INDEX items_overdue ON items(due_at_ms, id) WHERE is_open = 1;
        CREATE INDEX items_by_submit ON items(submitted_at_ms);
        CREATE INDEX items_by_answer ON items(first_answered_at_ms) WHERE first_answered_at_ms IS NOT NULL;
        CREATE INDEX items_by_first_due ON items(first_due_at_ms);

        CREATE TABLE item_events (
            item_id TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            record BLOB NOT NULL,
            PRIMARY KEY (item_id, sequence)
        ) WITHOUT ROWID;

        CREATE TABLE routing_rules (
            id TEXT PRIMARY KEY,
            unit_id TEXT NOT NULL,
            category INTEGER NOT NULL,
            record BLOB NOT NULL,
            UNIQUE (unit_id, category)
        );

        CREATE TABLE templates (
            id TEXT PRIMARY KEY,
            agency_unit_id TEXT NOT NULL,
            agency_kind INTEGER NOT NULL,
            record BLOB NOT NULL
        );
        CREATE INDEX templates_by_agency ON templates(agency_unit_id, agency_kind, id);

        -- Public answers, listed for the subtree of the agency's committee.
        CREATE TABLE qa_entries (
            item_id TEXT NOT NULL UNIQUE,
            agency_unit_id TEXT NOT NULL,
            answered_at_ms INTEGER NOT NULL,
            record BLOB NOT NULL
        );
        CREATE INDEX qa_by_unit ON qa_entries(agency_unit_id, answered_at_ms, item_id);
        -- Question and answer folded (TextFolding), rowid = qa_entries.rowid.
        CREATE VIRTUAL TABLE qa_fts USING fts5(folded, tokenize = 'unicode61');

        CREATE TABLE surveys (
            id TEXT PRIMARY KEY,
            unit_id TEXT NOT NULL,
            opens_at_ms INTEGER NOT NULL,
            closes_at_ms INTEGER NOT NULL,
            record BLOB NOT NULL
        );
        CREATE INDEX surveys_by_unit ON surveys(unit_id, closes_at_ms);

        CREATE TABLE survey_responses (
            survey_id TEXT NOT NULL,
            member_id TEXT NOT NULL,
            unit_id TEXT NOT NULL,
            proxy_member_id TEXT NOT NULL,
            answered_at_ms INTEGER NOT NULL,
            answers BLOB NOT NULL,
            PRIMARY KEY (survey_id, member_id)
        ) WITHOUT ROWID;
        """
}
