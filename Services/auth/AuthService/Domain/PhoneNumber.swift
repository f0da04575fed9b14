import RPC
import ServiceToolkit

/// Vietnamese phone numbers in one canonical form, "+84912345678", whatever way they
/// were typed ("0912 345 678", "84912345678", "+84 912.345.678"), so that one phone is
/// one account and one rate-limit key.
public enum PhoneNumber {
    public static func canonical(_ text: String, field: String = "phone") throws(RPCError) -> String {
        guard text.utf8.count <= 32 else { throw RPCError.invalidArgument(field: field, "is not a phone number") }
        let kept = text.filter { !" .-()".contains($0) }
        guard !kept.isEmpty else { throw RPCError.invalidArgument(field: field, "is required") }
        let plus = kept.hasPrefix("+")
        let digits = plus ? kept.dropFirst() : Substring(kept)
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw RPCError.invalidArgument(field: field, "may hold only digits, spaces, '.', '-' and a leading '+'")
        }
        let international: String
        if plus {
            international = String(digits)
        } else if digits.hasPrefix("0") {
            international = "84" + digits.dropFirst()
        } else {
            international = String(digits)
        }
        guard (10...15).contains(international.count) else {
            throw RPCError.invalidArgument(field: field, "is not a phone number")
        }
        return "+" + international
    }

    /// "•••••••678": enough for a member to recognise their phone, nothing more.
    static func hint(_ canonical: String) -> String {
        String(repeating: "•", count: max(0, canonical.count - 3)) + canonical.suffix(3)
    }
}
