/// UTF-8 validation for `string` fields, which proto3 requires to be valid UTF-8.
public enum WireUTF8 {
    /// The string the bytes spell, or nil when they are not valid UTF-8.
    @inlinable @inline(__always)
    public static func string(validating bytes: UnsafeRawBufferPointer) -> String? {
        // `String._tryFromUTF8` validates the bytes once and copies them into the new
        // string, or returns nil. It is the non-generic entry point that the standard
        // library's inlinable `String(validatingUTF8:)` calls from client code, so it is
        // part of the stdlib ABI. The public alternatives cost more per string (Swift 6.3,
        // Linux, 11-36 byte strings): `String(validating:as:)` is generic inside the
        // standard library (+30-50 ns), `UTF8Span(validating:)` + `String(copying:)`
        // takes two calls (+3-4 ns), and `String(decoding:)` repairs instead of failing,
        // so it needs a second pass to find out whether it did.
        // Safety: `bytes` is wire data, plain bytes that are only read as UInt8 here and
        // copied before the call returns.
        String._tryFromUTF8(bytes.assumingMemoryBound(to: UInt8.self))
    }
}
