import AuthContracts
import RPC
import RPCContracts
import Store

/// A row of `accounts`, with the grants its member holds.
struct AccountRecord: Sendable {
    var memberID: String
    var phone: String
    var unitID: String
    var state: AccountState
    var origin: String
    var createdAtMs: Int64

    static let columns = "member_id, phone, unit_id, state, origin, created_at_ms"

    init(memberID: String, phone: String, unitID: String, state: AccountState, origin: String, createdAtMs: Int64) {
        self.memberID = memberID
        self.phone = phone
        self.unitID = unitID
        self.state = state
        self.origin = origin
        self.createdAtMs = createdAtMs
    }

    init(row: Row) throws {
        memberID = try row.get(0)
        phone = try row.get(1)
        unitID = try row.get(2)
        state = AccountState(rawValue: Int32(try row.get(3) as Int64))
        origin = try row.get(4)
        createdAtMs = try row.get(5)
    }

    static func find(memberID: String, in connection: Connection) throws -> AccountRecord? {
        try connection.queryOne("SELECT \(columns) FROM accounts WHERE member_id = ?", [memberID]).map(AccountRecord.init(row:))
    }

    static func find(phone: String, in connection: Connection) throws -> AccountRecord? {
        try connection.queryOne("SELECT \(columns) FROM accounts WHERE phone = ?", [phone]).map(AccountRecord.init(row:))
    }

    /// Opens an account and counts it in its unit's figure.
    static func insert(_ account: AccountRecord, in connection: Connection) throws {
        do {
            try connection.execute(
                "INSERT INTO accounts (\(columns), updated_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [account.memberID, account.phone, account.unitID, Int64(account.state.rawValue), account.origin,
                 account.createdAtMs, account.createdAtMs])
        } catch let error as StoreError where error.isDuplicateKey {
            throw RPCError(.alreadyExists, "phone: the phone already belongs to another account")
        }
        try countAccount(in: account.unitID, by: 1, in: connection)
    }

    /// Keeps the per-unit counts right when a member's unit changes (a transfer seen at
    /// login or refresh).
    static func moveUnit(_ account: inout AccountRecord, to unitID: String, atMs: Int64, in connection: Connection) throws {
        guard account.unitID != unitID else { return }
        try countAccount(in: account.unitID, by: -1, in: connection)
        try countAccount(in: unitID, by: 1, in: connection)
        try connection.execute("UPDATE accounts SET unit_id = ?, updated_at_ms = ? WHERE member_id = ?",
                               [unitID, atMs, account.memberID])
        account.unitID = unitID
    }

    private static func countAccount(in unitID: String, by delta: Int64, in connection: Connection) throws {
        try connection.execute(
            """
            INSERT INTO unit_accounts (unit_id, accounts) VALUES (?, ?)
            ON CONFLICT (unit_id) DO UPDATE SET accounts = accounts + excluded.accounts
            """,
            [unitID, delta])
    }

    static func grants(of memberID: String, in connection: Connection) throws -> [Grant] {
        try connection.query("SELECT role, unit_id FROM grants WHERE member_id = ? ORDER BY role, unit_id", [memberID])
            .map { row in
                var grant = Grant()
                grant.role = Role(rawValue: Int32(try row.get(0) as Int64))
                grant.unitID = try row.get(1)
                return grant
            }
    }

    func contract(grants: [Grant]) -> Account {
        var account = Account()
        account.memberID = memberID
        account.unitID = unitID
        account.phoneHint = PhoneNumber.hint(phone)
        account.state = state
        account.origin = origin
        account.createdAtMS = createdAtMs
        account.grants = grants
        return account
    }
}
