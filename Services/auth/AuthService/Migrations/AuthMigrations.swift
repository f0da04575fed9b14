import ServiceToolkit
import Store

/// The auth service's schema. Never edit a shipped migration: add the next one.
enum AuthMigrations {
    static let all: [Migration] = [
        Migration(1, "accounts, codes, sessions, grants, audit, outbox", sql: schema),
        Outbox.migration(2),
        // The first outbox kept every code and phone in clear, forever; what it held was
        // delivered to the outbox file when it was written.
        Migration(3, "the clear-text outbox removed", sql: "DROP TABLE outbox;"),
        Migration(4, "confirmations counted for their rate limits", sql: codeChecks),
        Migration(5, "audit events found by unit",
                  sql: "CREATE INDEX audit_events_by_unit ON audit_events(unit_id, sequence);"),
        // Phones become blind indexes in place, sealed beside where the number is needed
        // back; `ClearPhones` converts the rows at start (it needs the data key).
        Migration(6, "phones sealed", sql: """
            ALTER TABLE accounts ADD COLUMN phone_sealed BLOB;
            ALTER TABLE registrations ADD COLUMN phone_sealed BLOB;
            """),
    ]

    /// Every code confirmation, by phone and by client address, capped per hour like
    /// the sends: a code cannot be guessed faster than the caps allow, whatever the phone.
    static let codeChecks = """
        CREATE TABLE code_checks (
            phone TEXT NOT NULL,
            client_address TEXT NOT NULL,
            at_ms INTEGER NOT NULL
        );
        CREATE INDEX code_checks_by_phone ON code_checks(phone, at_ms);
        CREATE INDEX code_checks_by_address ON code_checks(client_address, at_ms);
        """

    static let schema = """
        -- One account per member, bound at registration (or issued by an administrator).
        CREATE TABLE accounts (
            member_id TEXT PRIMARY KEY,
            phone TEXT NOT NULL,
            unit_id TEXT NOT NULL,
            state INTEGER NOT NULL,
            origin TEXT NOT NULL,
            created_at_ms INTEGER NOT NULL,
            updated_at_ms INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX accounts_by_phone ON accounts(phone);

        -- Accounts per unit (the member's own unit), for the registration statistics:
        -- a subtree's figure is the sum over its units, taken from the tree replica.
        CREATE TABLE unit_accounts (
            unit_id TEXT PRIMARY KEY,
            accounts INTEGER NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE grants (
            member_id TEXT NOT NULL,
            role INTEGER NOT NULL,
            unit_id TEXT NOT NULL,
            granted_by TEXT NOT NULL,
            granted_at_ms INTEGER NOT NULL,
            PRIMARY KEY (member_id, role, unit_id)
        ) WITHOUT ROWID;

        -- A registration waiting for its code: what the card check found and the
        -- device's face-match attestation, kept after confirmation as the record.
        CREATE TABLE registrations (
            id TEXT PRIMARY KEY,
            member_id TEXT NOT NULL,
            unit_id TEXT NOT NULL,
            phone TEXT NOT NULL,
            code_id TEXT NOT NULL,
            face_score REAL NOT NULL,
            face_liveness INTEGER NOT NULL,
            device_name TEXT NOT NULL,
            moves_account INTEGER NOT NULL,
            created_at_ms INTEGER NOT NULL,
            confirmed_at_ms INTEGER
        );

        -- One-time codes: only a keyed hash is kept; at most a few tries each.
        CREATE TABLE codes (
            id TEXT PRIMARY KEY,
            purpose TEXT NOT NULL,
            phone TEXT NOT NULL,
            code_hash BLOB NOT NULL,
            created_at_ms INTEGER NOT NULL,
            expires_at_ms INTEGER NOT NULL,
            failed_attempts INTEGER NOT NULL DEFAULT 0,
            used_at_ms INTEGER
        );
        CREATE INDEX codes_by_phone ON codes(phone, purpose, created_at_ms);

        -- Every code sent, by phone and by client address, for the hourly caps.
        CREATE TABLE code_sends (
            phone TEXT NOT NULL,
            client_address TEXT NOT NULL,
            at_ms INTEGER NOT NULL
        );
        CREATE INDEX code_sends_by_phone ON code_sends(phone, at_ms);
        CREATE INDEX code_sends_by_address ON code_sends(client_address, at_ms);

        CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            member_id TEXT NOT NULL REFERENCES accounts(member_id),
            device_name TEXT NOT NULL,
            created_at_ms INTEGER NOT NULL,
            last_used_at_ms INTEGER NOT NULL,
            expires_at_ms INTEGER NOT NULL,
            ended_at_ms INTEGER
        );
        CREATE INDEX sessions_by_member ON sessions(member_id, ended_at_ms);

        -- Refresh tokens by hash. A used one stays, so that its reuse is recognised
        -- and ends the session.
        CREATE TABLE refresh_tokens (
            token_hash BLOB PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions(id),
            issued_at_ms INTEGER NOT NULL,
            used_at_ms INTEGER
        ) WITHOUT ROWID;

        CREATE TABLE audit_events (
            sequence INTEGER PRIMARY KEY,
            at_ms INTEGER NOT NULL,
            kind INTEGER NOT NULL,
            actor_member_id TEXT NOT NULL,
            subject_member_id TEXT NOT NULL,
            unit_id TEXT NOT NULL,
            detail TEXT NOT NULL,
            client_address TEXT NOT NULL
        );

        -- SMS waiting for (or, locally, instead of) a gateway; `sotay outbox` prints it.
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            phone TEXT NOT NULL,
            text TEXT NOT NULL,
            at_ms INTEGER NOT NULL
        );
        """
}
