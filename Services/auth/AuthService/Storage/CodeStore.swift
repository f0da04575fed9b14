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
    func checkSendAllowed(phone: Phone, clientAddress: String) throws {
        let last: Int64? = try connection.queryOne("SELECT MAX(at_ms) FROM code_sends WHERE phone = ?", [phone.key])?.get(0)
        if let last, nowMs - last < policy.resendCooldownMs {
            let wait = (policy.resendCooldownMs - (nowMs - last) + 999) / 1000
            throw RPCError(.resourceExhausted, "a code was sent to this phone moments ago; ask again in \(wait) s")
        }
        guard try recentCount(in: "code_sends", where: "phone", is: phone.key) < policy.maxSendsPerPhonePerHour else {
            throw RPCError(.resourceExhausted, "too many codes for this phone in the last hour; try again later")
        }
        guard try recentCount(in: "code_sends", where: "client_address", is: clientAddress)
            < policy.maxSendsPerAddressPerHour else {
            throw RPCError(.resourceExhausted, "too many codes asked for from this address in the last hour; try again later")
        }
    }

    /// Counts a send against the caps, whether or not a message really goes out (a
    /// phone without an account is throttled exactly like one with).
    func recordSend(phone: Phone, clientAddress: String) throws {
        try connection.execute("INSERT INTO code_sends (phone, client_address, at_ms) VALUES (?, ?, ?)",
                               [phone.key, clientAddress, nowMs])
    }

    /// Creates a code for `phone` and enqueues its message in the same transaction.
    func issue(_ purpose: Purpose, phone: Phone, outbox: Outbox) throws -> Issued {
        let id = RecordID.make("c", nowMs: nowMs)
        let code = try CodeHasher.newCode(digits: policy.digits)
        let expires = nowMs + policy.validityMs
        try connection.execute(
            "INSERT INTO codes (id, purpose, phone, code_hash, created_at_ms, expires_at_ms) VALUES (?, ?, ?, ?, ?, ?)",
            [id, purpose.rawValue, phone.key, try hasher.hash(code, context: id), nowMs, expires])
        try outbox.enqueue(.sms, to: phone.number,
                           body: "Sổ tay: mã xác thực của bạn là \(code), có hiệu lực 5 phút. Không chia sẻ mã này.",
                           nowMs: nowMs, in: connection)
        return Issued(id: id, expiresAtMs: expires)
    }

    enum Check: Sendable, Equatable {
        case accepted
        case wrong(triesLeft: Int)
        /// Expired, used, unknown, or out of tries.
        case unusable
    }

    /// Checks `code` against the code `id`, counting a wrong try; the caller commits
    /// the outcome before it answers, so tries are never rolled back. With `spend`
    /// false a right code stays usable (the caller spends it once org has answered).
    ///
    /// `id` is nil when the phone was sent no code (it has no account): the same
    /// statements and the same HMAC run against a row that does not exist, and the
    /// answer is a wrong try, so neither the work nor the answer tells the two apart.
    func check(id: String?, code: String, spend: Bool = true) throws -> Check {
        let key = id ?? ""
        let row = try connection.queryOne(
            "SELECT code_hash, expires_at_ms, failed_attempts, used_at_ms FROM codes WHERE id = ?", [key])
        let expected: [UInt8] = try row?.get(0) ?? []
        let failed: Int64 = try row?.get(2) ?? 0
        let matches = HMACSHA256.constantTimeEquals(try hasher.hash(code, context: key), expected)
        var usable = true
        if let row {
            usable = try row.get(3, as: Int64?.self) == nil && (try row.get(1) as Int64) > nowMs
                && failed < policy.maxFailedAttempts
        }
        guard usable, code.count == policy.digits, matches else {
            // Run for every refusal, so a spent code and a missing one cost the same.
            try connection.execute("UPDATE codes SET failed_attempts = failed_attempts + 1 WHERE id = ?", [key])
            return usable ? .wrong(triesLeft: policy.maxFailedAttempts - Int(failed) - 1) : .unusable
        }
        if spend { try connection.execute("UPDATE codes SET used_at_ms = ? WHERE id = ?", [nowMs, key]) }
        return .accepted
    }

    /// Counts a confirmation for `phone` from `clientAddress` against the hourly caps,
    /// or refuses it with RESOURCE_EXHAUSTED, the same whether or not the phone has an
    /// account.
    func admitConfirmation(phone: Phone, clientAddress: String) throws {
        guard try recentCount(in: "code_checks", where: "phone", is: phone.key)
            < policy.maxConfirmationsPerPhonePerHour else {
            throw RPCError(.resourceExhausted, "too many codes tried for this phone in the last hour; try again later")
        }
        guard try recentCount(in: "code_checks", where: "client_address", is: clientAddress)
            < policy.maxConfirmationsPerAddressPerHour else {
            throw RPCError(.resourceExhausted, "too many codes tried from this address in the last hour; try again later")
        }
        try connection.execute("INSERT INTO code_checks (phone, client_address, at_ms) VALUES (?, ?, ?)",
                               [phone.key, clientAddress, nowMs])
    }

    /// Rows of `table` (code_sends, code_checks: names from this file, never input)
    /// whose `column` is `value`, in the last hour.
    private func recentCount(in table: String, where column: String, is value: String) throws -> Int64 {
        try connection.queryOne("SELECT COUNT(*) FROM \(table) WHERE \(column) = ? AND at_ms > ?",
                                [value, nowMs - CodePolicy.hourMs])?.get(0) ?? 0
    }

    /// The newest code of `purpose` sent to `phone`, if any.
    func latest(_ purpose: Purpose, phone: Phone) throws -> String? {
        try connection.queryOne(
            "SELECT id FROM codes WHERE phone = ? AND purpose = ? ORDER BY created_at_ms DESC, id DESC LIMIT 1",
            [phone.key, purpose.rawValue])?.get(0)
    }
}
