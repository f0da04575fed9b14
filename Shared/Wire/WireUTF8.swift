/// UTF-8 validation for `string` fields, which proto3 requires to be valid UTF-8.
public enum WireUTF8 {
    /// The string the bytes spell, or nil when they are not valid UTF-8.
    @inlinable
    public static func string(validating bytes: UnsafeRawBufferPointer) -> String? {
        if bytes.isEmpty { return "" }
        let units = bytes.assumingMemoryBound(to: UInt8.self)
        if isASCII(units) {
            // Pure ASCII is valid UTF-8 by construction, so the non-validating (faster)
            // initializer is safe here.
            return String(decoding: units, as: UTF8.self)
        }
        return String(validating: units, as: UTF8.self)
    }

    @inlinable
    static func isASCII(_ units: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = units.count
        // Eight bytes at a time: any byte with its top bit set makes the word non-ASCII.
        if let base = units.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= count {
                if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 {
                    return false
                }
                index += 8
            }
        }
        while index < count {
            if units[index] >= 0x80 { return false }
            index += 1
        }
        return true
    }
}
