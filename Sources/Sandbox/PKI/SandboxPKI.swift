import Crypto
import Foundation
import SafeFile
import SwiftASN1
import X509

/// The sandbox's certificates, made in-process on first start and kept in the state directory:
/// `ca.crt`, `server.crt`/`server.key` (SAN 127.0.0.1, ::1, localhost), `client.crt`/`client.key`, and the same
/// client key encrypted with a password (`client-enc.key`, password in `client-enc.pass`), and a certificate for the
/// client key that expired yesterday (`client-expired.crt`, for clients' error handling). Keys are mode 0600.
package struct SandboxPKI: Sendable {
    package let directory: URL
    package var caCertificate: URL { directory.appendingPathComponent("ca.crt") }
    package var serverCertificate: URL { directory.appendingPathComponent("server.crt") }
    package var serverKey: URL { directory.appendingPathComponent("server.key") }
    package var clientCertificate: URL { directory.appendingPathComponent("client.crt") }
    package var clientKey: URL { directory.appendingPathComponent("client.key") }
    package var clientKeyEncrypted: URL { directory.appendingPathComponent("client-enc.key") }
    /// The client key's certificate, signed by the CA, expired a day ago.
    package var expiredClientCertificate: URL { directory.appendingPathComponent("client-expired.crt") }
    private var passwordFile: URL { directory.appendingPathComponent("client-enc.pass") }

    /// The password of `client-enc.key`.
    package let clientKeyPassword: String

    /// Loads the PKI of `directory`, making a new one (named after `commonName`) when any file is missing.
    package init(directory: URL, commonName: String = "ccsh sandbox") throws {
        self.directory = directory
        let files = [
            "ca.crt", "server.crt", "server.key", "client.crt", "client.key", "client-enc.key", "client-enc.pass", "client-expired.crt",
        ].map { directory.appendingPathComponent($0).path }
        if files.allSatisfy(FileManager.default.fileExists(atPath:)),
            let password = try? String(contentsOf: directory.appendingPathComponent("client-enc.pass"), encoding: .utf8)
        {
            clientKeyPassword = password.trimmingCharacters(in: .whitespacesAndNewlines)
            return
        }
        var random = SystemRandomNumberGenerator()
        var seeded = SeededRandom(seed: random.next(), "password")
        clientKeyPassword = seeded.hex(24)
        try make(commonName: commonName)
    }

    private func make(commonName: String) throws {
        let now = Date()
        let caKey = P256.Signing.PrivateKey()
        let caName = try DistinguishedName {
            OrganizationName("ccsh")
            CommonName("\(commonName) CA")
        }
        let ca = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(caKey.publicKey),
            notValidBefore: now - 3600, notValidAfter: now + 86400 * 3650, issuer: caName, subject: caName,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: .init(caKey.publicKey))
            }, issuerPrivateKey: .init(caKey))
        let caKeyIdentifier = try ca.extensions.subjectKeyIdentifier?.keyIdentifier

        func leaf(
            _ name: String, _ usage: ExtendedKeyUsage.Usage, _ names: SubjectAlternativeNames?, key: P256.Signing.PrivateKey = .init(),
            validity: ClosedRange<Date>? = nil
        ) throws -> (String, P256.Signing.PrivateKey) {
            let validity = validity ?? (now - 3600)...(now + 86400 * 825)
            let certificate = try Certificate(
                version: .v3, serialNumber: .init(), publicKey: .init(key.publicKey),
                notValidBefore: validity.lowerBound, notValidAfter: validity.upperBound, issuer: caName,
                subject: try DistinguishedName {
                    OrganizationName("ccsh")
                    OrganizationalUnitName("Programs Partners")
                    CommonName(name)
                },
                signatureAlgorithm: .ecdsaWithSHA256,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.notCertificateAuthority)
                    Critical(KeyUsage(digitalSignature: true))
                    try ExtendedKeyUsage([usage])
                    if let caKeyIdentifier { AuthorityKeyIdentifier(keyIdentifier: caKeyIdentifier) }
                    if let names { names }
                }, issuerPrivateKey: .init(caKey))
            return (try certificate.serializeAsPEM().pemString, key)
        }
        let (serverPEM, serverKey) = try leaf(
            "localhost", .serverAuth,
            SubjectAlternativeNames([
                .dnsName("localhost"), .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1])),
                .ipAddress(ASN1OctetString(contentBytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])),
            ]))
        let (clientPEM, clientKey) = try leaf("MZP000000001", .clientAuth, nil)
        let (expiredPEM, _) = try leaf("MZP000000001", .clientAuth, nil, key: clientKey, validity: (now - 86400 * 2)...(now - 86400))

        try SafeFile.makeDirectory(directory.path)
        try write(try ca.serializeAsPEM().pemString, to: caCertificate, secret: false)
        try write(serverPEM, to: serverCertificate, secret: false)
        try write(serverKey.pemRepresentation, to: self.serverKey, secret: true)
        try write(clientPEM, to: clientCertificate, secret: false)
        try write(clientKey.pemRepresentation, to: self.clientKey, secret: true)
        try write(expiredPEM, to: expiredClientCertificate, secret: false)
        let pkcs8 = try PEMDocument(pemString: clientKey.pemRepresentation).derBytes
        try write(try EncryptedPrivateKey.pem(pkcs8: pkcs8, password: clientKeyPassword), to: clientKeyEncrypted, secret: true)
        try write(clientKeyPassword + "\n", to: passwordFile, secret: true)
    }

    private func write(_ text: String, to url: URL, secret: Bool) throws {
        try AtomicFile.write(Array(text.utf8), to: url, mode: secret ? 0o600 : 0o644)
    }
}
