/// UTF-8 validation for `string` fields, which proto3 requires to be valid UTF-8.
public enum WireUTF8 {
    /// The string the bytes spell, or nil when they are not valid UTF-8.
    @inlinable
    public static func string(validating bytes: UnsafeRawBufferPointer) -> String? {
        if bytes.isEmpty { return "" }
        let units = bytes.assumingMemoryBound(to: UInt8.self)
        let string = String(decoding: units, as: UTF8.self)
        // Pure ASCII is valid UTF-8 by construction.
        if isASCII(units) { return string }
        // `String(decoding:)` replaces every ill-formed sequence with U+FFFD (itself
        // well-formed, so never equal to what it replaces): the bytes come back unchanged
        // exactly when they were valid. `String(validating:as:)` would say so directly,
        // but it is generic inside the standard library and looks up type metadata on
        // every call, which costs more than decoding a short string.
        var copy = string
        return copy.withUTF8 { equal($0, units) } ? string : nil
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

    @inlinable
    static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = a.count
        guard count == b.count else { return false }
        var index = 0
        // Eight bytes at a time while `index + 8 <= count` keeps each load inside both
        // buffers (which hold `count` bytes each), then the tail.
        if let left = a.baseAddress, let right = b.baseAddress {
            let rawLeft = UnsafeRawPointer(left), rawRight = UnsafeRawPointer(right)
            while index + 8 <= count {
                if rawLeft.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    != rawRight.loadUnaligned(fromByteOffset: index, as: UInt64.self) {
                    return false
                }
                index += 8
            }
        }
        while index < count {
            if a[index] != b[index] { return false }
            index += 1
        }
        return true
    }
}
