#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/pem.h>
#include <openssl/bio.h>

// What Swift cannot call directly: OpenSSL macros and variadic functions, each a
// one-line wrapper with the same meaning.

static inline long sotay_ssl_ctx_set_mode(SSL_CTX *context, long mode) { return SSL_CTX_set_mode(context, mode); }
static inline int sotay_ssl_ctx_set_min_proto_version(SSL_CTX *context, int version) {
    return (int)SSL_CTX_set_min_proto_version(context, version);
}
static inline int sotay_ssl_set_tlsext_host_name(SSL *ssl, const char *name) {
    return (int)SSL_set_tlsext_host_name(ssl, name);
}
static inline void sotay_ssl_ctx_ignore_unexpected_eof(SSL_CTX *context) {
    SSL_CTX_set_options(context, SSL_OP_IGNORE_UNEXPECTED_EOF);
}
static inline EVP_PKEY *sotay_ec_p256_key(void) { return EVP_EC_gen("P-256"); }
static inline long sotay_bio_mem_data(BIO *bio, char **data) { return BIO_get_mem_data(bio, data); }

#include <string.h>

// The first DNS name in a certificate's subjectAltName, copied into `buffer` with a
// terminating zero: its length, or -1 when there is none or it does not fit. (The
// names come as an OpenSSL stack, whose accessors are macros.)
static inline int sotay_x509_first_dns_name(X509 *certificate, char *buffer, int capacity) {
    GENERAL_NAMES *names = X509_get_ext_d2i(certificate, NID_subject_alt_name, NULL, NULL);
    if (names == NULL) return -1;
    int length = -1;
    for (int index = 0; index < sk_GENERAL_NAME_num(names) && length < 0; index++) {
        const GENERAL_NAME *name = sk_GENERAL_NAME_value(names, index);
        if (name->type != GEN_DNS) continue;
        int size = ASN1_STRING_length(name->d.dNSName);
        if (size >= 0 && size < capacity) {
            memcpy(buffer, ASN1_STRING_get0_data(name->d.dNSName), (size_t)size);
            buffer[size] = 0;
            length = size;
        }
    }
    GENERAL_NAMES_free(names);
    return length;
}
