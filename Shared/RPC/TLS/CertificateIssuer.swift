import COpenSSL

/// A certificate and its private key, both PEM.
public struct IssuedCertificate: Sendable, Equatable {
    public let certificatePEM: String
    public let privateKeyPEM: String

    public init(certificatePEM: String, privateKeyPEM: String) {
        self.certificatePEM = certificatePEM
        self.privateKeyPEM = privateKeyPEM
    }
}

/// When a certificate is valid, in seconds from now (negative: in the past).
public struct CertificateValidity: Sendable {
    public var startsIn: Int
    public var endsIn: Int

    public init(startsIn: Int, endsIn: Int) {
        self.startsIn = startsIn
        self.endsIn = endsIn
    }

    /// From five minutes ago (clocks of two machines differ a little) for `days` days.
    public static func days(_ days: Int) -> CertificateValidity {
        CertificateValidity(startsIn: -300, endsIn: days * 86_400)
    }
}

/// Makes the certificates of a deployment with OpenSSL: a certificate authority
/// (self-signed), and the certificates it signs for named peers, each naming its peer
/// in subjectAltName DNS and good for both server and client authentication (a
/// service is both). Keys are ECDSA P-256, signatures SHA-256.
public enum CertificateIssuer {
    /// A new certificate authority called `name`.
    public static func authority(named name: String, validity: CertificateValidity = .days(3650))
        throws(TLSError) -> IssuedCertificate {
        let key = try newKey()
        defer { EVP_PKEY_free(key) }
        let certificate = try newCertificate(commonName: name, key: key, validity: validity)
        defer { X509_free(certificate) }
        guard X509_set_issuer_name(certificate, X509_get_subject_name(certificate)) == 1 else {
            throw TLSError.openSSL("cannot name the authority's issuer")
        }
        try addExtensions([
            (NID_basic_constraints, "critical,CA:TRUE"),
            (NID_key_usage, "critical,keyCertSign,cRLSign"),
            (NID_subject_key_identifier, "hash"),
        ], to: certificate, issuer: certificate)
        return try signed(certificate, key: key, by: key)
    }

    /// A certificate for `dnsName`, signed by `authority`.
    public static func certificate(for dnsName: String, signedBy authority: IssuedCertificate,
                                   validity: CertificateValidity = .days(825)) throws(TLSError) -> IssuedCertificate {
        let authorityCertificate = try readCertificate(authority.certificatePEM)
        defer { X509_free(authorityCertificate) }
        let authorityKey = try readKey(authority.privateKeyPEM)
        defer { EVP_PKEY_free(authorityKey) }
        let key = try newKey()
        defer { EVP_PKEY_free(key) }
        let certificate = try newCertificate(commonName: dnsName, key: key, validity: validity)
        defer { X509_free(certificate) }
        guard X509_set_issuer_name(certificate, X509_get_subject_name(authorityCertificate)) == 1 else {
            throw TLSError.openSSL("cannot name the issuer of \(dnsName)")
        }
        try addExtensions([
            (NID_basic_constraints, "critical,CA:FALSE"),
            (NID_key_usage, "critical,digitalSignature"),
            (NID_ext_key_usage, "serverAuth,clientAuth"),
            (NID_subject_alt_name, "DNS:\(dnsName)"),
            (NID_authority_key_identifier, "keyid"),
        ], to: certificate, issuer: authorityCertificate)
        return try signed(certificate, key: key, by: authorityKey)
    }

    // MARK: - OpenSSL steps (every pointer is freed by the caller's defer)

    private static func newKey() throws(TLSError) -> OpaquePointer {
        guard let key = sotay_ec_p256_key() else { throw TLSError.openSSL("cannot generate a P-256 key") }
        return key
    }

