/// How the transport authenticates the server and itself: CA bundle, client certificate and key (PEM or
/// PKCS#12), and the key's password. Applied to a transfer in exactly one place (`CurlTransport`).
package struct TLSOptions: Sendable, Equatable {
    /// PEM file of the CAs to trust; replaces the system bundle when set.
    package var caFile: String?
    /// Client certificate: PEM, or PKCS#12 when the file ends in `.p12` or `.pfx` (then it also holds the key).
    package var certificateFile: String?
    package var keyFile: String?
    /// Password of an encrypted key or PKCS#12 file. Never printed; an empty password is sent when nil, so
    /// OpenSSL never prompts on the terminal.
    package var keyPassword: String?
    /// Turns off server certificate verification. Only a profile's explicit `insecure = true` sets it.
    package var insecure = false

    package init(
        caFile: String? = nil, certificateFile: String? = nil, keyFile: String? = nil, keyPassword: String? = nil, insecure: Bool = false
    ) {
        self.caFile = caFile
        self.certificateFile = certificateFile
        self.keyFile = keyFile
        self.keyPassword = keyPassword
        self.insecure = insecure
    }

    /// True when the certificate file is PKCS#12.
    package var isPKCS12: Bool {
        guard let file = certificateFile?.lowercased() else { return false }
        return file.hasSuffix(".p12") || file.hasSuffix(".pfx")
    }
}
