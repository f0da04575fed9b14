import COpenSSL

/// The SHA-256 of a migration's text, as lowercase hex: what the migrator records when
/// it applies a migration and compares at every start. Computed through OpenSSL's EVP
/// interface (Store sits below ServiceKit, whose crypto wrappers it cannot import).
enum MigrationChecksum {
    static func of(_ migration: Migration) throws -> String {
        let message = Array(migration.checksumSource.utf8)
        var digest = [UInt8](repeating: 0, count: 32)
        var digestLength: UInt32 = 0
        let status = message.withUnsafeBytes { input in
            digest.withUnsafeMutableBufferPointer { output in
                // Safety: EVP_Digest reads `input.count` bytes from `input` and writes
                // SHA-256's 32 bytes into `output`, which holds 32.
                EVP_Digest(input.baseAddress, input.count, output.baseAddress, &digestLength, EVP_sha256(), nil)
            }
        }
        guard status == 1, digestLength == 32 else {
            throw StoreError(kind: .invalidMigrations, message: "\(migration.label): OpenSSL could not compute its SHA-256")
        }
        return digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
