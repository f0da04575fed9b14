import Store

/// PostgreSQL's values, read in libpq's text format, as SQLite's storage classes, so
/// a row reads the same on either engine: integers (and booleans, which SQLite stores
/// as 0 and 1) as `.integer`, floating and numeric types as `.real`, `bytea` as
/// `.blob`, everything else as `.text`.
enum PostgresValues {
    // Type OIDs from PostgreSQL's pg_type.dat, stable across versions.
    private static let integerTypes: Set<UInt32> = [20, 21, 23, 26]  // int8, int2, int4, oid
    private static let realTypes: Set<UInt32> = [700, 701, 1700]  // float4, float8, numeric
    private static let boolType: UInt32 = 16
    private static let byteaType: UInt32 = 17

    static func value(_ text: String, type: UInt32) -> SQLValue {
        if integerTypes.contains(type), let integer = Int64(text) { return .integer(integer) }
        if realTypes.contains(type), let real = Double(text) { return .real(real) }
        if type == boolType { return .integer(text == "t" ? 1 : 0) }
        if type == byteaType, let bytes = hexBytes(text) { return .blob(bytes) }
        return .text(text)
    }

    /// The bytes of bytea's hex output (`\x0a1b…`), the default since PostgreSQL 9.0.
    private static func hexBytes(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count >= 2, digits[0] == UInt8(ascii: "\\"), digits[1] == UInt8(ascii: "x"),
              digits.count % 2 == 0
        else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity((digits.count - 2) / 2)
        var index = 2
        while index < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
