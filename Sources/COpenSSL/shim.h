// What ccsh needs from the system's OpenSSL (the one libcurl already loads), as plain functions: for `listen --tls`
// a server context from PEM files, a self-signed certificate for this machine, and non-blocking TLS on a socket; for
// the client the PKCE SHA-256 and, for `doctor`, reading a certificate, its key and a CA file.
// Only Sources/Listener/TLS.swift and Sources/Client/Crypto/LibCrypto.swift import this module.
#ifndef CCSH_OPENSSL_SHIM_H
#define CCSH_OPENSSL_SHIM_H
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>

/// The last OpenSSL error as text.
static inline void ccsh_tls_error(char *text, size_t length) {
    unsigned long code = ERR_get_error();
    if (code == 0) snprintf(text, length, "unknown TLS error");
    else ERR_error_string_n(code, text, length);
    ERR_clear_error();
}

/// A TLS 1.2+ server context with this certificate chain and key (PEM); NULL with the reason in `error`.
static inline SSL_CTX *ccsh_tls_server_context(const char *certificate, const char *key, char *error, size_t length) {
    SSL_CTX *context = SSL_CTX_new(TLS_server_method());
    if (context == NULL) { ccsh_tls_error(error, length); return NULL; }
    SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION);
    SSL_CTX_set_mode(context, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    if (SSL_CTX_use_certificate_chain_file(context, certificate) != 1 || SSL_CTX_use_PrivateKey_file(context, key, SSL_FILETYPE_PEM) != 1
        || SSL_CTX_check_private_key(context) != 1) {
        ccsh_tls_error(error, length);
        SSL_CTX_free(context);
        return NULL;
    }
    return context;
}

/// Copies what `bio` holds into `buffer` as a C string; 0 when it does not fit.
static inline int ccsh_tls_bio_text(BIO *bio, char *buffer, size_t capacity) {
    int count = BIO_read(bio, buffer, (int)capacity - 1);
    if (count <= 0 || BIO_pending(bio) > 0) return 0;
    buffer[count] = 0;
    return 1;
}

/// Makes a new P-256 key and a self-signed certificate for localhost, 127.0.0.1 and ::1, valid for a year, as PEM
/// text in the two buffers (the caller writes the files: Listener/TLS.swift through SafeFile). 1 on success; 0
/// with the reason in `error`.
static inline int ccsh_tls_make_certificate(char *certificatePem, size_t certificateCapacity, char *keyPem, size_t keyCapacity,
                                            char *error, size_t length) {
    int ok = 0;
    EVP_PKEY *key = EVP_EC_gen("P-256");
    X509 *certificate = X509_new();
    X509_EXTENSION *names = NULL;
    BIO *keyText = BIO_new(BIO_s_mem());
    BIO *certificateText = BIO_new(BIO_s_mem());
    if (key == NULL || certificate == NULL || keyText == NULL || certificateText == NULL) goto done;
    X509_set_version(certificate, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(certificate), (long)time(NULL));
    X509_gmtime_adj(X509_getm_notBefore(certificate), -3600);
    X509_gmtime_adj(X509_getm_notAfter(certificate), 365L * 24 * 3600);
    X509_set_pubkey(certificate, key);
    X509_NAME *name = X509_get_subject_name(certificate);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, (const unsigned char *)"ccsh listen", -1, -1, 0);
    X509_set_issuer_name(certificate, name);
    names = X509V3_EXT_conf_nid(NULL, NULL, NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:::1");
    if (names == NULL || X509_add_ext(certificate, names, -1) != 1) goto done;
    if (X509_sign(certificate, key, EVP_sha256()) == 0) goto done;
    if (PEM_write_bio_PrivateKey(keyText, key, NULL, NULL, 0, NULL, NULL) != 1) goto done;
    if (PEM_write_bio_X509(certificateText, certificate) != 1) goto done;
    if (!ccsh_tls_bio_text(keyText, keyPem, keyCapacity) || !ccsh_tls_bio_text(certificateText, certificatePem, certificateCapacity)) goto done;
    ok = 1;
done:
    if (!ok) ccsh_tls_error(error, length);
    BIO_free(keyText);
    BIO_free(certificateText);
    X509_EXTENSION_free(names);
    X509_free(certificate);
    EVP_PKEY_free(key);
    return ok;
}

