import COpenSSL

/// HMAC-SHA256 through OpenSSL, with a constant-time comparison for verification.
public enum HMACSHA256 {
    public static let length = 32

    public static func authenticationCode(key: [UInt8], message: UnsafeRawBufferPointer) throws -> [UInt8] {
        var code = [UInt8](repeating: 0, count: length)
        var codeLength: UInt32 = 0
        let result = key.withUnsafeBytes { keyBytes in
            code.withUnsafeMutableBufferPointer { output in
                // Safety: OpenSSL reads `key.count` and `message.count` bytes from
                // buffers of those sizes and writes at most EVP_MAX_MD_SIZE (64) bytes;
                // SHA-256 writes exactly 32, the size of `output`.
                HMAC(EVP_sha256(), keyBytes.baseAddress, Int32(keyBytes.count),
                     message.baseAddress?.assumingMemoryBound(to: UInt8.self), message.count,
                     output.baseAddress, &codeLength)
            }
        }
        guard result != nil, codeLength == UInt32(length) else { throw CryptoError("HMAC-SHA256") }
        return code
    }

    public static func authenticationCode(key: [UInt8], message: [UInt8]) throws -> [UInt8] {
        try message.withUnsafeBytes { try authenticationCode(key: key, message: $0) }
    }

    /// Compares in time independent of where the inputs differ, so a forger learns
    /// nothing from how long a rejection takes.
    public static func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return lhs.withUnsafeBytes { left in
            rhs.withUnsafeBytes { right in
                // Safety: both buffers hold `lhs.count` bytes (checked above).
                CRYPTO_memcmp(left.baseAddress, right.baseAddress, lhs.count) == 0
            }
        }
    }
}
