import ServiceToolkit
import Store

/// The content service's schema. Never edit a shipped migration: add the next one.
enum ContentMigrations {
    static let all: [Migration] = [
        Migration(1, "items, revisions, audit, search, passages, reading records", sql: schema),
        IdempotentCall.migration(2),
        Migration(3, "attachments", sql: """
            -- Files attached to items; the bytes are under <data dir>/attachments by SHA-256.
            CREATE TABLE attachments (
                item_id TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                file_name TEXT NOT NULL,
                media_type TEXT NOT NULL,
                size INTEGER NOT NULL,
                added_at_ms INTEGER NOT NULL,
                PRIMARY KEY (item_id, sha256)
            ) WITHOUT ROWID;
            """),
        // fts5vocab counts a word's passages by reading its whole doclist (tens of
        // milliseconds for a common word in a large library); the assistant now counts
        // up to a cap with a LIMIT on the index itself (SearchQueries.passageFrequencies).
        Migration(4, "no passages_vocab", sql: "DROP TABLE passages_vocab;"),
        Migration(5, "item_facets and titles_fts, for search's walks over the index", sql: """
            -- What search and the assistant check on every match of the index (who may
            -- read it, and the filters), in rows of a few bytes: `items` rows carry whole
            -- bodies, and reading one per match cost most of a common word's search. Kept
            -- in step with `items` by triggers, in the writing transaction.
            CREATE TABLE item_facets (
                item_rowid INTEGER PRIMARY KEY,
                unit_id TEXT NOT NULL,
                state INTEGER NOT NULL,
                kind INTEGER NOT NULL,
                issue_year INTEGER NOT NULL,
                issuer_folded TEXT NOT NULL,
                document_status INTEGER NOT NULL
            );
            INSERT INTO item_facets
                SELECT rowid, unit_id, state, kind, issue_year, issuer_folded, document_status FROM items;
            CREATE TRIGGER item_facets_insert AFTER INSERT ON items BEGIN
                INSERT INTO item_facets VALUES (new.rowid, new.unit_id, new.state, new.kind, new.issue_year,
                    new.issuer_folded, new.document_status);
            END;
            CREATE TRIGGER item_facets_update
            AFTER UPDATE OF unit_id, state, kind, issue_year, issuer_folded, document_status ON items BEGIN
                UPDATE item_facets SET unit_id = new.unit_id, state = new.state, kind = new.kind,
                    issue_year = new.issue_year, issuer_folded = new.issuer_folded, document_status = new.document_status
                WHERE item_rowid = new.rowid;
            END;
            CREATE TRIGGER item_facets_delete AFTER DELETE ON items BEGIN
                DELETE FROM item_facets WHERE item_rowid = old.rowid;
            END;

            -- The titles and numbers of items_fts alone (rowid = items.rowid): BM25 ranks
            -- title matches here, its weights counted over short doclists, not over every
            -- body that holds a common word.
            CREATE VIRTUAL TABLE titles_fts USING fts5(title, number, tokenize = 'unicode61 remove_diacritics 2');
            INSERT INTO titles_fts (rowid, title, number) SELECT rowid, title, number FROM items_fts;
            """),
    ]

