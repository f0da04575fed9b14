import AuthContracts
import ServiceKit
import ServiceToolkit
import Store

/// Sessions and their refresh tokens. A refresh token is used once: refreshing marks
/// it used and issues the next; a used token presented again ends the session.
struct SessionStore {
    let connection: Connection
    let nowMs: Int64
    let policy: TokenPolicy

    struct Opened: Sendable {
        let sessionID: String
        let refreshToken: String
        let refreshExpiresAtMs: Int64
    }

    func open(memberID: String, deviceName: String) throws -> Opened {
        let id = RecordID.make("s", nowMs: nowMs)
        let expires = nowMs + policy.refreshLifetimeMs
        try connection.execute(
            """
            INSERT INTO sessions (id, member_id, device_name, created_at_ms, last_used_at_ms, expires_at_ms)
            VALUES (?, ?, ?, ?, ?, ?)
            """,
            [id, memberID, deviceName, nowMs, nowMs, expires])
        return Opened(sessionID: id, refreshToken: try newRefreshToken(session: id), refreshExpiresAtMs: expires)
    }

    enum Refresh: Sendable {
        case rotated(Opened, memberID: String)
        /// An already used token: the session has now been ended.
        case reused(sessionID: String, memberID: String)
        case invalid
    }

    func refresh(_ token: String) throws -> Refresh {
        guard let row = try connection.queryOne(
            """
            SELECT r.session_id, r.used_at_ms, s.member_id, s.expires_at_ms, s.ended_at_ms
            FROM refresh_tokens r JOIN sessions s ON s.id = r.session_id WHERE r.token_hash = ?
            """,
            [try CodeHasher.refreshTokenDigest(token)]) else { return .invalid }
        let sessionID: String = try row.get(0)
        let memberID: String = try row.get(2)
        guard try row.get(4, as: Int64?.self) == nil, (try row.get(3) as Int64) > nowMs else { return .invalid }
        guard try row.get(1, as: Int64?.self) == nil else {
            try end(sessionID)
            return .reused(sessionID: sessionID, memberID: memberID)
        }
        try connection.execute("UPDATE refresh_tokens SET used_at_ms = ? WHERE token_hash = ?",
                               [nowMs, try CodeHasher.refreshTokenDigest(token)])
        try connection.execute("UPDATE sessions SET last_used_at_ms = ? WHERE id = ?", [nowMs, sessionID])
        let expires: Int64 = try row.get(3)
        return .rotated(Opened(sessionID: sessionID, refreshToken: try newRefreshToken(session: sessionID),
                               refreshExpiresAtMs: expires), memberID: memberID)
    }

    /// Whether the session is open (access tokens of an ended session are refused by
    /// auth's own calls; other services accept them until they expire, minutes later).
    func isOpen(_ sessionID: String) throws -> Bool {
        try connection.queryOne("SELECT 1 FROM sessions WHERE id = ? AND ended_at_ms IS NULL AND expires_at_ms > ?",
                                [sessionID, nowMs]) != nil
    }

    func end(_ sessionID: String) throws {
        try connection.execute("UPDATE sessions SET ended_at_ms = ? WHERE id = ? AND ended_at_ms IS NULL", [nowMs, sessionID])
    }

    /// Ends every open session of a member (a locked account, a phone moved).
    func endAll(of memberID: String) throws {
        try connection.execute("UPDATE sessions SET ended_at_ms = ? WHERE member_id = ? AND ended_at_ms IS NULL",
                               [nowMs, memberID])
    }

    func list(of memberID: String, current: String) throws -> [Session] {
        try connection.query(
            """
            SELECT id, device_name, created_at_ms, last_used_at_ms FROM sessions
            WHERE member_id = ? AND ended_at_ms IS NULL AND expires_at_ms > ? ORDER BY last_used_at_ms DESC
            """,
            [memberID, nowMs]
        ).map { row in
            var session = Session()
            session.id = try row.get(0)
            session.deviceName = try row.get(1)
            session.createdAtMS = try row.get(2)
            session.lastUsedAtMS = try row.get(3)
            session.current = session.id == current
            return session
        }
    }

    private func newRefreshToken(session: String) throws -> String {
        let token = try SecureRandom.token(byteCount: 32)
        try connection.execute("INSERT INTO refresh_tokens (token_hash, session_id, issued_at_ms) VALUES (?, ?, ?)",
                               [try CodeHasher.refreshTokenDigest(token), session, nowMs])
        return token
    }
}