/// What a TLS call did: bytes (> 0), the peer closed (0), or wants to read (-1) or write (-2) first, or failed (-3).
static inline int ccsh_tls_outcome(SSL *ssl, int result) {
    if (result > 0) return result;
    switch (SSL_get_error(ssl, result)) {
    case SSL_ERROR_WANT_READ: return -1;
    case SSL_ERROR_WANT_WRITE: return -2;
    case SSL_ERROR_ZERO_RETURN: return 0;
    default: ERR_clear_error(); return -3;
    }
}

static inline SSL *ccsh_tls_new(SSL_CTX *context, int fd) {
    SSL *ssl = SSL_new(context);
    if (ssl != NULL) SSL_set_fd(ssl, fd);
    return ssl;
}

/// 1 when the handshake is done, else as ccsh_tls_outcome.
static inline int ccsh_tls_handshake(SSL *ssl) { return ccsh_tls_outcome(ssl, SSL_accept(ssl)); }
static inline int ccsh_tls_read(SSL *ssl, void *buffer, int length) { return ccsh_tls_outcome(ssl, SSL_read(ssl, buffer, length)); }
static inline int ccsh_tls_write(SSL *ssl, const void *buffer, int length) { return ccsh_tls_outcome(ssl, SSL_write(ssl, buffer, length)); }
static inline int ccsh_tls_pending(SSL *ssl) { return SSL_pending(ssl); }
static inline void ccsh_tls_free(SSL *ssl) { SSL_free(ssl); }
static inline void ccsh_tls_context_free(SSL_CTX *context) { SSL_CTX_free(context); }

// MARK: The client's crypto

/// SHA-256 of `length` bytes into `digest` (32 bytes); 1 on success.
static inline int ccsh_sha256(const void *bytes, size_t length, unsigned char *digest) {
    unsigned int size = 0;
    return EVP_Digest(bytes, length, digest, &size, EVP_sha256(), NULL) == 1 && size == 32;
}

/// The password callback for PEM reads: the password passed as `u`, or none (never a prompt on the terminal).
static inline int ccsh_pem_password(char *buffer, int size, int rwflag, void *u) {
    (void)rwflag;
    if (u == NULL) return 0;
    int length = (int)strlen((const char *)u);
    if (length > size) return -1;
    memcpy(buffer, u, (size_t)length);
    return length;
}

/// What reading a credential file found.
typedef enum {
    CCSH_CREDENTIAL_OK = 0,
    CCSH_CREDENTIAL_UNREADABLE = 1,   // the file cannot be opened
    CCSH_CREDENTIAL_MALFORMED = 2,    // not a certificate / key / PKCS#12 file
    CCSH_CREDENTIAL_PASSWORD = 3      // encrypted, and the password is missing or wrong
} ccsh_credential_status;

/// A certificate from a PEM or DER file.
static inline ccsh_credential_status ccsh_read_certificate(const char *path, X509 **certificate) {
    FILE *file = fopen(path, "rb");
    if (file == NULL) return CCSH_CREDENTIAL_UNREADABLE;
    *certificate = PEM_read_X509(file, NULL, ccsh_pem_password, NULL);
    if (*certificate == NULL) {
        rewind(file);
        *certificate = d2i_X509_fp(file, NULL);
    }
    fclose(file);
    ERR_clear_error();
    return *certificate == NULL ? CCSH_CREDENTIAL_MALFORMED : CCSH_CREDENTIAL_OK;
}

