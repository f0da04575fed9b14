import ServiceToolkit
import Store

/// The org service's schema. Never edit a shipped migration: add the next one.
enum OrgMigrations {
    static let all: [Migration] = [
        Migration(1, "unit tree, history and subtree totals", sql: unitTree),
        Migration(2, "member registry", sql: memberRegistry),
        Migration(3, "idempotency keys", sql: idempotency),
        Migration(4, "import staging", sql: importStaging),
        // Keys now keep the request's digest and the first response (docs/toolkit.md).
        IdempotentCall.migration(5, replacing: "idempotency_keys"),
    ]

    /// Units carry a materialized path of ancestor ids ("/root/commune/cell/"): the
    /// subtree of a unit is one index range, and its ancestors are read from one row.
    /// Paths are internal; ids never change when the tree is reorganised.
    ///
    /// `unit_totals` holds, for every unit, the counts of its whole subtree, kept up to
    /// date by every write, so the monthly figures of the root of a national tree are
    /// one row away instead of a scan of six million members.
    static let unitTree = """
        CREATE TABLE units (
            id TEXT PRIMARY KEY,
            code TEXT NOT NULL,
            name TEXT NOT NULL,
            name_folded TEXT NOT NULL,
            kind INTEGER NOT NULL,
            cell_type INTEGER NOT NULL DEFAULT 0,
            parent_id TEXT REFERENCES units(id),
            path TEXT NOT NULL,
            depth INTEGER NOT NULL,
            state INTEGER NOT NULL,
            merged_into_id TEXT REFERENCES units(id),
            created_at_ms INTEGER NOT NULL,
            updated_at_ms INTEGER NOT NULL,
            version INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX units_active_code ON units(code) WHERE state = 1;
        CREATE INDEX units_by_parent ON units(parent_id, name_folded);
        CREATE UNIQUE INDEX units_by_path ON units(path);

        CREATE VIRTUAL TABLE units_fts USING fts5(
            name_folded, content='units', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
        CREATE TRIGGER units_fts_insert AFTER INSERT ON units BEGIN
            INSERT INTO units_fts(rowid, name_folded) VALUES (new.rowid, new.name_folded);
        END;
        CREATE TRIGGER units_fts_update AFTER UPDATE OF name_folded ON units BEGIN
            INSERT INTO units_fts(units_fts, rowid, name_folded) VALUES ('delete', old.rowid, old.name_folded);
            INSERT INTO units_fts(rowid, name_folded) VALUES (new.rowid, new.name_folded);
        END;

        -- Every change to the tree, in order: the history of each unit and the feed
        -- that other services' tree replicas follow.
        CREATE TABLE unit_changes (
            sequence INTEGER PRIMARY KEY,
            unit_id TEXT NOT NULL REFERENCES units(id),
            kind INTEGER NOT NULL,
            actor_member_id TEXT NOT NULL,
            at_ms INTEGER NOT NULL,
            reason TEXT NOT NULL,
            old_parent_id TEXT,
            new_parent_id TEXT,
            old_name TEXT,
            new_name TEXT,
            target_unit_id TEXT
        );
        CREATE INDEX unit_changes_by_unit ON unit_changes(unit_id, sequence);

        -- Each unit as it was between two instants, for "the tree as of date D".
        CREATE TABLE unit_versions (
            unit_id TEXT NOT NULL REFERENCES units(id),
            sequence INTEGER NOT NULL REFERENCES unit_changes(sequence),
            valid_from_ms INTEGER NOT NULL,
            valid_to_ms INTEGER,
            code TEXT NOT NULL,
            name TEXT NOT NULL,
            kind INTEGER NOT NULL,
            cell_type INTEGER NOT NULL,
            parent_id TEXT,
            state INTEGER NOT NULL,
            merged_into_id TEXT,
            PRIMARY KEY (unit_id, sequence)
        ) WITHOUT ROWID;
        CREATE INDEX unit_versions_by_parent ON unit_versions(parent_id, valid_from_ms);

        CREATE TABLE unit_totals (
            unit_id TEXT PRIMARY KEY REFERENCES units(id),
            probationary INTEGER NOT NULL DEFAULT 0,
            official INTEGER NOT NULL DEFAULT 0,
            exempt INTEGER NOT NULL DEFAULT 0,
            committees INTEGER NOT NULL DEFAULT 0,
            grassroots_committees INTEGER NOT NULL DEFAULT 0,
            grassroots_cells INTEGER NOT NULL DEFAULT 0,
            sub_committees INTEGER NOT NULL DEFAULT 0,
            cells INTEGER NOT NULL DEFAULT 0,
            cells_administrative INTEGER NOT NULL DEFAULT 0,
            cells_public_service INTEGER NOT NULL DEFAULT 0,
            cells_enterprise INTEGER NOT NULL DEFAULT 0,
            cells_armed_forces INTEGER NOT NULL DEFAULT 0,
            cells_village INTEGER NOT NULL DEFAULT 0,
            members_administrative INTEGER NOT NULL DEFAULT 0,
            members_public_service INTEGER NOT NULL DEFAULT 0,
            members_enterprise INTEGER NOT NULL DEFAULT 0,
            members_armed_forces INTEGER NOT NULL DEFAULT 0,
            members_village INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;
        """

