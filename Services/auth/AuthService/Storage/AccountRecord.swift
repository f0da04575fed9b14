import AuthContracts
import RPC
import RPCContracts
import Store

/// A row of `accounts`, with the grants its member holds. The phone is kept as its
/// blind index (how an account is found by phone) and sealed to the account.
struct AccountRecord: Sendable {
    var memberID: String
    var phoneKey: String
    var phoneSealed: [UInt8]
    var unitID: String
    var state: AccountState
    var origin: String
    var createdAtMs: Int64

    static let columns = "member_id, phone, phone_sealed, unit_id, state, origin, created_at_ms"

    init(memberID: String, phone: Phone, unitID: String, state: AccountState, origin: String, createdAtMs: Int64,
         phones: PhoneVault) throws {
        self.memberID = memberID
        phoneKey = phone.key
        phoneSealed = try phones.seal(phone, row: memberID)
        self.unitID = unitID
        self.state = state
        self.origin = origin
        self.createdAtMs = createdAtMs
    }

    init(row: Row) throws {
        memberID = try row.get(0)
        phoneKey = try row.get(1)
        phoneSealed = try row.get(2)
        unitID = try row.get(3)
        state = AccountState(rawValue: Int32(try row.get(4) as Int64))
        origin = try row.get(5)
        createdAtMs = try row.get(6)
    }

    func phone(_ phones: PhoneVault) throws -> Phone {
        try phones.open(phoneSealed, row: memberID)
    }

    static func find(memberID: String, in connection: Connection) throws -> AccountRecord? {
        try connection.queryOne("SELECT \(columns) FROM accounts WHERE member_id = ?", [memberID]).map(AccountRecord.init(row:))
    }

    static func find(phone: Phone, in connection: Connection) throws -> AccountRecord? {
        try connection.queryOne("SELECT \(columns) FROM accounts WHERE phone = ?", [phone.key]).map(AccountRecord.init(row:))
    }

    /// Opens an account and counts it in its unit's figure.
    static func insert(_ account: AccountRecord, in connection: Connection) throws {
        do {
            try connection.execute(
                "INSERT INTO accounts (\(columns), updated_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [account.memberID, account.phoneKey, account.phoneSealed, account.unitID, Int64(account.state.rawValue),
                 account.origin, account.createdAtMs, account.createdAtMs])
        } catch let error as StoreError where error.isDuplicateKey {
            throw RPCError(.alreadyExists, "phone: the phone already belongs to another account")
        }
        try countAccount(in: account.unitID, by: 1, in: connection)
    }

    /// Binds the account to another phone (a re-registration on a new phone).
    static func changePhone(of memberID: String, to phone: Phone, atMs: Int64, phones: PhoneVault,
                            in connection: Connection) throws {
        try connection.execute("UPDATE accounts SET phone = ?, phone_sealed = ?, updated_at_ms = ? WHERE member_id = ?",
                               [phone.key, try phones.seal(phone, row: memberID), atMs, memberID])
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

    func contract(grants: [Grant], phones: PhoneVault) throws -> Account {
        var account = Account()
        account.memberID = memberID
        account.unitID = unitID
        account.phoneHint = PhoneNumber.hint(try phone(phones).number)
        account.state = state
        account.origin = origin
        account.createdAtMS = createdAtMs
        account.grants = grants
        return account
    }
}
