import Client
import Foundation

extension SandboxEndpoints {
    /// A profile that talks to this sandbox, as a config file would describe it.
    package func profile(name: String = "sandbox") -> Profile {
        Profile.sandbox(
            named: name, realm: realm, baseURL: baseURL, serverURL: serverURL, clientID: clientID, clientSecret: clientSecret, caCert: caCert,
            clientCert: clientCert, clientKey: clientKey, redirectURI: redirectURI)
    }

    /// A session on this sandbox with its tokens under `tokenDirectory`, and its history database beside them.
    package func session(tokenDirectory: URL, name: String = "sandbox", cancellation: Cancellation? = nil) throws -> Session {
        var profile = profile(name: name)
        // A test's history database stays beside its tokens, never in the home of whoever runs the tests.
        profile.database = tokenDirectory.deletingLastPathComponent().appendingPathComponent("\(name).sqlite").path
        return try Session(profile: profile, clientSecret: clientSecret, tls: profile.tls, tokenDirectory: tokenDirectory, cancellation: cancellation)
    }
}