    private static func newCertificate(commonName: String, key: OpaquePointer, validity: CertificateValidity)
        throws(TLSError) -> OpaquePointer {
        guard let certificate = X509_new() else { throw TLSError.openSSL("cannot create a certificate") }
        // Random, positive serial numbers: a renewed certificate never repeats one.
        let serial = UInt64.random(in: 1...(UInt64.max >> 1))
        guard X509_set_version(certificate, Int(X509_VERSION_3)) == 1,
              ASN1_INTEGER_set_uint64(X509_get_serialNumber(certificate), serial) == 1,
              X509_gmtime_adj(X509_getm_notBefore(certificate), validity.startsIn) != nil,
              X509_gmtime_adj(X509_getm_notAfter(certificate), validity.endsIn) != nil,
              X509_set_pubkey(certificate, key) == 1,
              X509_NAME_add_entry_by_txt(X509_get_subject_name(certificate), "CN", MBSTRING_ASC, commonName, -1, -1, 0) == 1
        else {
            X509_free(certificate)
            throw TLSError.openSSL("cannot fill the certificate of \(commonName)")
        }
        return certificate
    }

    private static func addExtensions(_ extensions: [(Int32, String)], to certificate: OpaquePointer,
                                      issuer: OpaquePointer) throws(TLSError) {
        var context = X509V3_CTX()
        X509V3_set_ctx(&context, issuer, certificate, nil, nil, 0)
        for (nid, value) in extensions {
            guard let `extension` = X509V3_EXT_conf_nid(nil, &context, nid, value) else {
                throw TLSError.openSSL("cannot make the certificate extension \(value)")
            }
            defer { X509_EXTENSION_free(`extension`) }
            guard X509_add_ext(certificate, `extension`, -1) == 1 else {
                throw TLSError.openSSL("cannot add the certificate extension \(value)")
            }
        }
    }

    private static func signed(_ certificate: OpaquePointer, key: OpaquePointer, by signingKey: OpaquePointer)
        throws(TLSError) -> IssuedCertificate {
        guard X509_sign(certificate, signingKey, EVP_sha256()) > 0 else { throw TLSError.openSSL("cannot sign the certificate") }
        let certificatePEM = try pem("the certificate") { PEM_write_bio_X509($0, certificate) }
        let keyPEM = try pem("the private key") { PEM_write_bio_PrivateKey($0, key, nil, nil, 0, nil, nil) }
        return IssuedCertificate(certificatePEM: certificatePEM, privateKeyPEM: keyPEM)
    }

    /// What `write` puts in a memory BIO, as text.
    private static func pem(_ what: String, _ write: (OpaquePointer) -> Int32) throws(TLSError) -> String {
        guard let bio = BIO_new(BIO_s_mem()) else { throw TLSError.openSSL("cannot write \(what)") }
        defer { BIO_free(bio) }
        guard write(bio) == 1 else { throw TLSError.openSSL("cannot write \(what)") }
        // `data` points into the BIO's own memory: valid until the BIO is freed (the
        // defer above), so it is copied into the String before this returns.
        var data: UnsafeMutablePointer<CChar>?
        let length = sotay_bio_mem_data(bio, &data)
        guard length > 0, let data else { throw TLSError.openSSL("cannot write \(what)") }
        return String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
    }

    private static func readCertificate(_ pem: String) throws(TLSError) -> OpaquePointer {
        let certificate = withMemoryBIO(pem) { PEM_read_bio_X509($0, nil, nil, nil) }
        guard let certificate else { throw TLSError.openSSL("cannot read the authority's certificate") }
        return certificate
    }

    private static func readKey(_ pem: String) throws(TLSError) -> OpaquePointer {
        let key = withMemoryBIO(pem) { PEM_read_bio_PrivateKey($0, nil, nil, nil) }
        guard let key else { throw TLSError.openSSL("cannot read the authority's private key") }
        return key
    }

    /// `read` over a read-only memory BIO holding `text` (nil when none can be made).
    private static func withMemoryBIO(_ text: String, _ read: (OpaquePointer) -> OpaquePointer?) -> OpaquePointer? {
        let bytes = Array(text.utf8)
        // A memory BIO reads the buffer in place, so it lives and is freed inside the
        // closure that keeps the buffer valid.
        return bytes.withUnsafeBytes { buffer -> OpaquePointer? in
            guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else { return nil }
            defer { BIO_free(bio) }
            return read(bio)
        }
    }
}
