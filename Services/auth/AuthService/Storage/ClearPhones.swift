import Store

/// Seals the phones of rows written before phones were sealed (migration 6 added the
/// sealed columns; the key is not known to migrations, so this runs at start, in one
/// transaction, before the service answers). A row still in clear holds the canonical
/// number, which starts with "+"; a blind index never does. Idempotent.
enum ClearPhones {
    static func seal(in connection: Connection, phones: PhoneVault) throws {
        // Tables that need the number back keep it sealed to the row (names from this file).
        for (table, idColumn) in [("accounts", "member_id"), ("registrations", "id")] {
            for row in try connection.query("SELECT \(idColumn), phone FROM \(table) WHERE phone LIKE '+%'") {
                let id: String = try row.get(0)
                let phone = try phones.phone(try row.get(1))
                try connection.execute("UPDATE \(table) SET phone = ?, phone_sealed = ? WHERE \(idColumn) = ?",
                                       [phone.key, try phones.seal(phone, row: id), id])
            }
        }
        // Tables that only look phones up keep the index alone.
        for table in ["codes", "code_sends", "code_checks"] {
            let numbers: [String] = try connection.query("SELECT DISTINCT phone FROM \(table) WHERE phone LIKE '+%'")
                .map { try $0.get(0) }
            for number in numbers {
                try connection.execute("UPDATE \(table) SET phone = ? WHERE phone = ?",
                                       [try phones.phone(number).key, number])
            }
        }
    }
}
