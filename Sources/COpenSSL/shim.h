// The few things `listen --tls` needs from the system's OpenSSL (the one libcurl already loads), as plain functions:
// a server context from PEM files, a self-signed certificate for this machine, and non-blocking TLS on a socket.
// Only Sources/Listener/TLS.swift imports this module.
#ifndef CCSH_OPENSSL_SHIM_H
#define CCSH_OPENSSL_SHIM_H
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <stdio.h>
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

/// Writes a new P-256 key (mode 0600) and a self-signed certificate for localhost, 127.0.0.1 and ::1, valid for a
/// year, as PEM. 1 on success; 0 with the reason in `error`.
static inline int ccsh_tls_make_certificate(const char *certificatePath, const char *keyPath, char *error, size_t length) {
    int ok = 0;
    EVP_PKEY *key = EVP_EC_gen("P-256");
    X509 *certificate = X509_new();
    X509_EXTENSION *names = NULL;
    FILE *file = NULL;
    if (key == NULL || certificate == NULL) goto done;
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
    mode_t previous = umask(077);
    file = fopen(keyPath, "w");
    umask(previous);
    if (file == NULL || PEM_write_PrivateKey(file, key, NULL, NULL, 0, NULL, NULL) != 1) goto done;
    fclose(file);
    file = fopen(certificatePath, "w");
    if (file == NULL || PEM_write_X509(file, certificate) != 1) goto done;
    ok = 1;
done:
    if (!ok) ccsh_tls_error(error, length);
    if (file != NULL) fclose(file);
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

#endif