    /// Card number and citizen id are stored sealed (AES-256-GCM) with a keyed hash
    /// beside each (HMAC-SHA256, a "blind index") so a card can be found without
    /// decrypting every row. Positions, work history, rewards and discipline are kept
    /// as one protobuf-encoded `Member` holding only those lists.
    static let memberRegistry = """
        CREATE TABLE members (
            id TEXT PRIMARY KEY,
            full_name TEXT NOT NULL,
            name_folded TEXT NOT NULL,
            birth_date TEXT NOT NULL,
            gender INTEGER NOT NULL,
            card_lookup BLOB NOT NULL,
            card_sealed BLOB NOT NULL,
            citizen_lookup BLOB,
            citizen_sealed BLOB,
            phone TEXT NOT NULL,
            email TEXT NOT NULL,
            unit_id TEXT NOT NULL REFERENCES units(id),
            status INTEGER NOT NULL,
            admitted_on TEXT NOT NULL,
            official_on TEXT NOT NULL,
            details BLOB NOT NULL,
            personal_notes TEXT NOT NULL,
            created_at_ms INTEGER NOT NULL,
            updated_at_ms INTEGER NOT NULL,
            version INTEGER NOT NULL,
            -- Fields edited here (by the member or staff) since the last import, comma
            -- separated: a re-import reports these as conflicts instead of overwriting.
            edited_fields TEXT NOT NULL DEFAULT ''
        );
        CREATE UNIQUE INDEX members_by_card ON members(card_lookup);
        CREATE INDEX members_by_citizen ON members(citizen_lookup);
        CREATE INDEX members_by_unit ON members(unit_id, name_folded);

        CREATE VIRTUAL TABLE members_fts USING fts5(
            name_folded, content='members', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
        CREATE TRIGGER members_fts_insert AFTER INSERT ON members BEGIN
            INSERT INTO members_fts(rowid, name_folded) VALUES (new.rowid, new.name_folded);
        END;
        CREATE TRIGGER members_fts_update AFTER UPDATE OF name_folded ON members BEGIN
            INSERT INTO members_fts(members_fts, rowid, name_folded) VALUES ('delete', old.rowid, old.name_folded);
            INSERT INTO members_fts(rowid, name_folded) VALUES (new.rowid, new.name_folded);
        END;

        CREATE TABLE member_changes (
            sequence INTEGER PRIMARY KEY,
            member_id TEXT NOT NULL REFERENCES members(id),
            kind INTEGER NOT NULL,
            actor_member_id TEXT NOT NULL,
            at_ms INTEGER NOT NULL,
            reason TEXT NOT NULL,
            fields TEXT NOT NULL,
            from_unit_id TEXT,
            to_unit_id TEXT
        );
        CREATE INDEX member_changes_by_member ON member_changes(member_id, sequence);
        """

    /// What a write that carried an idempotency key produced, so a retry answers the
    /// same record instead of creating a second one. Keys are scoped by the caller.
    static let idempotency = """
        CREATE TABLE idempotency_keys (
            scope TEXT NOT NULL,
            key TEXT NOT NULL,
            method TEXT NOT NULL,
            record_id TEXT NOT NULL,
            at_ms INTEGER NOT NULL,
            PRIMARY KEY (scope, key)
        ) WITHOUT ROWID;
        """

    /// Registry files being imported: the header, then the rows as they arrive in
    /// chunks, each kept as its protobuf-encoded `ImportRow` (line and values), so a
    /// plan can read the whole file back in line order. Rows are deleted when the
    /// import is applied and unapplied imports expire (docs/import.md); the `imports`
    /// row stays as the record of what was imported when.
    static let importStaging = """
        CREATE TABLE imports (
            id TEXT PRIMARY KEY,
            kind INTEGER NOT NULL,
            columns BLOB NOT NULL,
            source TEXT NOT NULL,
            created_at_ms INTEGER NOT NULL,
            state INTEGER NOT NULL,
            row_count INTEGER NOT NULL DEFAULT 0,
            applied_at_ms INTEGER
        );
        CREATE INDEX imports_by_state ON imports(state, created_at_ms);

        CREATE TABLE import_rows (
            import_id TEXT NOT NULL REFERENCES imports(id),
            line INTEGER NOT NULL,
            encoded_row BLOB NOT NULL,
            PRIMARY KEY (import_id, line)
        ) WITHOUT ROWID;
        """
}
