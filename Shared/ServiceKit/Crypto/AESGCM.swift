import COpenSSL

/// AES-256-GCM authenticated encryption through OpenSSL, for personal data at rest
/// (citizen id, card number). A sealed box is nonce (12) ‖ ciphertext ‖ tag (16).
public struct AESGCM: Sendable {
    public static let keyLength = 32
    static let nonceLength = 12
    static let tagLength = 16

    private let key: [UInt8]

    public init(key: [UInt8]) throws {
        guard key.count == AESGCM.keyLength else { throw CryptoError("AES-256-GCM key must be 32 bytes") }
        self.key = key
    }

    /// Encrypts with a fresh random nonce. `associatedData` (e.g. the record id) is
    /// authenticated but not encrypted, so a sealed value cannot be moved to another row.
    public func seal(_ plaintext: [UInt8], associatedData: [UInt8] = []) throws -> [UInt8] {
        let nonce = try SecureRandom.bytes(AESGCM.nonceLength)
        var ciphertext = [UInt8](repeating: 0, count: plaintext.count)
        var tag = [UInt8](repeating: 0, count: AESGCM.tagLength)
        try withCipherContext { context in
            guard EVP_EncryptInit_ex(context, EVP_aes_256_gcm(), nil, nil, nil) == 1,
                  EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_IVLEN, Int32(AESGCM.nonceLength), nil) == 1,
                  EVP_EncryptInit_ex(context, nil, nil, key, nonce) == 1 else { throw CryptoError("AES-GCM init") }
            var written: Int32 = 0
            if !associatedData.isEmpty {
                // Safety: a nil output buffer tells OpenSSL these bytes are AAD only.
                guard EVP_EncryptUpdate(context, nil, &written, associatedData, Int32(associatedData.count)) == 1 else {
                    throw CryptoError("AES-GCM aad")
                }
            }
            if !plaintext.isEmpty {
                // Safety: GCM is a stream mode: output is exactly as long as the input,
                // and `ciphertext` was sized to the plaintext.
                guard EVP_EncryptUpdate(context, &ciphertext, &written, plaintext, Int32(plaintext.count)) == 1 else {
                    throw CryptoError("AES-GCM encrypt")
                }
            }
            var finalBytes = [UInt8](repeating: 0, count: 16)
            guard EVP_EncryptFinal_ex(context, &finalBytes, &written) == 1,
                  EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_GET_TAG, Int32(AESGCM.tagLength), &tag) == 1 else {
                throw CryptoError("AES-GCM final")
            }
        }
        return nonce + ciphertext + tag
    }

    /// Decrypts and authenticates; throws if the box was altered or sealed with
    /// another key or other associated data.
    public func open(_ box: [UInt8], associatedData: [UInt8] = []) throws -> [UInt8] {
        guard box.count >= AESGCM.nonceLength + AESGCM.tagLength else { throw CryptoError("AES-GCM box too short") }
        let nonce = Array(box[0..<AESGCM.nonceLength])
        let ciphertext = Array(box[AESGCM.nonceLength..<(box.count - AESGCM.tagLength)])
        var tag = Array(box[(box.count - AESGCM.tagLength)...])
        var plaintext = [UInt8](repeating: 0, count: ciphertext.count)
        try withCipherContext { context in
            guard EVP_DecryptInit_ex(context, EVP_aes_256_gcm(), nil, nil, nil) == 1,
                  EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_IVLEN, Int32(AESGCM.nonceLength), nil) == 1,
                  EVP_DecryptInit_ex(context, nil, nil, key, nonce) == 1 else { throw CryptoError("AES-GCM init") }
            var written: Int32 = 0
            if !associatedData.isEmpty {
                guard EVP_DecryptUpdate(context, nil, &written, associatedData, Int32(associatedData.count)) == 1 else {
                    throw CryptoError("AES-GCM aad")
                }
            }
            if !ciphertext.isEmpty {
                // Safety: output length equals input length in GCM; buffer sized so.
                guard EVP_DecryptUpdate(context, &plaintext, &written, ciphertext, Int32(ciphertext.count)) == 1 else {
                    throw CryptoError("AES-GCM decrypt")
                }
            }
            var finalBytes = [UInt8](repeating: 0, count: 16)
            // Safety: the tag buffer holds exactly the 16 bytes OpenSSL reads.
            guard EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_TAG, Int32(AESGCM.tagLength), &tag) == 1,
                  EVP_DecryptFinal_ex(context, &finalBytes, &written) == 1 else {
                throw CryptoError("AES-GCM authentication")
            }
        }
        return plaintext
    }

    private func withCipherContext(_ body: (OpaquePointer) throws -> Void) throws {
        guard let context = EVP_CIPHER_CTX_new() else { throw CryptoError("EVP_CIPHER_CTX_new") }
        defer { EVP_CIPHER_CTX_free(context) }
        try body(context)
    }
}
