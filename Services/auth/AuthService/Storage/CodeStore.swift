import RPC
import ServiceKit
import ServiceToolkit
import Store

/// Issues and checks one-time codes inside the caller's write, enforcing the
/// cool-down, the hourly caps and the tries per code.
struct CodeStore {
    let connection: Connection
    let hasher: CodeHasher
    let policy: CodePolicy
    let nowMs: Int64

    enum Purpose: String {
        case login, registration
    }

    struct Issued: Sendable {
        let id: String
        let expiresAtMs: Int64
    }

    /// Whether another code may go to `phone` for `clientAddress` now; the refusal is
    /// RESOURCE_EXHAUSTED, the same whether or not the phone has an account.
    func checkSendAllowed(phone: String, clientAddress: String) throws {
        let hourAgo = nowMs - CodePolicy.hourMs
        let last: Int64? = try connection.queryOne("SELECT MAX(at_ms) FROM code_sends WHERE phone = ?", [phone])?.get(0)
        if let last, nowMs - last < policy.resendCooldownMs {
            let wait = (policy.resendCooldownMs - (nowMs - last) + 999) / 1000
            throw RPCError(.resourceExhausted, "a code was sent to this phone moments ago; ask again in \(wait) s")
        }
        let byPhone: Int64 = try connection.queryOne(
            "SELECT COUNT(*) FROM code_sends WHERE phone = ? AND at_ms > ?", [phone, hourAgo])?.get(0) ?? 0
        guard byPhone < policy.maxSendsPerPhonePerHour else {
            throw RPCError(.resourceExhausted, "too many codes for this phone in the last hour; try again later")
        }
        let byAddress: Int64 = try connection.queryOne(
            "SELECT COUNT(*) FROM code_sends WHERE client_address = ? AND at_ms > ?", [clientAddress, hourAgo])?.get(0) ?? 0
        guard byAddress < policy.maxSendsPerAddressPerHour else {
            throw RPCError(.resourceExhausted, "too many codes asked for from this address in the last hour; try again later")
        }
    }

    /// Counts a send against the caps, whether or not a message really goes out (a
    /// phone without an account is throttled exactly like one with).
    func recordSend(phone: String, clientAddress: String) throws {
        try connection.execute("INSERT INTO code_sends (phone, client_address, at_ms) VALUES (?, ?, ?)",
                               [phone, clientAddress, nowMs])
    }

    /// Creates a code for `phone` and hands its message to `sender`.
    func issue(_ purpose: Purpose, phone: String, sender: any SMSSender) throws -> Issued {
        let id = RecordID.make("c", nowMs: nowMs)
        let code = try CodeHasher.newCode(digits: policy.digits)
        let expires = nowMs + policy.validityMs
        try connection.execute(
            "INSERT INTO codes (id, purpose, phone, code_hash, created_at_ms, expires_at_ms) VALUES (?, ?, ?, ?, ?, ?)",
            [id, purpose.rawValue, phone, try hasher.hash(code, context: id), nowMs, expires])
        try sender.send("Sổ tay: mã xác thực của bạn là \(code), có hiệu lực 5 phút. Không chia sẻ mã này.",
                        to: phone, atMs: nowMs, in: connection)
        return Issued(id: id, expiresAtMs: expires)
    }

    enum Check: Sendable, Equatable {
        case accepted
        case wrong(triesLeft: Int)
        /// Expired, used, unknown, or out of tries.
        case unusable
    }

    /// Checks `code` against the code `id`, counting a wrong try; the caller commits
    /// the outcome before it answers, so tries are never rolled back.
    func check(id: String, code: String) throws -> Check {
        guard let row = try connection.queryOne(
            "SELECT code_hash, expires_at_ms, failed_attempts, used_at_ms FROM codes WHERE id = ?", [id]) else {
            return .unusable
        }
        let failed: Int64 = try row.get(2)
        guard try row.get(3, as: Int64?.self) == nil, (try row.get(1) as Int64) > nowMs,
              failed < policy.maxFailedAttempts else { return .unusable }
        let expected: [UInt8] = try row.get(0)
        guard code.count == policy.digits, HMACSHA256.constantTimeEquals(try hasher.hash(code, context: id), expected) else {
            try connection.execute("UPDATE codes SET failed_attempts = failed_attempts + 1 WHERE id = ?", [id])
            return .wrong(triesLeft: policy.maxFailedAttempts - Int(failed) - 1)
        }
        try connection.execute("UPDATE codes SET used_at_ms = ? WHERE id = ?", [nowMs, id])
        return .accepted
    }

    /// The newest code of `purpose` sent to `phone`, if any.
    func latest(_ purpose: Purpose, phone: String) throws -> String? {
        try connection.queryOne(
            "SELECT id FROM codes WHERE phone = ? AND purpose = ? ORDER BY created_at_ms DESC, id DESC LIMIT 1",
            [phone, purpose.rawValue])?.get(0)
    }
}
