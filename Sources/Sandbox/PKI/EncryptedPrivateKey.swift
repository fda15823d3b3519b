import Crypto
import Foundation
import _CryptoExtras

/// Writes a PKCS#8 private key encrypted with a password — PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC
/// (RFC 8018), the format of `openssl pkey -aes256` — because swift-certificates cannot write encrypted keys.
enum EncryptedPrivateKey {
    /// The minimum swift-crypto accepts (OWASP 2023 for PBKDF2-HMAC-SHA256); decrypting costs OpenSSL ~0.1 s once per
    /// key load, which connection reuse pays once.
    static let iterations = 210_000

    /// `-----BEGIN ENCRYPTED PRIVATE KEY-----` PEM for the PKCS#8 DER `plaintext`.
    static func pem(pkcs8 plaintext: [UInt8], password: String) throws -> String {
        var random = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in UInt8.random(in: 0...255, using: &random) }
        let ivBytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &random) }
        let key = try KDF.Insecure.PBKDF2.deriveKey(
            from: Array(password.utf8), salt: salt, using: .sha256, outputByteCount: 32, rounds: iterations)
        let ciphertext = try AES._CBC.encrypt(plaintext, using: key, iv: try AES._CBC.IV(ivBytes: ivBytes))

        let pbkdf2Params = der(0x30, der(0x04, salt) + integer(iterations) + der(0x30, hmacWithSHA256 + [0x05, 0x00]))
        let pbes2Params = der(0x30, der(0x30, pbkdf2 + pbkdf2Params) + der(0x30, aes256CBC + der(0x04, ivBytes)))
        let info = der(0x30, der(0x30, pbes2 + pbes2Params) + der(0x04, Array(ciphertext)))
        let base64 = Data(info).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        return "-----BEGIN ENCRYPTED PRIVATE KEY-----\n\(base64)\n-----END ENCRYPTED PRIVATE KEY-----\n"
    }

    private static let pbes2: [UInt8] = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x05, 0x0D]
    private static let pbkdf2: [UInt8] = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x05, 0x0C]
    private static let hmacWithSHA256: [UInt8] = [0x06, 0x08, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x02, 0x09]
    private static let aes256CBC: [UInt8] = [0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x2A]

    /// One DER TLV.
    private static func der(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        var length: [UInt8]
        if content.count < 0x80 {
            length = [UInt8(content.count)]
        } else {
            var n = content.count
            length = []
            while n > 0 {
                length.insert(UInt8(n & 0xFF), at: 0)
                n >>= 8
            }
            length.insert(0x80 | UInt8(length.count), at: 0)
        }
        return [tag] + length + content
    }

    private static func integer(_ value: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        var n = value
        repeat {
            bytes.insert(UInt8(n & 0xFF), at: 0)
            n >>= 8
        } while n > 0
        if bytes[0] & 0x80 != 0 { bytes.insert(0, at: 0) }
        return der(0x02, bytes)
    }
}
