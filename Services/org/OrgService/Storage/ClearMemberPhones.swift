import Store

/// Seals the phones that members' rows held in clear before phones were sealed. The
/// data key is not known to migrations, so this runs at start, in one transaction,
/// before the service answers; a sealed phone is a BLOB, a phone still in clear TEXT.
/// Idempotent.
enum ClearMemberPhones {
    static func seal(in connection: Connection, vault: MemberVault) throws {
        let clear = try connection.query("SELECT id, phone FROM members WHERE typeof(phone) = 'text' AND phone != ''")
        for row in clear {
            let memberID: String = try row.get(0)
            try connection.execute("UPDATE members SET phone = ? WHERE id = ?",
                                   [try vault.sealPhone(try row.get(1), memberID: memberID), memberID])
        }
    }
}
