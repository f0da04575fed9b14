import RPC

/// Calendar dates as the contracts carry them: "YYYY-MM-DD" (a birth date is a date,
/// not an instant, so it is not milliseconds since the epoch).
enum ISODate {
    /// `text` when it is a real date (leap years included), "" when empty and allowed.
    static func checked(_ text: String, field: String, required: Bool) throws(RPCError) -> String {
        if text.isEmpty {
            guard !required else { throw RPCError.invalidArgument(field: field, "is required (YYYY-MM-DD)") }
            return ""
        }
        guard let parts = components(text) else {
            throw RPCError.invalidArgument(field: field, "must be a date written YYYY-MM-DD")
        }
        guard (1900...2200).contains(parts.year) else {
            throw RPCError.invalidArgument(field: field, "has a year outside 1900–2200")
        }
        return text
    }

    /// Year, month and day of a valid date.
    static func components(_ text: String) -> (year: Int, month: Int, day: Int)? {
        let pieces = text.split(separator: "-", omittingEmptySubsequences: false)
        guard pieces.count == 3, pieces[0].count == 4, pieces[1].count == 2, pieces[2].count == 2,
              pieces.allSatisfy({ $0.allSatisfy(\.isASCII) }),
              let year = Int(pieces[0]), let month = Int(pieces[1]), let day = Int(pieces[2]),
              (1...12).contains(month) else { return nil }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...lengths[month - 1]).contains(day) else { return nil }
        return (year, month, day)
    }
}
