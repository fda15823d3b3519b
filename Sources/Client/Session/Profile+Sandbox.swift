import Foundation

extension Profile {
    /// The profile that talks to a sandbox, from what its `sandbox.json` says (`ccsh --sandbox` and the tests read
    /// it the same way): the brand is the one whose realm the sandbox names.
    package static func sandbox(
        named name: String = "sandbox", realm: String, baseURL: String, serverURL: String, clientID: String, clientSecret: String,
        caCert: String, clientCert: String, clientKey: String, redirectURI: String
    ) -> Profile {
        Profile(
            name: name, brand: Brand.all.first { $0.realm == realm } ?? Brand.all[0], realm: realm, apiBase: baseURL,
            idpBase: serverURL + "/am/oauth2", clientID: clientID, clientSecret: .literal(clientSecret),
            tls: TLSOptions(caFile: caCert, certificateFile: clientCert, keyFile: clientKey), redirectURI: redirectURI)
    }
}
