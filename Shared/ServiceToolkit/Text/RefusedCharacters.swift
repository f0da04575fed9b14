import RPC

/// Characters no text input may hold: control characters (C0, DEL and C1; line feed
/// and tab only in multi-line text), which break logs, exports and other clients'
/// screens, and the bidirectional embeddings, overrides and isolates, which make a
/// name display as something other than what it is.
enum RefusedCharacters {
    static let bidirectionalControls: [ClosedRange<UInt32>] = [0x202A...0x202E, 0x2066...0x2069]

    static func check(_ text: String, field: String, multiline: Bool) throws(RPCError) {
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .control {
                if multiline && (scalar == "\n" || scalar == "\t") { continue }
                throw RPCError.invalidArgument(field: field, "holds a control character (U+\(hex(scalar)))")
            }
            if bidirectionalControls.contains(where: { $0.contains(scalar.value) }) {
                throw RPCError.invalidArgument(field: field, "holds a bidirectional control character (U+\(hex(scalar)))")
            }
        }
    }

    private static func hex(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
