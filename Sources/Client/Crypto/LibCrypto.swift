internal import COpenSSL
import Foundation

/// The client's uses of the system's libcrypto — the OpenSSL libcurl already loads, so ccsh builds no second TLS
/// stack: the PKCE SHA-256, and reading a client certificate, its key and a CA file for `doctor`. The only file of
/// the client that knows OpenSSL exists.
package enum LibCrypto {
    /// SHA-256 of `bytes`.
    package static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        let done = bytes.withUnsafeBytes { input in
            digest.withUnsafeMutableBufferPointer { ccsh_sha256(input.baseAddress, input.count, $0.baseAddress) }
        }
        // EVP_Digest with SHA-256 fails only when libcrypto cannot allocate; a PKCE challenge cannot go on without it.
        precondition(done == 1, "libcrypto could not compute SHA-256")
        return digest
    }

    /// The certificate of a client certificate file: PEM or DER, or PKCS#12 (`.p12`, `.pfx`) opened with
    /// `password` — then the key inside must match it too.
    package static func certificate(at path: String, pkcs12: Bool, password: String?) -> Result<CertificateSummary, CredentialProblem> {
        var certificate: OpaquePointer?
        var key: OpaquePointer?
        defer {
            ccsh_certificate_free(certificate)
            ccsh_key_free(key)
        }
        let status = pkcs12 ? ccsh_read_pkcs12(path, password, &certificate, &key) : ccsh_read_certificate(path, &certificate)
        if let problem = CredentialProblem(status) { return .failure(problem) }
        guard let certificate else { return .failure(.malformed) }
        if pkcs12, key == nil || ccsh_key_matches(certificate, key) != 1 { return .failure(.mismatch) }
        return .success(summary(of: certificate))
    }

    /// Whether the PEM key at `keyPath` opens with `password` and belongs to the certificate at `certificatePath`.
    package static func checkKey(at keyPath: String, password: String?, certificate certificatePath: String) -> CredentialProblem? {
        var certificate: OpaquePointer?
        var key: OpaquePointer?
        defer {
            ccsh_certificate_free(certificate)
            ccsh_key_free(key)
        }
        if let problem = CredentialProblem(ccsh_read_key(keyPath, password, &key)) { return problem }
        guard ccsh_read_certificate(certificatePath, &certificate) == CCSH_CREDENTIAL_OK, let certificate, let key else { return .malformed }
        return ccsh_key_matches(certificate, key) == 1 ? nil : .mismatch
    }

    /// How many certificates a PEM CA file holds; nil when it cannot be read.
    package static func certificateCount(at path: String) -> Int? {
        let count = ccsh_count_certificates(path)
        return count < 0 ? nil : Int(count)
    }

    private static func summary(of certificate: OpaquePointer) -> CertificateSummary {
        func name(_ which: Int32) -> String {
            var text = [CChar](repeating: 0, count: 1024)
            ccsh_certificate_name(certificate, which, &text, text.count)
            return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        return CertificateSummary(
            subject: name(0), issuer: name(1), notBefore: Date(timeIntervalSince1970: Double(ccsh_certificate_time(certificate, 0))),
            notAfter: Date(timeIntervalSince1970: Double(ccsh_certificate_time(certificate, 1))))
    }
}

/// What a client certificate says about itself.
package struct CertificateSummary: Sendable, Equatable {
    /// RFC 2253, e.g. `CN=MZP000000001,OU=Programs Partners,O=ccsh`.
    package var subject: String
    package var issuer: String
    package var notBefore: Date
    package var notAfter: Date
}

/// Why a certificate, key or PKCS#12 file did not load.
package enum CredentialProblem: Error, Sendable, Equatable {
    /// The file cannot be opened.
    case unreadable
    /// Not a certificate, key or PKCS#12 file.
    case malformed
    /// Encrypted, and the password is missing or wrong.
    case password
    /// The key does not belong to the certificate.
    case mismatch

    fileprivate init?(_ status: ccsh_credential_status) {
        switch status {
        case CCSH_CREDENTIAL_OK: return nil
        case CCSH_CREDENTIAL_UNREADABLE: self = .unreadable
        case CCSH_CREDENTIAL_PASSWORD: self = .password
        default: self = .malformed
        }
    }
}