    static let schema = """
        -- The current revision of every item, whatever its state. The rowid ties an
        -- item to its row in items_fts and to its passages.
        CREATE TABLE items (
            id TEXT NOT NULL UNIQUE,
            unit_id TEXT NOT NULL,
            kind INTEGER NOT NULL,
            state INTEGER NOT NULL,
            revision INTEGER NOT NULL,
            title TEXT NOT NULL,
            number TEXT NOT NULL,
            issuer TEXT NOT NULL,
            issue_date TEXT NOT NULL,
            effective_date TEXT NOT NULL,
            document_status INTEGER NOT NULL,
            replaced_by_id TEXT NOT NULL,
            classification INTEGER NOT NULL,
            body TEXT NOT NULL,
            author_id TEXT NOT NULL,
            -- Who wrote the current draft's content: they may not approve it either.
            drafted_by TEXT NOT NULL,
            created_at_ms INTEGER NOT NULL,
            published_at_ms INTEGER NOT NULL,
            updated_at_ms INTEGER NOT NULL,
            withdrawn_reason TEXT NOT NULL,
            -- The issue date's year (0 when none), for the library's and search's filter.
            issue_year INTEGER NOT NULL,
            -- The issuer folded (TextFolding), for its filter.
            issuer_folded TEXT NOT NULL,
            -- The source an imported item came from (ImportDocuments), else NULL.
            source_key TEXT UNIQUE
        );
        -- The feed walks published items newest first (backwards: the rowid follows the
        -- time in every index) and keeps those of the reader's units.
        CREATE INDEX items_feed ON items(published_at_ms) WHERE state = 3;
        CREATE INDEX items_by_unit ON items(unit_id, state, published_at_ms);
        CREATE INDEX items_library ON items(kind, issue_date) WHERE state IN (3, 4);

        -- Every revision as it was written; the current one is also in items.
        CREATE TABLE item_revisions (
            item_id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            title TEXT NOT NULL,
            number TEXT NOT NULL,
            issuer TEXT NOT NULL,
            issue_date TEXT NOT NULL,
            effective_date TEXT NOT NULL,
            document_status INTEGER NOT NULL,
            replaced_by_id TEXT NOT NULL,
            classification INTEGER NOT NULL,
            body TEXT NOT NULL,
            written_by TEXT NOT NULL,
            written_at_ms INTEGER NOT NULL,
            PRIMARY KEY (item_id, revision)
        ) WITHOUT ROWID;

        -- Every workflow step: who, when, what.
        CREATE TABLE item_audit (
            sequence INTEGER PRIMARY KEY,
            item_id TEXT NOT NULL,
            action INTEGER NOT NULL,
            actor_id TEXT NOT NULL,
            at_ms INTEGER NOT NULL,
            revision INTEGER NOT NULL,
            detail TEXT NOT NULL
        );
        CREATE INDEX item_audit_by_item ON item_audit(item_id, sequence);

        -- What members can find: published and archived items only, folded text
        -- (rowid = items.rowid).
        CREATE VIRTUAL TABLE items_fts USING fts5(
            title, number, body, tokenize = 'unicode61 remove_diacritics 2');

        -- Documents split along their own structure, for the assistant's citations.
        CREATE TABLE passages (
            id INTEGER PRIMARY KEY,
            item_rowid INTEGER NOT NULL,
            ordinal INTEGER NOT NULL,
            section TEXT NOT NULL,
            text TEXT NOT NULL
        );
        CREATE INDEX passages_by_item ON passages(item_rowid);
        CREATE VIRTUAL TABLE passages_fts USING fts5(text, tokenize = 'unicode61 remove_diacritics 2');
        -- How many passages hold each word: the assistant looks for the question's rarest words.
        CREATE VIRTUAL TABLE passages_vocab USING fts5vocab(passages_fts, 'row');

        CREATE TABLE read_marks (
            member_id TEXT NOT NULL,
            item_id TEXT NOT NULL,
            read_at_ms INTEGER NOT NULL,
            PRIMARY KEY (member_id, item_id)
        ) WITHOUT ROWID;

        -- One row per member, item and month (Vietnam's time), with the member's unit
        -- then: the monthly report's reads and active members per subtree.
        CREATE TABLE monthly_reads (
            month TEXT NOT NULL,
            unit_id TEXT NOT NULL,
            member_id TEXT NOT NULL,
            item_id TEXT NOT NULL,
            PRIMARY KEY (month, unit_id, member_id, item_id)
        ) WITHOUT ROWID;

        CREATE TABLE bookmarks (
            member_id TEXT NOT NULL,
            item_id TEXT NOT NULL,
            at_ms INTEGER NOT NULL,
            PRIMARY KEY (member_id, item_id)
        ) WITHOUT ROWID;
        CREATE INDEX bookmarks_by_time ON bookmarks(member_id, at_ms DESC, item_id);

        CREATE TABLE notes (
            member_id TEXT NOT NULL,
            item_id TEXT NOT NULL,
            text TEXT NOT NULL,
            updated_at_ms INTEGER NOT NULL,
            PRIMARY KEY (member_id, item_id)
        ) WITHOUT ROWID;
        """
}
