import COpenSSL

/// Random bytes from OpenSSL's CSPRNG, for keys, one-time codes and opaque ids.
public enum SecureRandom {
    public static func bytes(_ count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let status = bytes.withUnsafeMutableBufferPointer { buffer in
            // Safety: RAND_bytes writes exactly `count` bytes into a buffer of that size.
            RAND_bytes(buffer.baseAddress, Int32(count))
        }
        guard status == 1 else { throw CryptoError("RAND_bytes") }
        return bytes
    }

    /// A uniformly random integer in 0 ..< upperBound, without modulo bias.
    public static func uniform(below upperBound: UInt32) throws -> UInt32 {
        precondition(upperBound > 0, "upper bound must be positive")
        // Reject the top sliver of the 32-bit range that would bias the remainder.
        let limit = UInt32.max - UInt32.max % upperBound
        while true {
            let raw = try bytes(4).withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }
            if raw < limit { return raw % upperBound }
        }
    }

    /// `count` random bytes as unpadded base64url: opaque ids and tokens.
    public static func token(byteCount: Int = 16) throws -> String {
        Base64URL.encode(try bytes(byteCount))
    }
}