/// A private key from a PEM file, decrypted with `password` (NULL: none). An encrypted key (PKCS#8 or traditional
/// PEM) that does not open is a password problem; anything else that does not read is malformed.
static inline ccsh_credential_status ccsh_read_key(const char *path, const char *password, EVP_PKEY **key) {
    FILE *file = fopen(path, "rb");
    if (file == NULL) return CCSH_CREDENTIAL_UNREADABLE;
    *key = PEM_read_PrivateKey(file, NULL, ccsh_pem_password, (void *)password);
    ccsh_credential_status status = CCSH_CREDENTIAL_OK;
    if (*key == NULL) {
        status = CCSH_CREDENTIAL_MALFORMED;
        rewind(file);
        char line[256];
        while (fgets(line, sizeof line, file) != NULL) {
            if (strstr(line, "ENCRYPTED") != NULL) { status = CCSH_CREDENTIAL_PASSWORD; break; }
        }
    }
    fclose(file);
    ERR_clear_error();
    return status;
}

/// The certificate and key of a PKCS#12 file opened with `password` (NULL: empty).
static inline ccsh_credential_status ccsh_read_pkcs12(const char *path, const char *password, X509 **certificate, EVP_PKEY **key) {
    FILE *file = fopen(path, "rb");
    if (file == NULL) return CCSH_CREDENTIAL_UNREADABLE;
    PKCS12 *bundle = d2i_PKCS12_fp(file, NULL);
    fclose(file);
    if (bundle == NULL) { ERR_clear_error(); return CCSH_CREDENTIAL_MALFORMED; }
    const char *secret = password == NULL ? "" : password;
    ccsh_credential_status status = CCSH_CREDENTIAL_OK;
    if (PKCS12_verify_mac(bundle, secret, -1) != 1) status = CCSH_CREDENTIAL_PASSWORD;
    else if (PKCS12_parse(bundle, secret, key, certificate, NULL) != 1 || *certificate == NULL) status = CCSH_CREDENTIAL_MALFORMED;
    PKCS12_free(bundle);
    ERR_clear_error();
    return status;
}

/// 1 when `key` is the private key of `certificate`.
static inline int ccsh_key_matches(X509 *certificate, EVP_PKEY *key) {
    int matches = X509_check_private_key(certificate, key) == 1;
    ERR_clear_error();
    return matches;
}

/// The subject (`which` 0) or issuer (1) as RFC 2253 text into `text`.
static inline void ccsh_certificate_name(X509 *certificate, int which, char *text, size_t length) {
    text[0] = 0;
    BIO *bio = BIO_new(BIO_s_mem());
    if (bio == NULL) return;
    X509_NAME_print_ex(bio, which == 0 ? X509_get_subject_name(certificate) : X509_get_issuer_name(certificate), 0, XN_FLAG_RFC2253);
    int read = BIO_read(bio, text, (int)length - 1);
    text[read > 0 ? read : 0] = 0;
    BIO_free(bio);
}

/// notBefore (`which` 0) or notAfter (1), in seconds since 1970; 0 when unreadable.
static inline long long ccsh_certificate_time(X509 *certificate, int which) {
    struct tm moment;
    const ASN1_TIME *time = which == 0 ? X509_get0_notBefore(certificate) : X509_get0_notAfter(certificate);
    if (ASN1_TIME_to_tm(time, &moment) != 1) return 0;
    return (long long)timegm(&moment);
}

/// How many certificates a PEM file holds (0: none, -1: unreadable).
static inline int ccsh_count_certificates(const char *path) {
    FILE *file = fopen(path, "rb");
    if (file == NULL) return -1;
    int count = 0;
    X509 *certificate;
    while ((certificate = PEM_read_X509(file, NULL, ccsh_pem_password, NULL)) != NULL) {
        count++;
        X509_free(certificate);
    }
    fclose(file);
    ERR_clear_error();
    return count;
}

static inline void ccsh_certificate_free(X509 *certificate) { X509_free(certificate); }
static inline void ccsh_key_free(EVP_PKEY *key) { EVP_PKEY_free(key); }

#endif
