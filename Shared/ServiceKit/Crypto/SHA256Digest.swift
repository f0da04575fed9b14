import COpenSSL

/// SHA-256 through OpenSSL's EVP interface.
public enum SHA256Digest {
    public static func hash(_ message: [UInt8]) throws -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        var digestLength: UInt32 = 0
        let status = message.withUnsafeBytes { input in
            digest.withUnsafeMutableBufferPointer { output in
                // Safety: reads `message.count` bytes; SHA-256 writes 32 bytes into a
                // 32-byte buffer.
                EVP_Digest(input.baseAddress, input.count, output.baseAddress, &digestLength, EVP_sha256(), nil)
            }
        }
        guard status == 1, digestLength == 32 else { throw CryptoError("SHA-256") }
        return digest
    }

    public static func hash(_ text: String) throws -> [UInt8] {
        try hash(Array(text.utf8))
    }
}
