import APIContract
import Client
import Foundation
import Shell

extension Checkup {
    /// The client certificate (PEM, DER or PKCS#12), its dates, and its key: readable, opened by the key password,
    /// the certificate's own.
    func certificateFindings(_ tls: TLSOptions) -> [Finding] {
        guard let path = tls.certificateFile else {
            return [
                .warn(
                    "certificate", "the profile has no client certificate: only the public entry point works without one",
                    hint: "the api-cert entry point needs cert and key (see README, Set-up)")
            ]
        }
        let name = Self.shortPath(path)
        switch LibCrypto.certificate(at: path, pkcs12: tls.isPKCS12, password: tls.keyPassword) {
        case .failure(let problem):
            return [Self.certificateProblem(problem, name: name, pkcs12: tls.isPKCS12)]
        case .success(let certificate):
            var findings = [Finding.ok("certificate", "\(certificate.subject); issuer \(certificate.issuer)"), dates(certificate)]
            if tls.isPKCS12 {
                findings.append(.ok("key", "in \(name), opened by key_password, the certificate's own"))
            } else {
                findings.append(Self.key(at: tls.keyFile ?? path, password: tls.keyPassword, certificate: path))
            }
            return findings
        }
    }

    /// Valid now, and for more than 30 days.
    func dates(_ certificate: CertificateSummary) -> Finding {
        let day = Self.day(certificate.notAfter)
        let left = certificate.notAfter.timeIntervalSince(now)
        let renew = "ask Stellantis for a new certificate (a new CSR, OU=Programs Partners, CN=your MZP id) and point cert at it"
        if certificate.notBefore > now {
            return .fail(
                "certificate dates",
                "not valid before \(Self.day(certificate.notBefore)) (in \(Units.duration(seconds: Int(-now.timeIntervalSince(certificate.notBefore)))))",
                hint: "is this machine's clock right? Otherwise wait, or use the certificate it replaces")
        }
        if left < 0 { return .fail("certificate dates", "expired on \(day), \(Units.duration(seconds: Int(-left))) ago", hint: renew) }
        if left < Self.renewalWindow { return .warn("certificate dates", "expires on \(day), in \(Units.duration(seconds: Int(left)))", hint: renew) }
        return .ok("certificate dates", "valid until \(day) (\(Units.duration(seconds: Int(left))) left)")
    }

    private static func key(at path: String, password: String?, certificate: String) -> Finding {
        let name = shortPath(path)
        switch LibCrypto.checkKey(at: path, password: password, certificate: certificate) {
        case nil:
            return .ok("key", "\(name)\(password == nil ? "" : ", opened by key_password"), the certificate's own")
        case .unreadable?:
            return .fail("key", "\(name) cannot be read", hint: "check the key path (and that it is readable by you)")
        case .malformed?:
            return .fail("key", "\(name) is not a PEM private key", hint: "key must be the PEM key the CSR was made with")
        case .password?:
            return .fail(
                "key", password == nil ? "\(name) is encrypted and the profile has no key_password" : "key_password does not open \(name)",
                hint: password == nil ? "add key_password = \"env:NAME\" (or file:, cmd:, prompt)" : "check the password key_password gives")
        case .mismatch?:
            return .fail(
                "key", "\(name) is not the key of \(shortPath(certificate)) (another certificate's)",
                hint: "point key at the private key this certificate's CSR was made with")
        }
    }

    private static func certificateProblem(_ problem: CredentialProblem, name: String, pkcs12: Bool) -> Finding {
        switch problem {
        case .unreadable: .fail("certificate", "\(name) cannot be read", hint: "check the cert path (and that it is readable by you)")
        case .malformed:
            .fail(
                "certificate", pkcs12 ? "\(name) is not a PKCS#12 file" : "\(name) is not a PEM or DER certificate",
                hint: "cert takes a PEM certificate, or a .p12/.pfx bundle")
        case .password: .fail("certificate", "key_password does not open \(name)", hint: "check the password key_password gives")
        case .mismatch: .fail("certificate", "the key in \(name) is not its certificate's", hint: "export the bundle again from the matching pair")
        }
    }

    /// The CA file that replaces the system's, when the profile names one.
    static func caFile(_ tls: TLSOptions) -> Finding {
        if tls.insecure { return .warn("CA", "insecure = true: the server's certificate is not verified", hint: "remove insecure and set cacert") }
        guard let path = tls.caFile else { return .ok("CA", "the system's CA certificates") }
        switch LibCrypto.certificateCount(at: path) {
        case nil:
            return .fail("CA", "\(shortPath(path)) cannot be read", hint: "check the cacert path: the CA that issued the API's server certificate")
        case 0?:
            return .fail("CA", "\(shortPath(path)) holds no PEM certificate", hint: "cacert takes PEM certificates (-----BEGIN CERTIFICATE-----)")
        case let count?:
            return .ok("CA", "\(shortPath(path)): \(count) certificate\(count == 1 ? "" : "s")")
        }
    }

    /// `~/certs/client.crt`.
    static func shortPath(_ path: String) -> String {
        let home = HomeDirectory.path()
        return path.hasPrefix(home + "/") ? "~" + path.dropFirst(home.count) : path
    }

    /// `2027-03-05`.
    static func day(_ date: Date) -> String { String(Timestamp.format(Int(date.timeIntervalSince1970)).prefix(10)) }
}
