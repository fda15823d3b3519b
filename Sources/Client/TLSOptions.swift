/// How the transport authenticates the server and itself: CA bundle, client certificate and key (PEM), and the
/// key's password. Applied to a transfer in exactly one place (`CurlTransport`).
package struct TLSOptions: Sendable, Equatable {
    /// PEM file of the CAs to trust; replaces the system bundle when set.
    package var caFile: String?
    package var certificateFile: String?
    package var keyFile: String?
    /// Password of an encrypted key. Never printed; an empty password is sent when nil, so OpenSSL never prompts.
    package var keyPassword: String?

    package init(caFile: String? = nil, certificateFile: String? = nil, keyFile: String? = nil, keyPassword: String? = nil) {
        self.caFile = caFile
        self.certificateFile = certificateFile
        self.keyFile = keyFile
        self.keyPassword = keyPassword
    }
}
